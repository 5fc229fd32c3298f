#!/usr/bin/env bash
# Configures and builds Ügykalauz into build/ (Release by default; UGK_BUILD_TYPE=Debug to change).
# Usage: scripts/build.sh [extra cmake -D options]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE="${UGK_BUILD_TYPE:-RelWithDebInfo}" "$@"
elif (($#)); then
  cmake -S . -B build "$@"
fi
cmake --build build -j"$(nproc)"
