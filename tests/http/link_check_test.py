"""The link checker (issue 13, item 5) against a local test server: `ugykalauz check-links` must
classify every case the server serves (200, 404, 500, redirects, a redirect chain, a loop, too many
redirects, a redirect without Location, a slow answer, a hang past the timeout, a connection reset, a
refused connection), store them with the check time, keep to the per-host delay, and the answers
(/v1/procedures/{id}, /v1/route) must flag the broken links. Never reaches the internet: every link of
the reference data is pointed at the local server through the editing API before the check runs.
"""
import http.server
import json
import os
import socket
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ugk_service import BINARY, SOURCE_DIR, ServedTestCase, free_port  # noqa: E402

PER_HOST_DELAY_MS = 300
TIMEOUT_MS = 2500
SLOW_MS = 600

# path -> (expected status, expected problem, expected redirects)
CASES = {
    "/ok": ("ok", "", 0),
    "/form.pdf": ("ok", "", 0),
    "/missing": ("broken", "http_404", 0),
    "/error": ("broken", "http_500", 0),
    "/moved": ("ok", "", 1),
    "/chain/1": ("caution", "long_redirect_chain", 3),
    "/loop/a": ("broken", "redirect_loop", 2),
    "/far/1": ("broken", "too_many_redirects", 6),
    "/no-location": ("broken", "redirect_without_location", 0),
    "/slow": ("caution", "slow", 0),
    "/hang": ("broken", "timeout", 0),
    "/reset": ("broken", "connection_reset", 0),
}


