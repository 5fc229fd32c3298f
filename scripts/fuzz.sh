#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang, ASan and UBSan into build-fuzz/ and runs each for
# SECONDS (default 60) over a seed corpus taken from data/ (fuzz/seed.py); the corpus grows in
# build-fuzz/fuzz/corpus/<target>, crashes land in build-fuzz/fuzz/<target>-crash-*.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 600   or   scripts/fuzz.sh 30 fuzz_hours
# Exit 0 when no target found anything. A crash found becomes a regression test in tests/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then targets=(fuzz_hours fuzz_json_codec fuzz_csv fuzz_query fuzz_params); fi
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ missing (apt-get install clang)" >&2; exit 1; }

flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
if [[ ! -f build-fuzz/CMakeCache.txt ]]; then
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None \
    -DCMAKE_CXX_FLAGS="$flags" -DUGK_BUILD_FUZZ=ON -DUGK_BUILD_TESTS=OFF "${launcher[@]}"
fi
nice -n 19 cmake --build build-fuzz -j2 --target "${targets[@]}"
python3 fuzz/seed.py --source-dir . --out build-fuzz/fuzz/corpus

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in "${targets[@]}"; do
  echo "== $target: ${seconds}s"
  if ! nice -n 19 build-fuzz/fuzz/"$target" -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 \
       -artifact_prefix=build-fuzz/fuzz/"$target"- build-fuzz/fuzz/corpus/"$target" 2>build-fuzz/fuzz/"$target".log; then
    echo "$target: FOUND SOMETHING, see build-fuzz/fuzz/$target.log" >&2
    status=1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" build-fuzz/fuzz/"$target".log || true
done
exit $status
