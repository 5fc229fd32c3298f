#!/usr/bin/env bash
# One command from a fresh machine to a full test run: installs the Debian packages, builds
# everything (tests included) and runs the whole suite with CTest, then a short run of every libFuzzer
# target (UGK_FUZZ_SECONDS per target, default 15; 0 skips it; long runs: scripts/fuzz.sh 600).
# Arguments go to CTest (e.g. -R guide); with arguments the fuzz run is skipped.
# Exit code: CTest's, or 1 when CTest passed and a fuzz target found something.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/build.sh -DUGK_BUILD_TESTS=ON
fuzz_seconds=${UGK_FUZZ_SECONDS:-15}
status=0
(cd build && ctest --output-on-failure -j"$(nproc)" "$@") || status=$?
# A focused run (CTest arguments given) is not a full run: no fuzzing then.
if ((status == 0 && fuzz_seconds > 0 && $# == 0)); then
  echo "== short fuzz run: ${fuzz_seconds}s per target (UGK_FUZZ_SECONDS)"
  scripts/fuzz.sh "$fuzz_seconds" || status=1
fi
exit $status