class Handler(http.server.BaseHTTPRequestHandler):
    first_hops = []  # (monotonic time, path) of the requests for CASES paths

    def log_message(self, *args):
        pass

    def send(self, status, content_type="text/html", location=None, body=b"<html>ok</html>"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path in CASES and path not in [p for _, p in Handler.first_hops]:  # the loop comes back to /loop/a
            Handler.first_hops.append((time.monotonic(), path))
        try:
            if path in ("/ok", "/target"):
                self.send(200)
            elif path == "/form.pdf":
                self.send(200, "application/pdf", body=b"%PDF-1.4\n" + b"x" * 200000)
            elif path == "/missing":
                self.send(404)
            elif path == "/error":
                self.send(500)
            elif path == "/moved":
                self.send(301, location="/target")
            elif path.startswith("/chain/"):
                n = int(path.rsplit("/", 1)[1])
                self.send(302, location="/chain/%d" % (n + 1) if n < 3 else "/target")
            elif path == "/loop/a":
                self.send(302, location="/loop/b")
            elif path == "/loop/b":
                self.send(302, location="/loop/a")
            elif path.startswith("/far/"):
                self.send(307, location="/far/%d" % (int(path.rsplit("/", 1)[1]) + 1))
            elif path == "/no-location":
                self.send(302)
            elif path == "/slow":
                time.sleep(SLOW_MS / 1000 + 0.4)
                self.send(200)
            elif path == "/hang":
                time.sleep(TIMEOUT_MS / 1000 + 1.5)
                self.send(200)
            elif path == "/reset":
                # SO_LINGER 0: close() sends a TCP reset instead of a normal close.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
            else:
                self.send(404)
        except OSError:
            self.close_connection = True

    def finish(self):
        try:
            super().finish()
        except OSError:
            pass


class LinkCheckTest(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        cls.httpd.daemon_threads = True
        threading.Thread(target=cls.httpd.serve_forever, daemon=True).start()
        cls.local = "http://127.0.0.1:%d" % cls.httpd.server_address[1]
        closed_port = free_port()  # nobody listens there
        cls.refused = "http://127.0.0.1:%d/refused" % closed_port

        with open(os.path.join(SOURCE_DIR, "data", "forms.json")) as f:
            forms = json.load(f)
        with open(os.path.join(SOURCE_DIR, "data", "procedures.json")) as f:
            procedures_text = f.read()
        # The only web links of the reference data are form URLs: the channels' "where" are texts.
        assert '"where": "http' not in procedures_text
        urls = [cls.local + path for path in CASES] + [cls.refused]
        assert len(forms) >= len(urls)
        cls.form_of = {}  # url -> (form id, its first procedure)
        admin = cls.service.create_key("--name", "Admin", "--role", "admin")
        headers = {"Authorization": "Bearer " + admin, "Content-Type": "application/merge-patch+json"}
        targets = [f for f in forms if f.get("url")] + [f for f in forms if not f.get("url")]
        for form, url in zip(targets, urls):
            etag = cls.service.get("/v1/forms/" + form["id"])[1]["etag"]
            status, _, body = cls.service.get("/v1/forms/" + form["id"], headers={**headers, "If-Match": etag},
                                              data=json.dumps({"url": url}).encode(), method="PATCH")
            assert status == 200, body
            cls.form_of[url] = (form["id"], form["procedures"][0])
        # Any form left with an outside URL would be checked over the internet: there must be none.
        for form in forms:
            status, _, body = cls.service.get("/v1/forms/" + form["id"])
            url = json.loads(body).get("url")
            assert url is None or url.startswith("http://127.0.0.1:"), url

        started = time.monotonic()
        cls.result = subprocess.run(
            [BINARY, "check-links", "--data-dir", cls.service.data_dir, "--concurrency", "4",
             "--per-host-delay-ms", str(PER_HOST_DELAY_MS), "--timeout-ms", str(TIMEOUT_MS),
             "--slow-ms", str(SLOW_MS), "--max-redirects", "5"],
            capture_output=True, text=True, timeout=120)
        cls.elapsed = time.monotonic() - started

    @classmethod
    def tearDownClass(cls):
        cls.httpd.shutdown()
        super().tearDownClass()

    def stored(self):
        with sqlite3.connect(os.path.join(self.service.data_dir, "ugykalauz.sqlite3")) as db:
            db.row_factory = sqlite3.Row
            return {r["url"]: dict(r) for r in db.execute("SELECT * FROM link_checks")}

    def test_every_case_is_classified(self):
        self.assertEqual(self.result.returncode, 0, self.result.stdout + self.result.stderr)
        stored = self.stored()
        self.assertEqual(len(stored), len(CASES) + 1, self.result.stdout)
        for path, (status, problem, redirects) in CASES.items():
            row = stored[self.local + path]
            self.assertEqual((row["status"], row["problem"], row["redirects"]), (status, problem, redirects), path)
            self.assertRegex(row["checked_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        refused = stored[self.refused]
        self.assertEqual((refused["status"], refused["problem"]), ("broken", "connection_refused"))
        self.assertEqual(stored[self.local + "/ok"]["http_status"], 200)
        self.assertEqual(stored[self.local + "/missing"]["http_status"], 404)
        self.assertEqual(stored[self.local + "/form.pdf"]["content_type"], "application/pdf")
        self.assertEqual(stored[self.local + "/moved"]["final_url"], self.local + "/target")
        self.assertGreaterEqual(stored[self.local + "/slow"]["elapsed_ms"], SLOW_MS)
        self.assertLess(stored[self.local + "/hang"]["elapsed_ms"], TIMEOUT_MS + 1000)
        self.assertIn("broken 8", self.result.stdout)
        self.assertIn("caution 2", self.result.stdout)

    def test_per_host_delay_is_kept(self):
        starts = sorted(t for t, _ in Handler.first_hops)
        self.assertEqual(len(starts), len(CASES))
        gaps = [b - a for a, b in zip(starts, starts[1:])]
        self.assertGreaterEqual(min(gaps), PER_HOST_DELAY_MS / 1000 - 0.02, gaps)

    def test_answers_flag_broken_links(self):
        url = self.local + "/missing"
        form_id, procedure = self.form_of[url]
        deadline = time.monotonic() + 5  # the server looks for new results once a second
        while True:
            status, _, body = self.service.get("/v1/procedures/" + procedure)
            self.assertEqual(status, 200)
            answer = json.loads(body)
            if answer["broken_links"] or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        flagged = {b["url"]: b["problem"] for b in answer["broken_links"]}
        self.assertEqual(flagged[url], "http_404")
        # Only broken links are listed (the procedure may carry several of the test's forms).
        for flagged_url in flagged:
            self.assertEqual(CASES.get(flagged_url[len(self.local):], ("broken",))[0], "broken", flagged_url)
        form = next(f for f in answer["form_details"] if f["id"] == form_id)
        self.assertEqual(form["url_status"], "broken")
        # The routed answer for a settlement carries the same flag.
        status, _, body = self.service.get("/v1/route?settlement=Hajd%C3%BAn%C3%A1n%C3%A1s&procedure=" + procedure)
        self.assertEqual(status, 200, body)
        self.assertIn(url, [b["url"] for b in json.loads(body)["broken_links"]])
        # A link that works is marked ok and not listed.
        ok_form, ok_procedure = self.form_of[self.local + "/ok"]
        answer = json.loads(self.service.get("/v1/procedures/" + ok_procedure)[2])
        self.assertEqual(next(f for f in answer["form_details"] if f["id"] == ok_form)["url_status"], "ok")

    def test_report_and_metrics_count_the_links(self):
        admin = self.service.create_key("--name", "Admin", "--role", "admin")
        time.sleep(1.1)
        report = json.loads(self.service.get("/v1/reports/quality", {"Authorization": "Bearer " + admin})[2])
        self.assertEqual(report["links"]["broken"], 8)
        self.assertEqual(report["links"]["caution"], 2)
        self.assertEqual(report["links"]["checked"], len(CASES) + 1)
        metrics = self.service.get("/metrics")[2].decode()
        self.assertIn('ugk_links{outcome="broken"} 8', metrics)


if __name__ == "__main__":
    unittest.main(verbosity=2)
