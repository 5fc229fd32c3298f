#!/usr/bin/env python3
"""Malformed-request suite (issue 15): the reproducers of the hardening issue, sent with raw sockets to
a real `ugykalauz serve` on the bundled demo data.

Every answer must be below 500, every 4xx must be application/problem+json, nothing may take until a
timeout to be answered, and the server must still be alive and ready at the end.

    malformed_requests.py --binary build/cli/ugykalauz --source-dir .

Python 3 standard library only.
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

FAILURES = []
SOURCE_DIR = "."
CHECKS = 0


class Answer:
    def __init__(self, status, headers, body, seconds):
        self.status = status
        self.headers = headers  # lower-case name -> list of values
        self.body = body
        self.seconds = seconds

    def header(self, name):
        values = self.headers.get(name.lower(), [])
        return values[0] if values else None

    def json(self):
        return json.loads(self.body.decode("utf-8"))


def read_answer(sock, head_request=False):
    """Reads one HTTP/1.1 response; None when the connection closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None, data
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    length = int(headers.get("content-length", ["0"])[0])
    if head_request:
        return Answer(status, headers, b"", 0), rest
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return Answer(status, headers, rest[:length], 0), rest[length:]


def exchange(port, raw, answers=1, head_request=False, timeout=3.0):
    """Sends raw bytes on a fresh connection; returns the answers read (fewer if it closed)."""
    started = time.monotonic()
    out = []
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        leftover = b""
        try:
            for _ in range(answers):
                # A leftover holds the start of the next answer; feed it back through a tiny wrapper.
                answer, leftover = read_answer(Prefixed(sock, leftover), head_request)
                if answer is None:
                    break
                answer.seconds = time.monotonic() - started
                out.append(answer)
        except socket.timeout:
            pass
    return out


class Prefixed:
    def __init__(self, sock, prefix):
        self.sock = sock
        self.prefix = prefix

    def recv(self, n):
        if self.prefix:
            data, self.prefix = self.prefix, b""
            return data
        return self.sock.recv(n)


def request(method, path, body=None, headers=None, extra=b""):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    payload = b""
    if body is not None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        lines.append("Content-Type: application/json")
        lines.append(f"Content-Length: {len(payload)}")
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload + extra


def check(name, condition, detail=""):
    global CHECKS
    CHECKS += 1
    if not condition:
        FAILURES.append(f"{name}: {detail}")
        print(f"FAIL {name}: {detail}", flush=True)


def expect(name, answers, statuses, field=None, count=1, head=False):
    """Every answer below 500 and problem+json when 4xx; the first one's status in `statuses`."""
    check(name + " answered", len(answers) >= count, f"{len(answers)} answers, wanted {count}")
    for a in answers:
        check(name + " no 5xx", a.status < 500, f"status {a.status} body {a.body[:200]!r}")
        check(name + " in time", a.seconds < 2.5, f"{a.seconds:.1f} s")
        if a.status >= 400 and not head:
            ctype = a.header("content-type") or ""
            check(name + " problem+json", ctype.startswith("application/problem+json"), f"Content-Type {ctype!r}")
            try:
                problem = a.json()
                check(name + " problem status", problem.get("status") == a.status, a.body[:200])
            except (ValueError, UnicodeDecodeError) as e:
                check(name + " problem body", False, f"{e}: {a.body[:200]!r}")
    if answers:
        check(name + " status", answers[0].status in statuses, f"status {answers[0].status}, wanted {statuses}: "
              f"{answers[0].body[:300]!r}")
        if field is not None and answers[0].status >= 400 and not head:
            check(name + " field", answers[0].json().get("field") == field,
                  f"field {answers[0].json().get('field')!r}, wanted {field!r}")


def run(binary, source_dir):
    work = tempfile.mkdtemp(prefix="ugk-malformed-")
    data_dir = os.path.join(work, "kb")
    os.makedirs(data_dir)
    subprocess.run([binary, "import", "--data-dir", data_dir, os.path.join(source_dir, "data")], check=True,
                   stdout=subprocess.DEVNULL)

    def key(*args):
        out = subprocess.run([binary, "keys", "create", "--data-dir", data_dir, *args], check=True,
                             capture_output=True, text=True).stdout
        return out.strip().splitlines()[-1]

    editor = key("--name", "editor", "--role", "editor", "--office", "koh-22406")
    admin = key("--name", "admin", "--role", "admin")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--port", str(port), "--threads", "2"],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                if exchange(port, request("GET", "/healthz"))[0].status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        cases(port, editor, admin)
        # Still alive, and ready.
        check("server alive", server.poll() is None, f"exit {server.poll()}")
        ready = exchange(port, request("GET", "/readyz"))
        check("ready at the end", ready and ready[0].status == 200, ready[0].body if ready else "no answer")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        if FAILURES:
            with open(os.path.join(work, "serve.log")) as f:
                print("--- server log (tail) ---\n" + "".join(f.readlines()[-30:]))


