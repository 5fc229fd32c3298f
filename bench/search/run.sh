#!/usr/bin/env bash
# Speed at national scale, in one run on one machine with the baselines:
#  - index build time and size, in-process latency p50/p95/p99 of our engine (queries asked for a
#    settlement), SQLite FTS5 and PostgreSQL FTS, relevance demo vs national (bench/search/main.cpp);
#  - HTTP under concurrent keep-alive load (wrk): /healthz (our own ceiling), /v1/search and free-text
#    /v1/route with settlements, next to nginx serving a static file (the machine's ceiling);
#  - writes: how long after its acknowledgement an edit is searchable (p50/p99 over 100 writes), and
#    the server's RSS before and after 1,000 writes.
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
echo "## Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Command: bench/search/run.sh $duration (wrk: 2 threads, $connections keep-alive connections, ${duration}s; server --threads $threads)"
echo
"$build/bench/ugk_bench_search" --bundle "$root/data" --data-dir "$work/data" --work "$work" \
  --queries "$queries" --postgres "$PG_CONNINFO"
pg_stop  # free the cores for the HTTP runs

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The query mix for wrk: every dev query, asked for a settlement (cycling through settlements of
# districts with and without local content), as /v1/search and as free-text /v1/route.
python3 - "$queries" "$work" <<'PY'
import sys, urllib.parse
rows = [l.split("\t")[0] for l in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:] if l.strip()]
settlements = ["Folyás", "Hajdúnánás", "Zalavár", "Keszthely", "Görbeháza", "Budapest 14. ker.", "Polgár",
               "Debrecen", "Szeged", "Pécs", "Tiszagyulaháza", "Rezi"]
def script(name, make):
    with open(f"{sys.argv[2]}/{name}.lua", "w") as out:
        out.write("paths = {\n")
        for i, q in enumerate(rows):
            out.write('  "%s",\n' % make(q, settlements[i % len(settlements)]))
        out.write("}\n")
        out.write("i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n")
quote = lambda s: urllib.parse.quote(s)
script("search", lambda q, s: "/v1/search?q=%s&settlement=%s" % (quote(q), quote(s)))
# As the front ends ask: with `surface`, so that the search analytics count each question.
script("search_counted", lambda q, s: "/v1/search?q=%s&settlement=%s&surface=widget" % (quote(q), quote(s)))
script("route", lambda q, s: "/v1/route?q=%s&settlement=%s&at=2026-03-10T10:00:00%%2B01:00" % (quote(q), quote(s)))
PY

admin=$("$build/ugykalauz" keys create --data-dir "$work/data" --name bench --role admin | tail -1)
port=$(free_port)
UGK_LOG_LEVEL=warn "$build/ugykalauz" serve --data-dir "$work/data" --port "$port" --threads "$threads" --refresh-seconds 0 \
  --write-rate 10000 --write-burst 10000 >"$work/serve.log" 2>&1 &
server_pid=$!
ready=
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && ready=1 && break; sleep 0.2; done
if [[ -z $ready ]]; then
  echo "bench/search/run.sh: the server did not become ready within 30 s; its log:" >&2
  cat "$work/serve.log" >&2
  exit 1
fi
curl -sf "http://127.0.0.1:$port/v1/search?q=lakc%C3%ADmk%C3%A1rtya&settlement=Foly%C3%A1s" >"$work/sample.json"

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

