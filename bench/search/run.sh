#!/usr/bin/env bash
# Speed at national scale: index build time and size, in-process latency p50/p95/p99 of our engine,
# SQLite FTS5 and PostgreSQL FTS, then HTTP throughput/latency of /v1/search under concurrent
# keep-alive load (wrk) next to nginx serving a static file on the same machine (the ceiling).
# Prints Markdown; docs/benchmarks.md holds a copy of the output with the machine it ran on.
# Usage: bench/search/run.sh [SECONDS_PER_HTTP_RUN]  (needs bench/install-deps.sh once)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${UGK_BENCH_BUILD:-$root/build-bench}
duration=${1:-15}
connections=${UGK_BENCH_CONNECTIONS:-32}
threads=${UGK_BENCH_SERVER_THREADS:-2}
source "$root/bench/common/postgres.sh"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DUGK_BUILD_TESTS=OFF -DUGK_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target ugk_bench_search ugykalauz >/dev/null

work=$(mktemp -d /tmp/ugk-speed.XXXXXX)
chmod 755 "$work"
server_pid=
nginx_conf=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n $nginx_conf ]] && nginx -c "$nginx_conf" -p "$work/nginx" -s quit 2>/dev/null
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
pg_start "$work/pg"

queries=$root/tests/search/dev-queries.tsv
echo "## Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
echo
echo "Command: bench/search/run.sh $duration (wrk: 2 threads, $connections keep-alive connections, ${duration}s; server --threads $threads)"
echo
"$build/bench/ugk_bench_search" --bundle "$root/data" --data-dir "$work/data" --work "$work" \
  --queries "$queries" --postgres "$PG_CONNINFO"
pg_stop  # free the cores for the HTTP runs

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The query mix for wrk: every dev query as a /v1/search URL, cycled by the Lua script.
python3 - "$queries" "$work/paths.lua" <<'PY'
import sys, urllib.parse
rows = [l.split("\t")[0] for l in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:] if l.strip()]
with open(sys.argv[2], "w") as out:
    out.write("paths = {\n")
    for q in rows:
        out.write('  "/v1/search?q=%s",\n' % urllib.parse.quote(q))
    out.write("}\n")
    out.write("i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n")
PY

port=$(free_port)
"$build/ugykalauz" serve --data-dir "$work/data" --port "$port" --threads "$threads" --refresh-seconds 0 \
  >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/v1/search?q=lakc%C3%ADmk%C3%A1rtya" >"$work/sample.json"

mkdir -p "$work/nginx/www" "$work/nginx/logs"
cp "$work/sample.json" "$work/nginx/www/search.json"
chmod -R a+rX "$work/nginx"
nginx_port=$(free_port)
nginx_conf=$work/nginx/nginx.conf
cat >"$nginx_conf" <<CONF
worker_processes $threads;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/www;
    default_type application/json;
  }
}
CONF
nginx -c "$nginx_conf" -p "$work/nginx"

run_wrk() {  # name url [script]
  local name=$1 url=$2
  shift 2
  local out
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" "$url")
  local rps p50 p99 errors non2xx
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  errors=$(awk '/Socket errors/{print $0}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  echo "| $name | $rps | $p50 | $p99 | ${non2xx:-0} non-2xx ${errors:+; $errors} |"
}

echo
echo "HTTP, $connections keep-alive connections, ${duration}s each (body: $(wc -c <"$work/sample.json") bytes static):"
echo
echo "| server | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
run_wrk "nginx static file (ceiling)" "http://127.0.0.1:$nginx_port/search.json"
run_wrk "ugykalauz /v1/search (dev queries cycled)" "http://127.0.0.1:$port" -s "$work/paths.lua"
echo
echo "ugykalauz serve memory after the load: $(awk '/VmRSS/{print $2/1024 " MiB RSS"}' /proc/$server_pid/status), peak $(awk '/VmHWM/{print $2/1024 " MiB"}' /proc/$server_pid/status)"
