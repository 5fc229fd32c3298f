"""The built service on a loopback port with the reference data, for the Python black-box tests.

Usage (environment: UGK_BINARY, UGK_SOURCE_DIR, as CTest sets them):

    with ReferenceService() as service:
        status, headers, body = service.get("/v1/offices/jh-099/calendar.ics")
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("UGK_SOURCE_DIR", os.path.abspath(os.path.join(HERE, "..", "..")))
BINARY = os.environ.get("UGK_BINARY", os.path.join(SOURCE_DIR, "build", "ugykalauz"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ReferenceService:
    """`ugykalauz import` of data/ into a temporary folder, then `ugykalauz serve` on a free port."""

    def __init__(self, extra_args=()):
        self.extra_args = list(extra_args)
        self.dir = None
        self.process = None
        self.base = None

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="ugk-py-")
        data_dir = os.path.join(self.dir, "kb")
        imported = subprocess.run([BINARY, "import", "--quiet", "--data-dir", data_dir,
                                   os.path.join(SOURCE_DIR, "data")], capture_output=True, text=True)
        if imported.returncode != 0:
            raise RuntimeError("import failed: " + imported.stdout + imported.stderr)
        port = free_port()
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.process = subprocess.Popen([BINARY, "serve", "--data-dir", data_dir, "--host", "127.0.0.1",
                                         "--port", str(port), "--threads", "2", "--refresh-seconds", "0",
                                         *self.extra_args],
                                        stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.base = "http://127.0.0.1:%d" % port
        deadline = time.monotonic() + 30
        while True:
            try:
                if self.get("/readyz")[0] == 200:
                    break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("server did not become ready:\n" + self.server_log())
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        if self.log:
            self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        return False

    def server_log(self):
        with open(os.path.join(self.dir, "server.log")) as f:
            return f.read()

    @property
    def data_dir(self):
        return os.path.join(self.dir, "kb")

    def create_key(self, *args):
        """`ugykalauz keys create` on the served data folder; returns the bearer token."""
        created = subprocess.run([BINARY, "keys", "create", "--data-dir", self.data_dir, *args],
                                 capture_output=True, text=True)
        if created.returncode != 0:
            raise RuntimeError("key creation failed: " + created.stdout + created.stderr)
        return created.stdout.strip().splitlines()[-1]

    def post(self, path, body, headers=None):
        """POST of a JSON body (a dict, or bytes as they are); returns as get()."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        return self.get(path, headers=all_headers, data=data, method="POST")

    def get(self, path, headers=None, data=None, method=None):
        """(status, headers as a dict with lower-case names, body bytes); never raises for HTTP errors."""
        request = urllib.request.Request(self.base + path, headers=headers or {}, data=data, method=method)
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as e:
            return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


# The day reasons of /v1/offices/{id}/hours that count as special days (hours::is_special): what the
# calendar feed and the office page's openingHoursSpecification must list.
SPECIAL_DAY_REASONS = frozenset({"public_holiday", "bridge_day", "worked_saturday", "closure",
                                 "closure_exception", "exception"})


class ServedTestCase(unittest.TestCase):
    """Tests sharing one ReferenceService, `cls.service`, started once per class (with SERVE_ARGS)."""

    SERVE_ARGS = ()

    @classmethod
    def setUpClass(cls):
        cls.service = ReferenceService(cls.SERVE_ARGS).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.service.__exit__(None, None, None)
