#!/usr/bin/env bash
# One command from a fresh machine to a full test run: installs the Debian packages, builds
# everything (tests included) and runs the whole suite with CTest. Exit code: CTest's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/build.sh -DUGK_BUILD_TESTS=ON
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
