#!/usr/bin/env python3
"""Search analytics over HTTP (issue 13): anonymous and aggregated counts of what was searched, what
found nothing and which result was opened, per surface and area; personal data scrubbed before it
is counted, no address stored; the quality report's search section, where the zero-result queries
come with the synonym and best bet that would mend them; `--analytics off` counts nothing.

Runs the built binary on the reference data (tests/support/ugk_service.py).
"""
import json
import os
import sqlite3
import sys
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ugk_service import ServedTestCase  # noqa: E402

from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

OFFICE = "koh-22406"  # Hajdúnánási Közös Önkormányzati Hivatal: Folyás's municipal office
DISTRICT = "099"      # Hajdúnánási járás


class Client:
    def __init__(self, base):
        self.base = base

    def request(self, method, path, token=None, body=None):
        headers = {"Authorization": "Bearer " + token} if token else {}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.base + path, method=method, data=data, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read()
                ctype = r.headers.get("Content-Type", "")
                return r.status, ctype, json.loads(raw) if raw and "json" in ctype else raw
        except urllib.error.HTTPError as e:
            raw = e.read()
            return e.code, e.headers.get("Content-Type", ""), json.loads(raw) if raw else None

    def search(self, q, **params):
        status, _, body = self.request("GET", "/v1/search?" + urllib.parse.urlencode({"q": q, **params}))
        assert status == 200, body
        return body

    def report(self, query="", token=None):
        status, _, body = self.request("GET", "/v1/reports/quality" + query, token)
        assert status == 200, body
        return body["search"]


