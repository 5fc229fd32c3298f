#!/usr/bin/env python3
"""Soak: mixed reads and writes against a started server for a while, with memory, fds and latency
reported per interval (bench/soak.sh is the entry point; see its header).

Readers (keep-alive connections, one thread each) cycle through /v1/search and free-text /v1/route for
the dev queries with settlements, /v1/route by procedure id, /v1/offices/{id}, its /hours and /status.
Writers PATCH a few records with If-Match (two writers share the records, so a 412 now and then is
expected: the writer re-reads the ETag and goes on). Errors are responses other than 2xx, 304 and the
writers' 412, and failed connections. Exit status 1 on any error, on RSS growth above the limit from the
second interval's sample to the last, or when the index has not caught up (/readyz) after the writes.
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SETTLEMENTS = ["Folyás", "Hajdúnánás", "Zalavár", "Keszthely", "Görbeháza", "Budapest 14. ker.", "Polgár",
               "Debrecen", "Szeged", "Pécs", "Tiszagyulaháza", "Rezi"]
VARIANT = "/v1/procedures/hagyateki-eljaras-hagyateki-leltar/variants/koh-22406"
# (path, field) of the records the writers change.
WRITE_TARGETS = [("/v1/offices/koh-22406", "opening_hours_note"), ("/v1/offices/jh-099", "opening_hours_note"),
                 (VARIANT, "note")]
HEADERS = {"Connection": "keep-alive"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_paths(source_dir):
    """The read mix, interleaved so that every stretch of it touches every endpoint."""
    q = urllib.parse.quote
    with open(os.path.join(source_dir, "tests/search/dev-queries.tsv"), encoding="utf-8") as f:
        queries = [line.split("\t")[0] for line in f.read().splitlines()[1:] if line.strip()]
    with open(os.path.join(source_dir, "data/offices.json"), encoding="utf-8") as f:
        offices = [o["id"] for o in json.load(f)]
    with open(os.path.join(source_dir, "data/procedures.json"), encoding="utf-8") as f:
        procedures = [p["id"] for p in json.load(f)]
    groups = [
        ["/v1/search?q=%s&settlement=%s" % (q(x), q(SETTLEMENTS[i % len(SETTLEMENTS)])) for i, x in enumerate(queries)],
        ["/v1/route?q=%s&settlement=%s" % (q(x), q(SETTLEMENTS[(i + 5) % len(SETTLEMENTS)])) for i, x in enumerate(queries)],
        ["/v1/route?procedure=%s&settlement=%s" % (p, q(SETTLEMENTS[i % len(SETTLEMENTS)])) for i, p in enumerate(procedures)],
        ["/v1/offices/%s" % o for o in offices],
        ["/v1/offices/%s/hours?from=2026-03-01&to=2026-03-31" % o for o in offices],
        ["/v1/offices/%s/status?at=2026-03-10T10:00:00%%2B01:00" % o for o in offices],
    ]
    mix = []
    for i in range(max(len(g) for g in groups)):
        mix.extend(g[i % len(g)] for g in groups)
    return mix


class Stats:
    """Per-interval samples shared by the client threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()
        self.error_samples = []

    def reset(self):
        self.read_ms, self.write_ms = [], []
        self.errors = 0
        self.expected = {304: 0, 412: 0}

    def take(self):
        with self.lock:
            taken = (self.read_ms, self.write_ms, self.errors, dict(self.expected))
            self.reset()
        return taken

    def record(self, kind, ms, status, expected=(), detail=""):
        with self.lock:
            (self.write_ms if kind == "write" else self.read_ms).append(ms)
            if 200 <= status < 300:
                return
            if status in expected:
                self.expected[status] += 1
                return
            self.errors += 1
            if len(self.error_samples) < 10:
                self.error_samples.append("%s %s: %s" % (kind, status, detail[:300]))


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body, ms); status 0 with the exception text when the request failed."""
        started = time.monotonic()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=dict(HEADERS, **(headers or {})))
            res = self.conn.getresponse()
            data = res.read()
            if res.will_close:
                self.conn.close()
                self.conn = None
            return res.status, {k.lower(): v for k, v in res.getheaders()}, data, (time.monotonic() - started) * 1000
        except (OSError, http.client.HTTPException) as e:
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return 0, {}, repr(e).encode(), (time.monotonic() - started) * 1000


def reader(port, paths, offset, stop, stats):
    client = Client(port)
    i = offset
    while not stop.is_set():
        path = paths[i % len(paths)]
        i += 1
        status, _, body, ms = client.request("GET", path)
        stats.record("read", ms, status, (304,), "GET %s %s" % (path, body.decode("utf-8", "replace")))


def writer(port, key, number, per_second, stop, stats):
    client = Client(port)
    auth = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
    etags = {}
    n = 0
    next_at = time.monotonic()
    while not stop.is_set():
        path, field = WRITE_TARGETS[(n + number) % len(WRITE_TARGETS)]
        n += 1
        if path not in etags:
            status, headers, body, ms = client.request("GET", path)
            stats.record("read", ms, status, (), "GET %s %s" % (path, body.decode("utf-8", "replace")))
            if status != 200:
                continue
            etags[path] = headers.get("etag", "")
        patch = json.dumps({field: "Soak %d/%d" % (number, n)}, ensure_ascii=False).encode()
        status, headers, body, ms = client.request("PATCH", path, patch, dict(auth, **{"If-Match": etags[path]}))
        stats.record("write", ms, status, (412,), "PATCH %s %s" % (path, body.decode("utf-8", "replace")))
        if status == 200:
            etags[path] = headers.get("etag", "")
        else:
            del etags[path]  # someone else wrote it (412): read it again
        next_at += 1.0 / per_second
        stop.wait(max(0.0, next_at - time.monotonic()))


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * (len(values) - 1) + 0.5))]


def process_sample(pid):
    rss = 0
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS"):
                rss = int(line.split()[1]) / 1024
    return rss, len(os.listdir("/proc/%d/fd" % pid))


def start_server(binary, source_dir, work, threads):
    data_dir = os.path.join(work, "data")
    subprocess.run([binary, "import", "--quiet", "--data-dir", data_dir, os.path.join(source_dir, "data")],
                   check=True, capture_output=True)
    created = subprocess.run([binary, "keys", "create", "--data-dir", data_dir, "--name", "soak", "--role", "admin"],
                             check=True, capture_output=True, text=True)
    key = created.stdout.strip().splitlines()[-1]
    port = free_port()
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--host", "127.0.0.1", "--port", str(port),
                               "--threads", str(threads), "--write-rate", "10000", "--write-burst", "10000"],
                              stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              env=dict(os.environ, UGK_LOG_LEVEL="warn"))
    deadline = time.monotonic() + 60
    probe = Client(port)
    while probe.request("GET", "/readyz")[0] != 200:
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("soak: the server did not become ready; its log:\n" + open(log.name).read())
        time.sleep(0.1)
    return server, port, key, log


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("minutes", type=float, help="how long to run (fractions allowed)")
    parser.add_argument("--interval", type=float, default=60, help="seconds per reported row (default 60)")
    parser.add_argument("--binary", default=os.environ.get("UGK_BINARY"))
    parser.add_argument("--source-dir", default=os.path.abspath(os.path.join(os.path.dirname(__file__), "..")))
    parser.add_argument("--readers", type=int, default=4, help="reader connections (default 4)")
    parser.add_argument("--writes-per-second", type=float, default=20, help="all writers together (default 20)")
    parser.add_argument("--server-threads", type=int, default=2)
    parser.add_argument("--max-rss-growth", type=float, default=0.10, help="allowed growth from the 2nd sample")
    args = parser.parse_args()
    binary = args.binary or os.path.join(args.source_dir, "build", "ugykalauz")
    total = args.minutes * 60
    rows = max(1, round(total / args.interval))

    work = tempfile.mkdtemp(prefix="ugk-soak-")
    server = log = None
    stop = threading.Event()
    threads = []
    try:
        server, port, key, log = start_server(binary, args.source_dir, work, args.server_threads)
        paths = read_paths(args.source_dir)
        stats = Stats()
        client = Client(port)
        if client.request("GET", VARIANT)[0] == 404:  # the variant the writers edit
            client.request("PUT", VARIANT, json.dumps({"note": "soak"}).encode(),
                           {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
        for i in range(args.readers):
            threads.append(threading.Thread(target=reader, args=(port, paths, i * len(paths) // args.readers, stop, stats)))
        for i in range(2):
            threads.append(threading.Thread(target=writer, args=(port, key, i, args.writes_per_second / 2, stop, stats)))
        print("Soak: %g min, %d readers, %g writes/s (2 writers, 3 records), server --threads %d, pid %d"
              % (args.minutes, args.readers, args.writes_per_second, args.server_threads, server.pid))
        print()
        print("| interval end | RSS MiB | open fds | requests | req/s | writes | 412 | errors "
              "| read p50 ms | read p99 ms | write p50 ms | write p99 ms |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        sys.stdout.flush()
        started = time.monotonic()
        for t in threads:
            t.start()
        samples, errors = [], 0
        for row in range(1, rows + 1):
            end = started + row * args.interval
            while time.monotonic() < end:
                time.sleep(min(1.0, max(0.0, end - time.monotonic())))
                if server.poll() is not None:
                    raise SystemExit("soak: the server exited with %s; its log:\n%s" % (server.returncode, open(log.name).read()))
            reads, writes, row_errors, expected = stats.take()
            rss, fds = process_sample(server.pid)
            samples.append(rss)
            errors += row_errors
            count = len(reads) + len(writes)
            print("| %s | %.1f | %d | %d | %.0f | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |" % (
                time.strftime("%M:%S", time.gmtime(row * args.interval)), rss, fds, count, count / args.interval,
                len(writes), expected[412], row_errors, percentile(reads, 50), percentile(reads, 99),
                percentile(writes, 50), percentile(writes, 99)))
            sys.stdout.flush()
        stop.set()
        for t in threads:
            t.join(timeout=60)

        failures = []
        if errors:
            failures.append("%d errors, e.g.:\n  %s" % (errors, "\n  ".join(stats.error_samples)))
        reference = samples[1] if len(samples) > 1 else samples[0]
        growth = samples[-1] / reference - 1
        print()
        print("RSS from the 2nd sample to the end: %.1f -> %.1f MiB (%+.1f%%); peak %s"
              % (reference, samples[-1], growth * 100, peak_rss(server.pid)))
        if growth > args.max_rss_growth:
            failures.append("RSS grew %.1f%% (limit %.0f%%)" % (growth * 100, args.max_rss_growth * 100))
        deadline = time.monotonic() + 30
        while client.request("GET", "/readyz")[0] != 200:
            if time.monotonic() > deadline:
                failures.append("/readyz not 200 within 30 s after the writes stopped")
                break
            time.sleep(0.2)
        if failures:
            print("soak: FAILED: " + "; ".join(failures), file=sys.stderr)
            log.flush()
            with open(log.name, encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
            print("server log (last 40 lines):\n  " + "\n  ".join(lines[-40:]), file=sys.stderr)
            return 1
        print("soak: ok (0 errors)")
        return 0
    finally:
        stop.set()
        if server is not None and server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
        if log is not None:
            log.close()
        shutil.rmtree(work, ignore_errors=True)


def peak_rss(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM"):
                return "%.1f MiB" % (int(line.split()[1]) / 1024)
    return "?"


if __name__ == "__main__":
    sys.exit(main())
