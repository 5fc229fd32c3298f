"""Service quality over HTTP (issue 13): citizen feedback, the quality report and /metrics, against the
built binary on the reference data (tests/support/ugk_service.py).

Feedback with personal data is stored scrubbed and without the client's address; a burst from one
client is limited; the honeypot and too-fast submissions are dropped silently; duplicates collapse;
the office report shows exactly the seeded feedback, another office's editor gets 403 and anonymous
readers only the national aggregate; /metrics parses with prometheus_client's parser and moves.
"""
import csv
import io
import json
import os
import sqlite3
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ugk_service import ServedTestCase  # noqa: E402

from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

OFFICE = "koh-22406"        # Hajdúnánási Közös Önkormányzati Hivatal
OTHER_OFFICE = "jh-099"     # a district office: another editor's


def feedback(procedure, **fields):
    body = {"procedure_id": procedure, "found": "igen", "elapsed_ms": 5000, "surface": "widget"}
    body.update(fields)
    return body


class QualityCase(ServedTestCase):
    SERVE_ARGS = ("--feedback-burst", "1000", "--feedback-per-minute", "1000")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        status, _, body = cls.service.get("/v1/procedures")
        assert status == 200
        cls.procedures = [p["id"] for p in json.loads(body)["results"]]

    def stored_feedback(self):
        with sqlite3.connect(os.path.join(self.service.data_dir, "ugykalauz.sqlite3")) as db:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY id")]

    def post_feedback(self, body, headers=None):
        status, response_headers, raw = self.service.post("/v1/feedback", body, headers)
        return status, response_headers, json.loads(raw) if raw else None


class FeedbackTest(QualityCase):
    def test_personal_data_is_stored_scrubbed_and_no_address_is_kept(self):
        comment = ("Kovács János vagyok, hívjanak a +36 30 123 4567 számon vagy írjanak: kovacs.janos@example.hu; "
                   "TAJ 123 456 789, adóazonosító 8123456789, igazolvány 123456AB. A nyomtatvány nem töltődött le.")
        status, _, body = self.post_feedback(feedback(self.procedures[0], office_id=OFFICE, found="reszben",
                                                      satisfaction="jo", comment=comment))
        self.assertEqual(status, 202, body)
        rows = [r for r in self.stored_feedback() if r["procedure_id"] == self.procedures[0]]
        self.assertEqual(len(rows), 1)
        stored = rows[0]["comment"]
        for secret in ("Kovács", "János", "123 4567", "kovacs.janos", "123 456 789", "8123456789", "123456AB"):
            self.assertNotIn(secret, stored)
        for placeholder in ("[név]", "[telefonszám]", "[e-mail]", "[TAJ-szám]", "[adóazonosító]", "[okmányszám]"):
            self.assertIn(placeholder, stored)
        self.assertIn("A nyomtatvány nem töltődött le.", stored)
        self.assertEqual((rows[0]["found"], rows[0]["satisfaction"], rows[0]["office_id"]), ("reszben", "jo", OFFICE))
        # No column holds the client's address.
        self.assertNotIn("127.0.0.1", json.dumps(self.stored_feedback()))

    def test_honeypot_drops_a_bot_silently(self):
        before = len(self.stored_feedback())
        status, _, body = self.post_feedback(feedback(self.procedures[1], website="http://spam.example/"))
        self.assertEqual(status, 202, body)
        # Even an otherwise invalid body is answered the same way.
        status, _, _ = self.post_feedback({"website": "x", "found": "talán"})
        self.assertEqual(status, 202)
        self.assertEqual(len(self.stored_feedback()), before)

    def test_too_fast_submission_is_dropped(self):
        before = len(self.stored_feedback())
        status, _, _ = self.post_feedback(feedback(self.procedures[2], elapsed_ms=300))
        self.assertEqual(status, 202)
        self.assertEqual(len(self.stored_feedback()), before)

    def test_duplicates_within_minutes_collapse(self):
        before = len(self.stored_feedback())
        for _ in range(3):
            status, _, _ = self.post_feedback(feedback(self.procedures[3], office_id=OFFICE, found="nem"))
            self.assertEqual(status, 202)
        self.assertEqual(len(self.stored_feedback()), before + 1)

    def test_bad_input_names_the_field(self):
        cases = [
            ({"found": "igen", "elapsed_ms": 5000}, "procedure_id"),
            (feedback("nincs-ilyen-ugy"), "procedure_id"),
            (feedback(self.procedures[4], office_id="nincs-ilyen"), "office_id"),
            (feedback(self.procedures[4], found="talán"), "found"),
            (feedback(self.procedures[4], satisfaction="kitűnő"), "satisfaction"),
            (feedback(self.procedures[4], comment="x" * 501), "comment"),
            (feedback(self.procedures[4], elapsed_ms=-1), "elapsed_ms"),
            (feedback(self.procedures[4], elapsed_ms="5000"), "elapsed_ms"),
            (feedback(self.procedures[4], surface="tv"), "surface"),
            (feedback(self.procedures[4], ip="1.2.3.4"), "ip"),
            (b"{not json", "body"),
            (b"[1, 2]", "body"),
        ]
        for body, field in cases:
            status, headers, problem = self.post_feedback(body)
            self.assertEqual(status, 400, (body, problem))
            self.assertTrue(headers["content-type"].startswith("application/problem+json"))
            self.assertEqual(problem["field"], field, body)
        status, _, _ = self.post_feedback(b"x" * 9000)
        self.assertEqual(status, 413)
        # A comment of 500 characters, accents counted as one, is accepted.
        status, _, _ = self.post_feedback(feedback(self.procedures[4], comment="é" * 500))
        self.assertEqual(status, 202)


