#!/usr/bin/env python3
"""The office sheet over HTTP: CSV export and import of an editor's offices' hours, contacts and visits.

Runs the built binary on the reference data (tests/support/ugk_service.py) with an editor key for
jh-099 and an admin key. Checks the round trip (export -> import changes nothing), a file as a
Hungarian-locale spreadsheet saves it (BOM, ';', CRLF) and as others do (',', LF, no BOM), that edits
become one write per changed record with history, and that a file with any problem is refused as a
whole (422 naming line and column) with nothing written.
"""
import csv
import io
import json
import os
import subprocess
import sys
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ugk_service import BINARY, ServedTestCase  # noqa: E402

SHEET = "/v1/sheets/offices.csv"


class OfficeSheet(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        data_dir = os.path.join(cls.service.dir, "kb")

        def key(*args):
            out = subprocess.run([BINARY, "keys", "create", "--data-dir", data_dir, *args],
                                 capture_output=True, text=True, check=True)
            return out.stdout.strip().splitlines()[-1]
        cls.editor = key("--role", "editor", "--office", "jh-099", "--name", "sheet-editor")
        cls.admin = key("--role", "admin", "--name", "sheet-admin")

    def request(self, method, path, token, body=None):
        headers = {"Authorization": "Bearer " + token} if token else {}
        if body is not None:
            headers["Content-Type"] = "text/csv"
        req = urllib.request.Request(self.service.base + path, method=method, data=body, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
        except urllib.error.HTTPError as e:
            return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()

    def export(self, token=None):
        status, headers, body = self.request("GET", SHEET, token or self.editor)
        self.assertEqual(status, 200, body[:300])
        self.assertEqual(headers["content-type"], "text/csv; charset=utf-8")
        return body

    def rows(self, body):
        text = body.decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))

    def write(self, rows, delimiter=";", bom=True, line_end="\r\n"):
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), delimiter=delimiter, lineterminator=line_end)
        writer.writeheader()
        writer.writerows(rows)
        return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")

    def upload(self, body, token=None):
        status, headers, answer = self.request("POST", SHEET, token or self.editor, body)
        return status, headers, json.loads(answer)

    def record(self, path):
        status, headers, body = self.service.get(path)
        self.assertEqual(status, 200)
        return headers["etag"], json.loads(body)

    def history(self, path):
        return len(json.loads(self.service.get(path + "/history")[2])["revisions"])

    def test_1_export_has_the_editors_office_and_its_visits_and_round_trips_unchanged(self):
        body = self.export()
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
        self.assertIn(b"\r\n", body)
        rows = self.rows(body)
        self.assertEqual([r["id"] for r in rows if r["record"] == "office"], ["jh-099"])
        visits = [r for r in rows if r["record"] == "visit"]
        self.assertEqual(len(visits), len(json.loads(self.service.get("/v1/offices/jh-099")[2])["visits"]))
        etag, _ = self.record("/v1/offices/jh-099")
        self.assertEqual(rows[0]["version"], etag.strip('"'))
        before = self.history("/v1/offices/jh-099")
        status, _, answer = self.upload(body)
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["changed"], 0)
        self.assertEqual(self.history("/v1/offices/jh-099"), before)

    def test_2_spreadsheet_edits_become_one_write_per_changed_record(self):
        rows = self.rows(self.export())
        office = rows[0]
        visit = next(r for r in rows if r["record"] == "visit")
        office["phone"] = "+36 52 570 100"
        office["opening_hours_note"] = "Pénteken; rövidített, \"nyári\" rend"
        visit["schedule"] = "Mo 09:00-11:00; PH off"
        before = self.history("/v1/offices/jh-099")
        status, _, answer = self.upload(self.write(rows))  # BOM, ';', CRLF as a Hungarian spreadsheet saves it
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["changed"], 2)
        self.assertEqual({(a["record"], a["id"]) for a in answer["applied"]}, {("office", "jh-099"), ("visit", visit["id"])})
        etag, record = self.record("/v1/offices/jh-099")
        self.assertEqual(record["phone"], "+36 52 570 100")
        self.assertEqual(record["opening_hours_note"], "Pénteken; rövidített, \"nyári\" rend")
        self.assertEqual(self.history("/v1/offices/jh-099"), before + 1)
        self.assertEqual(self.record("/v1/visits/" + visit["id"])[1]["schedule"], "Mo 09:00-11:00; PH off")
        # The exported version is the new one: the next round trip changes nothing again.
        again = self.rows(self.export())
        self.assertEqual(again[0]["version"], etag.strip('"'))
        self.assertEqual(self.upload(self.export())[2]["changed"], 0)

    def test_3_comma_separated_lf_files_without_bom_are_read_too(self):
        rows = self.rows(self.export())
        rows[0]["email"] = "jarasihivatal@example.hu"
        status, _, answer = self.upload(self.write(rows, delimiter=",", bom=False, line_end="\n"))
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["changed"], 1)
        self.assertEqual(self.record("/v1/offices/jh-099")[1]["email"], "jarasihivatal@example.hu")

    def test_4_any_problem_refuses_the_whole_file_naming_line_and_column(self):
        rows = self.rows(self.export())
        etag_before, record_before = self.record("/v1/offices/jh-099")
        rows[0]["phone"] = "+36 1 111 1111"                  # valid, but must not be written
        visits = [r for r in rows if r["record"] == "visit"]
        visits[0]["schedule"] = "Mo 25:00-26:00"             # invalid opening hours
        visits[1]["version"] = str(int(visits[1]["version"]) - 1)  # stale
        rows[0]["name"] = "Más név"                          # read-only
        visits[2]["phone"] = "+36 1 222 2222"                # not a visit field
        status, headers, problem = self.upload(self.write(rows))
        self.assertEqual(status, 422, problem)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"))
        found = {(e["line"], e["column"]) for e in problem["errors"]}
        line_of = {r["id"]: i + 2 for i, r in enumerate(rows)}  # header is line 1
        self.assertIn((line_of[visits[0]["id"]], "schedule"), found)
        self.assertIn((line_of[visits[1]["id"]], "version"), found)
        self.assertIn((line_of["jh-099"], "name"), found)
        self.assertIn((line_of[visits[2]["id"]], "phone"), found)
        etag_after, record_after = self.record("/v1/offices/jh-099")
        self.assertEqual((etag_after, record_after), (etag_before, record_before))

    def test_5_editors_cannot_upload_other_offices_and_keys_are_required(self):
        admin_rows = self.rows(self.export(self.admin))
        self.assertGreater(sum(r["record"] == "office" for r in admin_rows), 1000)
        other = next(r for r in admin_rows if r["id"] == "ph-16568")
        other["phone"] = "+36 52 000 000"
        header = {k: k for k in other}
        del header  # the editor's file with one foreign row
        status, _, problem = self.upload(self.write([other]))
        self.assertEqual(status, 422, problem)
        self.assertEqual(problem["errors"][0]["column"], "id")
        status, _, _ = self.request("GET", SHEET, None)
        self.assertEqual(status, 401)
        status, _, problem = self.upload(b"nem;csv\r\n1;2\r\n")
        self.assertEqual(status, 422)
        self.assertTrue(any(e["column"] == "record" for e in problem["errors"]), problem)


if __name__ == "__main__":
    unittest.main(verbosity=2)