def cases(port, editor, admin):
    auth_editor = {"Authorization": f"Bearer {editor}", "If-Match": "*"}
    auth_admin = {"Authorization": f"Bearer {admin}", "If-Match": "*"}

    # 1. Long strings and deep nesting in bodies (a regex recursed per character; a dump per level).
    expect("website 30000", exchange(port, request("PATCH", "/v1/offices/koh-22406",
                                                   {"website": "https://" + "a" * 30000}, auth_editor)), {422})
    expect("fee nested 100000 deep", exchange(port, request(
        "PATCH", "/v1/offices/koh-22406", b'{"fees": [{"amount_huf": ' + b"[" * 100000 + b"]" * 100000 + b"}]}",
        auth_editor)), {400, 422}, "body")
    expect("sources 200000", exchange(port, request(
        "PATCH", "/v1/procedures/hagyateki-eljaras-hagyateki-leltar", {"sources": ["https://" + "a" * 200000]},
        auth_admin)), {413, 422})
    expect("form url 50000", exchange(port, request(
        "PATCH", "/v1/forms/lakcimbejelento-lap", {"url": "https://" + "a" * 50000}, auth_admin)), {422})

    # 2. Invalid UTF-8 in paths, query parameters and bodies.
    for path, field in [("/v1/offices/%FF", "id"), ("/v1/procedures/%C3", "id"), ("/v1/forms/%ED%A0%80", "id"),
                        ("/v1/offices/%FF/status", "id"), ("/v1/route?settlement=%FF&q=hagyat%C3%A9k", "settlement"),
                        ("/v1/snapshot?district=%FF", "district"), ("/v1/suggest?q=%FF", "q"),
                        ("/v1/search?q=%FF", "q"), ("/v1/settlements?q=%FF", "q")]:
        expect("utf8 " + path, exchange(port, request("GET", path)), {400}, field)
    expect("utf8 body", exchange(port, request("PATCH", "/v1/offices/koh-22406", b'{"phone": "\xff"}', auth_editor)),
           {400}, "body")
    expect("raw non-ASCII path", exchange(port, request("GET", "/v1/offices/\xff")), {400})

    # 3. Cheap 500s.
    expect("since overflow", exchange(port, request("GET", "/v1/changes?since=9223372036854775808")), {400}, "since")
    expect("phone 1e999", exchange(port, request("PATCH", "/v1/offices/koh-22406", b'{"phone": 1e999}', auth_editor)),
           {400, 422})
    expect("closure office_ids", exchange(port, request(
        "PATCH", "/v1/closures/" + first_closure(), {"exceptions": [{"office_ids": "abc"}]}, auth_admin)), {422})
    for name, value in [("Cookie", "a"), ("Date", "not a date"), ("Host", "x:99999999999999999999"),
                        ("Content-Length", "-1"), ("Accept", "\x01"), ("If-Match", "\"99999999999999999999999\"")]:
        raw = (f"GET /v1/procedures HTTP/1.1\r\n{name}: {value}\r\n" +
               ("Host: 127.0.0.1\r\n" if name != "Host" else "") + "Connection: close\r\n\r\n").encode("latin-1")
        expect("header " + name, exchange(port, raw), {200, 400})

    # 4. Header and log injection through ids; ids outside the grammar.
    for bad_id in ["v-x\r\nSet-Cookie: injected=1", "", " ", "\u0000", "\u202ev-x", "V-X", "v-x/y", "a" * 500]:
        visit = {"id": bad_id, "office_id": "koh-22406", "settlement_ksh": "34014", "place": "Faluház",
                 "schedule": "2026 Jan 10 08:00-10:00"}
        answers = exchange(port, request("POST", "/v1/visits", visit, auth_editor))
        expect("visit id " + repr(bad_id[:20]), answers, {400, 422})
        check("no injected header", all("set-cookie" not in a.headers for a in answers))

    # 6. The failed-auth limiter never blocks a valid key.
    for _ in range(15):
        exchange(port, request("PATCH", "/v1/offices/koh-22406", {"phone": "+36 1 234 567"},
                               {"Authorization": "Bearer ugk_nobody.secret", "If-Match": "*"}))
    valid = exchange(port, request("GET", "/v1/changes?since=now", headers=auth_admin))
    expect("changes after failures", valid, {200})
    after = exchange(port, request("PATCH", "/v1/offices/koh-22406", {"phone": "+36 1 234 567"}, auth_admin))
    expect("valid key after 15 bad tokens", after, {200})

    # 7. Framing.
    expect("conflicting Content-Length", exchange(
        port, b"POST /v1/offices HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 10\r\n\r\n{}"), {400},
        "Content-Length")
    expect("chunked plus identity", exchange(
        port, b"POST /v1/offices HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity"
              b"\r\n\r\n0\r\n\r\n"), {400, 411})
    expect("blank before colon", exchange(
        port, b"POST /v1/offices HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n"), {400})
    smuggled = exchange(port, b"POST /v1/offices HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n"
                              b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", answers=2)
    expect("declared 100 GB", smuggled, {413}, "Content-Length")
    check("nothing parsed after 413", len(smuggled) == 1, f"{len(smuggled)} answers")
    pipelined = exchange(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/procedures/nincs HTTP/1.1\r\n"
                               b"Host: x\r\n\r\n", answers=2)
    expect("two pipelined", pipelined, {200}, count=2)
    if len(pipelined) == 2:
        check("second pipelined answered", pipelined[1].status == 404, str(pipelined[1].status))
    for name, raw in [("malformed request line", b"GET\r\n\r\n"), ("bare LF", b"GET /healthz HTTP/1.1\nHost: x\n\n"),
                      ("TLS hello", bytes.fromhex("160301020001000200030344")), ("HTTP/2", b"GET / HTTP/2.0\r\n\r\n"),
                      ("binary", b"\x00\x01\x02\x03\r\n\r\n"), ("huge header", b"GET / HTTP/1.1\r\nX: " + b"a" * 70000)]:
        expect(name, exchange(port, raw), {400, 431})
    unknown = exchange(port, b"BREW /v1/procedures HTTP/1.1\r\nHost: x\r\n\r\n")
    expect("unknown method", unknown, {405})
    if unknown:
        check("unknown method Allow", "GET" in (unknown[0].header("allow") or ""), str(unknown[0].headers))
    for method in ["TRACE", "CONNECT", "DELETE"]:
        expect(method + " on a GET path", exchange(port, request(method, "/v1/procedures")), {405})
    expect("unknown path", exchange(port, request("GET", "/nincs/ilyen")), {404})
    expect("413 own", exchange(port, request("PATCH", "/v1/offices/koh-22406", b"{" + b" " * 400000 + b"}",
                                             auth_editor)), {413})

    # HEAD for every GET: the GET's headers and length, no body.
    get = exchange(port, request("GET", "/v1/procedures/hagyateki-eljaras-hagyateki-leltar"))
    head = exchange(port, request("HEAD", "/v1/procedures/hagyateki-eljaras-hagyateki-leltar"), head_request=True)
    expect("HEAD", head, {200}, head=True)
    if get and head:
        check("HEAD length", head[0].header("content-length") == str(len(get[0].body)),
              f"{head[0].header('content-length')} vs {len(get[0].body)}")
        check("HEAD etag", head[0].header("etag") == get[0].header("etag"), str(head[0].headers))
    keep = exchange(port, b"HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n"
                          b"Connection: close\r\n\r\n", answers=1, head_request=True)
    expect("HEAD keeps the connection", keep, {200}, head=True)
    expect("HEAD unknown path", exchange(port, request("HEAD", "/nincs"), head_request=True), {404}, head=True)


def first_closure():
    with open(os.path.join(SOURCE_DIR, "data", "calendar", "closures.json"), encoding="utf-8") as f:
        return json.load(f)[0]["id"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    global SOURCE_DIR
    SOURCE_DIR = args.source_dir
    run(args.binary, args.source_dir)
    print(f"{CHECKS} checks, {len(FAILURES)} failures")
    return 1 if FAILURES or CHECKS == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