class FeedbackBurstTest(ServedTestCase):
    SERVE_ARGS = ("--feedback-burst", "3", "--feedback-per-minute", "1")

    def test_a_burst_from_one_client_is_limited(self):
        status, _, body = self.service.get("/v1/procedures")
        procedures = [p["id"] for p in json.loads(body)["results"]]
        statuses = []
        for i in range(6):
            status, headers, body = self.service.post("/v1/feedback", feedback(procedures[i]))
            statuses.append(status)
            if status == 429:
                problem = json.loads(body)
                self.assertGreaterEqual(int(headers["retry-after"]), 1)
                self.assertIn("Túl sok", problem["title"])
        self.assertEqual(statuses, [202, 202, 202, 429, 429, 429])
        status, _, body = self.service.get("/metrics")
        families = {f.name: f for f in text_string_to_metric_families(body.decode())}
        limited = {s.labels["limit"]: s.value for s in families["ugk_rate_limited"].samples
                   if s.name == "ugk_rate_limited_total"}
        self.assertEqual(limited["feedback"], 3)


class ReportAuthenticationTest(ServedTestCase):
    SERVE_ARGS = ("--max-auth-failures", "3")

    def test_repeated_failed_keys_are_throttled(self):
        statuses = [self.service.get("/v1/reports/quality?office=" + OFFICE,
                                     {"Authorization": "Bearer ugk_abcdef123456_wrongsecret"})[0] for _ in range(5)]
        self.assertEqual(statuses[:2], [401, 401])
        self.assertEqual(statuses[-1], 429)


