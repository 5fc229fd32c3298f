#!/usr/bin/env bash
# Configures and builds Ügykalauz into build/ (Release by default; UGK_BUILD_TYPE=Debug to change).
# Usage: scripts/build.sh [extra cmake -D options]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
launcher=()
# ccache, when installed, makes rebuilds after switching branches cheap; the build does not need it.
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE="${UGK_BUILD_TYPE:-RelWithDebInfo}" "${launcher[@]}" "$@"
elif (($#)); then
  cmake -S . -B build "$@"
fi
cmake --build build -j"$(nproc)"