class SearchAnalytics(ServedTestCase):
    # A long flush interval: what the report shows must come from its own flush, not the timer.
    SERVE_ARGS = ("--analytics-flush-seconds", "3600")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.service.create_key("--role", "admin", "--name", "analytics-admin")
        cls.editor = cls.service.create_key("--role", "editor", "--office", OFFICE, "--name", "analytics-editor")
        cls.api = Client(cls.service.base)

    def stored_queries(self):
        db = sqlite3.connect(os.path.join(self.service.data_dir, "ugykalauz.sqlite3"))
        try:
            return {row[0]: row[1:] for row in db.execute(
                "SELECT query, SUM(searches), SUM(zero_results), SUM(relaxed) FROM search_days GROUP BY query")}
        finally:
            db.close()

    def test_only_searches_that_name_their_surface_are_counted(self):
        self.api.search("anyakönyvi kivonat", surface="desk")
        self.api.search("anyakönyvi kivonat másolat")  # an API client or a bench: not a person's question
        self.api.search("anyakönyvi kivonat", surface="desk", offset="10")  # a further page: the same question
        self.api.report(token=self.admin)  # flushes
        stored = self.stored_queries()
        self.assertEqual(stored.get("anyakönyvi kivonat", (0,))[0], 1, stored)
        self.assertNotIn("anyakönyvi kivonat másolat", stored)

    def test_personal_data_is_scrubbed_before_it_is_counted_and_no_address_is_stored(self):
        self.api.search("Kiss Anna vagyok, TAJ 123 456 789, kiss.anna@example.hu lakcímkártya elveszett",
                        surface="widget", settlement="Folyás")
        self.api.report(token=self.admin)
        stored = " ".join(self.stored_queries())
        for personal in ("Kiss", "kiss", "Anna", "anna", "123", "456", "789", "@example", "example.hu"):
            self.assertNotIn(personal, stored)
        for placeholder in ("[név] vagyok", "[taj-szám]", "[e-mail] lakcímkártya elveszett"):
            self.assertIn(placeholder, stored)
        with open(os.path.join(self.service.data_dir, "ugykalauz.sqlite3"), "rb") as f:
            database = f.read()
        self.assertNotIn(b"127.0.0.1", database)

    def test_search_as_you_type_counts_once_as_the_last_text(self):
        for text in ("út", "útle", "útlevél", "útlevél gyer", "útlevél gyereknek"):
            self.api.search(text, surface="widget")
        self.api.report(token=self.admin)
        stored = self.stored_queries()
        self.assertEqual(stored["útlevél gyereknek"][0], 1, stored)
        for prefix in ("út", "útle", "útlevél", "útlevél gyer"):
            self.assertNotIn(prefix, stored)

    def test_the_report_lists_failed_queries_of_the_area_with_the_records_that_would_mend_them(self):
        before = self.api.report("?office=" + OFFICE, self.editor)["searches"]
        self.api.search("vendégházat nyitnánk a Balatonnál", surface="widget", settlement="Folyás")
        self.api.search("qqqq zzzz", surface="widget", settlement="Folyás")
        self.api.search("qqqq zzzz", surface="field", settlement="Budapest I. kerület")  # another area
        report = self.api.report("?office=" + OFFICE, self.editor)
        self.assertEqual(report["searches"], before + 2)
        failed = {row["query"]: row for row in report["failed_queries"]}
        self.assertEqual(failed["qqqq zzzz"]["zero_results"], 1)
        self.assertEqual(failed["qqqq zzzz"]["candidates"], [])
        relaxed = failed["vendégházat nyitnánk a balatonnál"]
        self.assertEqual(relaxed["relaxed"], 1)
        self.assertGreater(len(relaxed["candidates"]), 0)
        self.assertEqual(relaxed["offers"]["best_bet"]["record"]["procedures"], [relaxed["candidates"][0]["id"]])
        self.assertIn("widget", {s["surface"] for s in report["surfaces"]})
        self.assertEqual(sum(w["searches"] for w in report["weeks"]), report["searches"])
        # The district's report counts it too; anonymous readers get only the national aggregate.
        self.assertGreaterEqual(self.api.report("?district=" + DISTRICT, self.admin)["searches"], 2)
        national = self.api.report()
        self.assertGreaterEqual(national["searches"], 3)
        self.assertNotIn("failed_queries", national)
        self.assertNotIn("opened", national)
        # The admin's national report has the texts.
        self.assertIn("qqqq zzzz", {row["query"] for row in self.api.report(token=self.admin)["failed_queries"]})

    def test_a_synonym_offered_by_the_report_mends_the_query(self):
        query = "fizetővendéglátást kezdenénk"
        target = "szallashely-szolgaltatas-bejelentese"
        before = self.api.search(query, surface="desk", type="procedure")
        self.assertTrue(before["relaxed"])
        self.assertNotEqual(before["results"][0]["id"], target)
        rows = {row["query"]: row for row in self.api.report(token=self.admin)["failed_queries"]}
        offer = rows[query]["offers"]["synonym"]
        record = dict(offer["record"], terms=["szálláshely-szolgáltatás"])
        status, _, body = self.api.request("POST", "/v1/" + offer["collection"], self.admin, record)
        self.assertEqual(status, 201, body)
        import time
        deadline = time.monotonic() + 10
        top = lambda: self.api.search(query, type="procedure")["results"][0]["id"]  # noqa: E731
        while top() != target and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(top(), target)

    def test_opened_results_are_counted_per_query(self):
        body = {"query": "Hagyaték", "result_id": "hagyateki-eljaras-hagyateki-leltar", "surface": "widget",
                "settlement": "Folyás"}
        status, _, answer = self.api.request("POST", "/v1/analytics/opens", body=body)
        self.assertEqual((status, answer), (202, {"status": "counted"}))
        opened = {row["result_id"]: row["opens"] for row in self.api.report("?office=" + OFFICE, self.editor)["opened"]}
        self.assertGreaterEqual(opened.get("hagyateki-eljaras-hagyateki-leltar", 0), 1)

    def test_bad_opened_results_are_refused_naming_the_field(self):
        good = {"query": "hagyaték", "result_id": "hagyateki-eljaras-hagyateki-leltar", "surface": "widget"}
        for changes, field in (({"result_id": "nincs-ilyen"}, "result_id"), ({"surface": "tv"}, "surface"),
                               ({"query": "x" * 201}, "query"), ({"ip": "1.2.3.4"}, "ip"),
                               ({"query": None}, "query")):
            body = {k: v for k, v in dict(good, **changes).items() if v is not None}
            status, ctype, problem = self.api.request("POST", "/v1/analytics/opens", body=body)
            self.assertEqual(status, 400, (changes, problem))
            self.assertTrue(ctype.startswith("application/problem+json"))
            self.assertEqual(problem["field"], field)
        status, _, problem = self.api.request("GET", "/v1/search?q=hagyat%C3%A9k&surface=tv")
        self.assertEqual((status, problem["field"]), (400, "surface"))

    def test_metrics_show_the_pending_counts(self):
        self.api.search("gépjármű átírás", surface="desk")
        status, _, raw = self.api.request("GET", "/metrics")
        families = {f.name: f for f in text_string_to_metric_families(raw.decode())}
        self.assertGreaterEqual(families["ugk_analytics_pending"].samples[0].value, 1)
        self.assertIn("ugk_analytics_dropped", families)


class AnalyticsOff(ServedTestCase):
    SERVE_ARGS = ("--analytics", "off")

    def test_nothing_is_counted(self):
        api = Client(self.service.base)
        api.search("hagyaték", surface="widget")
        status, _, answer = api.request("POST", "/v1/analytics/opens",
                                        body={"query": "hagyaték", "surface": "widget",
                                              "result_id": "hagyateki-eljaras-hagyateki-leltar"})
        self.assertEqual((status, answer), (202, {"status": "not_counted"}))
        self.assertEqual(api.report()["searches"], 0)


if __name__ == "__main__":
    unittest.main()