class QualityReportTest(QualityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.editor = cls.service.create_key("--name", "Hajdúnánás KÖH", "--role", "editor", "--office", OFFICE)
        cls.other_editor = cls.service.create_key("--name", "Másik hivatal", "--role", "editor",
                                                  "--office", OTHER_OFFICE)
        cls.admin = cls.service.create_key("--name", "Admin", "--role", "admin")
        seeded = [
            feedback(cls.procedures[0], office_id=OFFICE, found="igen", satisfaction="nagyon_jo",
                     comment="Minden megvolt, köszönöm."),
            feedback(cls.procedures[1], office_id=OFFICE, found="igen", satisfaction="jo"),
            feedback(cls.procedures[2], office_id=OFFICE, found="reszben", satisfaction="jo"),
            feedback(cls.procedures[3], office_id=OFFICE, found="nem", satisfaction="nem_jo",
                     comment="Írjon: x@y.hu"),
            feedback(cls.procedures[0], office_id=OTHER_OFFICE, found="nem", satisfaction="nem_jo",
                     comment="A másik hivatal titka"),
            feedback(cls.procedures[1], found="igen"),
        ]
        for body in seeded:
            status, _, raw = cls.service.post("/v1/feedback", body)
            assert status == 202, raw

    def report(self, query="", key=None):
        headers = {"Authorization": "Bearer " + key} if key else {}
        status, response_headers, body = self.service.get("/v1/reports/quality" + query, headers)
        return status, response_headers, body

    def test_office_report_shows_exactly_the_seeded_feedback(self):
        status, _, body = self.report("?office=" + OFFICE, self.editor)
        self.assertEqual(status, 200, body)
        report = json.loads(body)
        self.assertEqual(report["scope"], {"level": "office", "id": OFFICE, "name": report["scope"]["name"]})
        f = report["feedback"]
        self.assertEqual(f["total"], 4)
        self.assertEqual({k: v["count"] for k, v in f["found"].items()}, {"igen": 2, "reszben": 1, "nem": 1})
        self.assertAlmostEqual(f["found"]["igen"]["share"], 0.5)
        self.assertEqual(f["rated"], 4)
        self.assertEqual({k: v["count"] for k, v in f["satisfaction"].items()},
                         {"nagyon_jo": 1, "jo": 2, "nem_jo": 1})
        self.assertAlmostEqual(f["satisfaction"]["jo"]["share"], 0.5)
        self.assertEqual(sum(w["total"] for w in f["weeks"]), 4)
        comments = [c["comment"] for c in report["comments"]]
        self.assertEqual(sorted(comments), sorted(["Minden megvolt, köszönöm.", "Írjon: [e-mail]"]))
        for section in ("unverified", "links", "reviews"):
            self.assertIn(section, report)
        self.assertGreaterEqual(report["unverified"]["count"], 1)  # nothing in the reference data is verified
        self.assertIn("search", report)

    def test_another_offices_editor_gets_403_and_anonymous_401(self):
        status, headers, body = self.report("?office=" + OFFICE, self.other_editor)
        self.assertEqual(status, 403, body)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"))
        self.assertNotIn("köszönöm", body.decode())
        status, _, _ = self.report("?office=" + OFFICE)
        self.assertEqual(status, 401)
        status, _, _ = self.report("?office=" + OFFICE, "ugk_nincs_ilyen")
        self.assertEqual(status, 401)
        status, _, body = self.report("?office=" + OFFICE, self.editor[:-4] + "xxxx")  # a real id, a wrong secret
        self.assertEqual(status, 401, body)
        # The admin sees every office; the district needs every one of its offices on the key.
        self.assertEqual(self.report("?office=" + OFFICE, self.admin)[0], 200)
        self.assertEqual(self.report("?district=099", self.other_editor)[0], 403)
        self.assertEqual(self.report("?district=099", self.admin)[0], 200)

    def test_anonymous_readers_get_only_the_national_aggregate(self):
        status, _, body = self.report()
        self.assertEqual(status, 200, body)
        report = json.loads(body)
        self.assertEqual(report["scope"], {"level": "national"})
        self.assertGreaterEqual(report["feedback"]["total"], 6)
        self.assertNotIn("comments", report)
        self.assertNotIn("titka", body.decode())
        self.assertEqual(report["unverified"]["records"], [])
        # The admin's national report carries the comments.
        status, _, body = self.report("", self.admin)
        self.assertIn("A másik hivatal titka", body.decode())

    def test_csv_report(self):
        status, headers, body = self.report("?office=" + OFFICE + "&format=csv", self.editor)
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/csv"))
        rows = list(csv.reader(io.StringIO(body.decode()), delimiter=";"))
        self.assertEqual(rows[0], ["section", "item", "level", "count", "share"])
        found = {r[2]: int(r[3]) for r in rows if r[:2] == ["feedback", "found"]}
        self.assertEqual(found, {"igen": 2, "reszben": 1, "nem": 1})
        self.assertIn(["feedback", "total", "", "4", ""], rows)

    def test_answers_validate_against_the_documented_schemas(self):
        import jsonschema
        doc = json.loads(self.service.get("/openapi.json")[2])
        resolver = jsonschema.RefResolver.from_schema(doc)

        def check(body, schema_name):
            jsonschema.validate(body, {"$ref": "#/components/schemas/" + schema_name}, resolver=resolver,
                                cls=jsonschema.Draft202012Validator)

        for query, key in (("", None), ("", self.admin), ("?office=" + OFFICE, self.editor),
                           ("?district=099", self.admin)):
            status, _, body = self.report(query, key)
            self.assertEqual(status, 200)
            check(json.loads(body), "QualityReport")
        status, _, body = self.service.post("/v1/feedback", feedback(self.procedures[6]))
        check(json.loads(body), "FeedbackReceipt")
        check(feedback(self.procedures[6], office_id=OFFICE, satisfaction="jo", comment="x", website=""),
              "FeedbackSubmission")

    def test_bad_report_parameters(self):
        for query, field in (("?office=" + OFFICE + "&district=099", "district"), ("?format=xml", "format"),
                             ("?days=0", "days"), ("?office=nincs-ilyen", "office"), ("?district=999", "district")):
            status, _, body = self.report(query, self.admin)
            self.assertIn(status, (400, 404), query)
            self.assertEqual(json.loads(body)["field"], field, query)


class MetricsTest(QualityCase):
    def scrape(self):
        status, headers, body = self.service.get("/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/plain"))
        return {f.name: f for f in text_string_to_metric_families(body.decode())}

    @staticmethod
    def sample(families, family, name, **labels):
        for s in families[family].samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return s.value
        return 0

    def test_metrics_parse_and_counters_move(self):
        before = self.scrape()
        for name in ("ugk_http_requests", "ugk_http_request_duration_seconds", "ugk_writes", "ugk_rate_limited",
                     "ugk_feedback", "ugk_link_checks", "ugk_store_version", "ugk_index_lag", "ugk_links"):
            self.assertIn(name, before)
        self.assertEqual(before["ugk_http_request_duration_seconds"].type, "histogram")
        office_route = dict(method="GET", route="/v1/offices/:id", status="200")
        n0 = self.sample(before, "ugk_http_requests", "ugk_http_requests_total", **office_route)
        for office in (OFFICE, OTHER_OFFICE, OFFICE):
            self.assertEqual(self.service.get("/v1/offices/" + office)[0], 200)
        self.assertEqual(self.service.get("/v1/offices/nincs-ilyen")[0], 404)
        self.assertEqual(self.service.get("/nincs/ilyen/utvonal")[0], 404)
        self.post_feedback(feedback(self.procedures[5], website="bot"))
        after = self.scrape()
        self.assertEqual(self.sample(after, "ugk_http_requests", "ugk_http_requests_total", **office_route), n0 + 3)
        # The route template, never the raw path, is the label.
        labels = [s.labels.get("route") for s in after["ugk_http_requests"].samples]
        self.assertNotIn("/v1/offices/" + OFFICE, labels)
        self.assertEqual(self.sample(after, "ugk_http_requests", "ugk_http_requests_total",
                                     route="/v1/offices/:id", status="404"), 1)
        self.assertGreaterEqual(self.sample(after, "ugk_http_requests", "ugk_http_requests_total",
                                            route="unmatched", status="404"), 1)
        count = self.sample(after, "ugk_http_request_duration_seconds", "ugk_http_request_duration_seconds_count",
                            **office_route)
        inf = self.sample(after, "ugk_http_request_duration_seconds", "ugk_http_request_duration_seconds_bucket",
                          le="+Inf", **office_route)
        self.assertEqual(count, n0 + 3)
        self.assertEqual(inf, count)
        self.assertEqual(self.sample(after, "ugk_feedback", "ugk_feedback_total", outcome="honeypot"),
                         self.sample(before, "ugk_feedback", "ugk_feedback_total", outcome="honeypot") + 1)
        self.assertEqual(self.sample(after, "ugk_index_lag", "ugk_index_lag"), 0)
        self.assertGreater(self.sample(after, "ugk_store_version", "ugk_store_version"), 0)

    def test_writes_are_counted(self):
        admin = self.service.create_key("--name", "Admin", "--role", "admin")
        before = self.scrape()
        status, _, body = self.service.post("/v1/offices/" + OFFICE + "/verify", {},
                                            {"Authorization": "Bearer " + admin})
        self.assertEqual(status, 200, body)
        after = self.scrape()
        self.assertEqual(self.sample(after, "ugk_writes", "ugk_writes_total", kind="offices"),
                         self.sample(before, "ugk_writes", "ugk_writes_total", kind="offices") + 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