healthz_rps=
run_wrk() {  # name url [script]
  local name=$1 url=$2
  shift 2
  local out rps p50 p99 errors non2xx share
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" "$url")
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  errors=$(awk '/Socket errors/{print $0}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  [[ $name == *healthz* ]] && healthz_rps=$rps
  share=$([[ -n $healthz_rps ]] && python3 -c "print(f'{$rps/$healthz_rps:.2f}')" || echo "-")
  echo "| $name | $rps | $share | $p50 | $p99 | ${non2xx:-0} non-2xx ${errors:+; $errors} |"
}

echo
echo "HTTP, $connections keep-alive connections, ${duration}s each (static body: $(wc -c <"$work/sample.json") bytes):"
echo
echo "| server | requests/s | share of /healthz | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
run_wrk "nginx static file (machine ceiling)" "http://127.0.0.1:$nginx_port/search.json"
run_wrk "ugykalauz /healthz (Pistache ceiling)" "http://127.0.0.1:$port/healthz"
run_wrk "ugykalauz /v1/search, dev queries with settlements" "http://127.0.0.1:$port" -s "$work/search.lua"
run_wrk "ugykalauz /v1/route free text, dev queries with settlements" "http://127.0.0.1:$port" -s "$work/route.lua"
# Issue 13: the search path with the analytics counting every question, and the same on a server
# started with --analytics off (the other server idles meanwhile).
run_wrk "ugykalauz /v1/search with surface=widget, analytics on" "http://127.0.0.1:$port" -s "$work/search_counted.lua"
off_port=$(free_port)
UGK_LOG_LEVEL=warn "$build/ugykalauz" serve --data-dir "$work/data" --port "$off_port" --threads "$threads" \
  --refresh-seconds 0 --analytics off >"$work/serve-off.log" 2>&1 &
off_pid=$!
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$off_port/readyz" >/dev/null && break; sleep 0.2; done
run_wrk "ugykalauz /v1/search with surface=widget, analytics off" "http://127.0.0.1:$off_port" -s "$work/search_counted.lua"
kill "$off_pid" && wait "$off_pid" 2>/dev/null || true

echo
python3 - "$port" "$admin" "$server_pid" <<'PY'
import http.client, json, sys, time, urllib.parse
port, key, pid = int(sys.argv[1]), sys.argv[2], sys.argv[3]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

def request(method, path, body=None, headers=None):
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers or {})
    res = conn.getresponse()
    return res.status, dict(res.getheaders()), res.read()

def rss_mib():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024

# A variant of the office serving Folyás, edited with a new word each time.
path = "/v1/procedures/hagyateki-eljaras-hagyateki-leltar/variants/koh-22406"
status, headers, body = request("GET", path)
auth = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
if status == 404:
    status, headers, body = request("PUT", path, {"note": "bench"}, auth)
etag = headers["ETag"]
words = "abcdefghijklmnopqrstuvwxyz"
latencies = []
for i in range(100):
    word = "zbench" + "".join(words[int(c)] for c in f"{i:03d}")
    status, headers, body = request("PATCH", path, {"title": "Hagyatéki ügyek " + word}, dict(auth, **{"If-Match": etag}))
    assert status == 200, body
    etag = headers["ETag"]
    acknowledged = time.monotonic()
    query = "/v1/search?" + urllib.parse.urlencode({"q": word, "settlement": "Folyás"})
    while True:
        status, _, body = request("GET", query)
        hits = json.loads(body)["results"]
        if hits and word in hits[0]["title"]:
            break
        if time.monotonic() - acknowledged > 10:
            raise SystemExit("write not searchable within 10 s")
    latencies.append((time.monotonic() - acknowledged) * 1000)
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p / 100 * (len(latencies) - 1) + 0.5))]
print(f"Writes: searchable after the acknowledgement, 100 writes one after another: p50 {pct(50):.0f} ms, "
      f"p99 {pct(99):.0f} ms, max {latencies[-1]:.0f} ms")
before = rss_mib()
for i in range(1000):
    status, headers, body = request("PATCH", path, {"note": f"bench {i}"}, dict(auth, **{"If-Match": etag}))
    assert status == 200, body
    etag = headers["ETag"]
    if i == 499:
        middle = rss_mib()
time.sleep(2)  # let the index catch up
print(f"Serve RSS around 1,000 writes: {before:.0f} MiB before, {middle:.0f} MiB after 500, {rss_mib():.0f} MiB after 1,000")
PY
echo "ugykalauz serve memory at the end: $(awk '/VmRSS/{print $2/1024 " MiB RSS"}' /proc/$server_pid/status), peak $(awk '/VmHWM/{print $2/1024 " MiB"}' /proc/$server_pid/status)"
