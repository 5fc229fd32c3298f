#!/usr/bin/env bash
# Relevance of our search against PostgreSQL FTS and SQLite FTS5 on the development query set and our
# own query set. Prints a Markdown table (top-1, top-3, MRR@10 per engine, overall and per style).
# Usage: bench/relevance/run.sh [--misses]     (needs bench/install-deps.sh once; builds what it needs)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${UGK_BENCH_BUILD:-$root/build-bench}
source "$root/bench/common/postgres.sh"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DUGK_BUILD_TESTS=OFF -DUGK_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target ugk_bench_relevance >/dev/null

work=$(mktemp -d /tmp/ugk-relevance.XXXXXX)
chmod 755 "$work"
trap 'pg_stop; rm -rf "$work"' EXIT
pg_start "$work/pg"

dev=$root/tests/search/dev-queries.tsv
[[ -f $root/../shared/eval/dev-queries.tsv ]] && dev=$root/../shared/eval/dev-queries.tsv
"$build/bench/ugk_bench_relevance" --bundle "$root/data" --work "$work" --postgres "$PG_CONNINFO" \
  --queries "$dev" --queries "$root/bench/queries-own.tsv" "$@"
