#!/usr/bin/env python3
"""The reverse proxy of docker/nginx/nginx.conf, run for real: Debian's nginx with that configuration
(only the upstream address, the port and the paths of a container replaced) in front of the built
service on the demo data. Proves what the proxy is there for: it forwards the API, refuses broken
framing and oversized requests itself with problem+json, and says so in Hungarian when the service is
down. Skips (exit 0 with a message) only when nginx is not installed.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ugk_service import SOURCE_DIR, ReferenceService, free_port  # noqa: E402

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
CONFIG = os.path.join(SOURCE_DIR, "docker", "nginx", "nginx.conf")


def proxy_config(upstream_port, listen_port, prefix):
    """The container's configuration for this machine: everything else stays as shipped."""
    with open(CONFIG) as f:
        text = f.read()
    replacements = [
        (r"^user www-data;\n", ""),
        (r"pid /run/nginx.pid;", "pid %s/nginx.pid;" % prefix),
        (r"access_log /var/log/nginx/access.log;", "access_log %s/access.log;" % prefix),
        (r"error_log /var/log/nginx/error.log warn;", "error_log %s/error.log warn;" % prefix),
        (r"server ugykalauz:8080;", "server 127.0.0.1:%d;" % upstream_port),
        (r"listen 8080 default_server;", "listen 127.0.0.1:%d default_server;" % listen_port),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        if count != 1:
            raise AssertionError("docker/nginx/nginx.conf changed: %r not found once" % pattern)
    # Temporary files of a non-root nginx go under the prefix too.
    text = text.replace("http {", "http {\n  client_body_temp_path %s/body;\n  proxy_temp_path %s/proxy;"
                        % (prefix, prefix), 1)
    return text


def raw(port, data, timeout=10):
    """Sends raw bytes, returns (status, headers dict, body) of the first response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        # No half-close: nginx takes it for a client that went away (499) and answers nothing.
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            chunks.append(chunk)
    response = b"".join(chunks)
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


@unittest.skipIf(NGINX is None, "nginx is not installed (scripts/install-deps.sh installs it)")
class NginxInFront(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.service = ReferenceService().__enter__()
        cls.upstream_port = int(cls.service.base.rsplit(":", 1)[1])
        cls.prefix = tempfile.mkdtemp(prefix="ugk-nginx-")
        cls.port = free_port()
        with open(os.path.join(cls.prefix, "nginx.conf"), "w") as f:
            f.write(proxy_config(cls.upstream_port, cls.port, cls.prefix))
        checked = subprocess.run([NGINX, "-t", "-p", cls.prefix, "-c", "nginx.conf"], capture_output=True, text=True)
        if checked.returncode != 0:
            raise AssertionError("nginx -t refused the configuration:\n" + checked.stderr)
        cls.nginx = subprocess.Popen([NGINX, "-p", cls.prefix, "-c", "nginx.conf", "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                break
            except OSError:
                if cls.nginx.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("nginx did not start: " + cls.nginx.stderr.read().decode())
                time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        if cls.nginx.poll() is None:
            cls.nginx.terminate()
            cls.nginx.wait(timeout=10)
        cls.service.__exit__(None, None, None)
        shutil.rmtree(cls.prefix, ignore_errors=True)

    def get(self, target, extra=b""):
        return raw(self.port, b"GET " + target + b" HTTP/1.1\r\nHost: ugk\r\n" + extra + b"Connection: close\r\n\r\n")

    def assert_problem(self, status, headers, body, expected):
        self.assertEqual(status, expected, body[:300])
        self.assertTrue(headers.get("content-type", "").startswith("application/problem+json"), headers)
        problem = json.loads(body)
        self.assertEqual(problem["status"], expected)
        self.assertTrue(problem["title"])
        return problem

    def test_the_api_answers_through_the_proxy(self):
        status, headers, body = self.get(b"/v1/route?settlement=Foly%C3%A1s&procedure=hagyateki-eljaras-hagyateki-leltar")
        self.assertEqual(status, 200, body[:300])
        answer = json.loads(body)
        self.assertEqual(answer["settlement"]["name"], "Folyás")
        self.assertNotIn("server", {k: v for k, v in headers.items() if "nginx/" in v}, "no version disclosed")

    def test_the_services_own_problems_pass_through(self):
        status, headers, body = self.get(b"/v1/route?procedure=x")
        problem = self.assert_problem(status, headers, body, 400)
        self.assertEqual(problem.get("field"), "settlement", "the service's answer, not the proxy's")

    def test_a_body_over_the_limit_is_refused_by_the_proxy(self):
        body = b"{" + b" " * (400 * 1024) + b"}"
        status, headers, answer = raw(self.port, b"POST /v1/offices HTTP/1.1\r\nHost: ugk\r\nContent-Type: application/json\r\n"
                                      b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
        problem = self.assert_problem(status, headers, answer, 413)
        self.assertIn("proxy", problem["type"])

    def test_ambiguous_framing_never_reaches_the_service(self):
        status, headers, body = raw(self.port, b"POST /v1/offices HTTP/1.1\r\nHost: ugk\r\nContent-Length: 5\r\n"
                                    b"Content-Length: 7\r\nConnection: close\r\n\r\nhello")
        self.assert_problem(status, headers, body, 400)
        status, headers, body = raw(self.port, b"POST /v1/offices HTTP/1.1\r\nHost: ugk\r\nTransfer-Encoding: gzip\r\n"
                                    b"Connection: close\r\n\r\nhello")
        self.assertIn(status, (400, 501), body[:200])
        # The service is still there behind it.
        self.assertEqual(self.get(b"/healthz")[0], 200)

    def test_a_method_the_api_does_not_serve_stops_at_the_proxy(self):
        status, headers, body = raw(self.port, b"TRACE / HTTP/1.1\r\nHost: ugk\r\nConnection: close\r\n\r\n")
        self.assertIn(status, (405, 501))
        self.assertTrue(headers.get("content-type", "").startswith("application/problem+json"), headers)

    def test_zz_a_service_that_is_down_is_a_hungarian_502(self):
        # Runs last (unittest sorts by name): it stops the service.
        self.service.process.terminate()
        self.service.process.wait(timeout=30)
        status, headers, body = self.get(b"/v1/search?q=hagyat%C3%A9k")
        problem = self.assert_problem(status, headers, body, 502)
        self.assertEqual(problem["title"], "A szolgáltatás nem érhető el")


if __name__ == "__main__":
    unittest.main(verbosity=2)
