#!/usr/bin/env bash
# Soak test: imports the demo data (data/) into a temporary folder, starts `ugykalauz serve` on it with
# an admin key, runs mixed reads (search, route, office, hours, status) on keep-alive connections and
# PATCH writes with If-Match concurrently for MINUTES, and prints one Markdown row per interval
# (default 60 s): RSS, open fds (/proc/PID/fd), requests, writes, expected 412s, errors (non-2xx other
# than 304/412, failed connections), read and write p50/p99 latency.
# Exit non-zero on any error, on RSS growth above 10% from the second interval's sample to the end, or
# when /readyz does not return to 200 after the writes. Python 3 standard library only (bench/soak.py).
#   bench/soak.sh MINUTES [--interval SECONDS] [--binary PATH] [--readers N] [--writes-per-second W]
#   e.g. bench/soak.sh 10            (docs/benchmarks.md, "Soak")
#        bench/soak.sh 0.5 --interval 10   (the CTest soak_short)
# The binary defaults to $UGK_BINARY, else build/ugykalauz.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/soak.py" "$@"
