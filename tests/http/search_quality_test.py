#!/usr/bin/env python3
"""Search quality over HTTP (issue 13): never empty-handed (relaxed answers with the flag), editors'
synonyms and best bets through the editing API (search analytics: search_analytics_test.py).

Runs the built binary on the reference data (tests/support/ugk_service.py) with an admin key and an
office editor's key.
"""
import json
import os
import subprocess
import sys
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ugk_service import BINARY, ServedTestCase  # noqa: E402

NOTICE = "Nem találtunk minden szóra illő ügyet; ezek a legközelebbiek."


class SearchQuality(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        data_dir = os.path.join(cls.service.dir, "kb")

        def key(*args):
            out = subprocess.run([BINARY, "keys", "create", "--data-dir", data_dir, *args],
                                 capture_output=True, text=True, check=True)
            return out.stdout.strip().splitlines()[-1]
        cls.admin = key("--role", "admin", "--name", "quality-admin")
        cls.editor = key("--role", "editor", "--office", "jh-099", "--name", "quality-editor")

    def request(self, method, path, token=None, body=None, extra_headers=None):
        headers = {"Authorization": "Bearer " + token} if token else {}
        headers.update(extra_headers or {})
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.service.base + path, method=method, data=data, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read()
                return r.status, {k.lower(): v for k, v in r.headers.items()}, json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            raw = e.read()
            return e.code, {k.lower(): v for k, v in e.headers.items()}, json.loads(raw) if raw else None

    def search(self, q, **params):
        query = urllib.parse.urlencode({"q": q, "type": "procedure", **params})
        status, _, body = self.request("GET", "/v1/search?" + query)
        self.assertEqual(status, 200, body)
        return body

    def ids(self, body):
        return [r["id"] for r in body["results"]]

    # --- never empty-handed -------------------------------------------------------------------------

    def test_a_query_matching_no_word_answers_relaxed_with_the_notice(self):
        body = self.search("vendégházat nyitnánk a Balatonnál")
        self.assertTrue(body["relaxed"], body)
        self.assertGreater(len(body["results"]), 0, body)
        self.assertEqual(body["notice"], NOTICE)
        self.assertIsInstance(body["dropped_words"], list)

    def test_a_query_some_of_whose_words_match_nothing_names_the_dropped_words(self):
        body = self.search("lakcímkártya zsiráfot")
        self.assertTrue(body["relaxed"])
        self.assertEqual(body["dropped_words"], ["zsiráfot"])
        self.assertIn("lakcimkartya-potlasa", self.ids(body)[:3])

    def test_a_query_whose_words_all_match_is_not_relaxed(self):
        body = self.search("lakcímkártya pótlása")
        self.assertFalse(body["relaxed"])
        self.assertNotIn("notice", body)
        self.assertNotIn("dropped_words", body)

    def test_free_text_route_answers_with_low_confidence_instead_of_404(self):
        query = urllib.parse.urlencode({"q": "vendégházat nyitnánk a Balatonnál", "settlement": "Folyás"})
        status, _, body = self.request("GET", "/v1/route?" + query)
        self.assertEqual(status, 200, body)
        self.assertTrue(body["match"]["low_confidence"])
        self.assertEqual(body["match"]["notice"], NOTICE)
        sure = urllib.parse.urlencode({"q": "lakcímkártya pótlása", "settlement": "Folyás"})
        status, _, body = self.request("GET", "/v1/route?" + sure)
        self.assertEqual(status, 200)
        self.assertFalse(body["match"]["low_confidence"])

    def test_free_text_route_still_404s_when_nothing_matches_at_all(self):
        query = urllib.parse.urlencode({"q": "qqqq zzzz", "settlement": "Folyás"})
        status, headers, body = self.request("GET", "/v1/route?" + query)
        self.assertEqual(status, 404, body)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"))

    # --- editors' synonyms and best bets ---------------------------------------------------------------

    def eventually(self, check, timeout=10):
        """The index update after a write lands within about a second; poll instead of sleeping."""
        import time
        deadline = time.monotonic() + timeout
        while True:
            result = check()
            if result or time.monotonic() > deadline:
                return result
            time.sleep(0.05)

    def test_a_synonym_added_through_the_api_changes_the_next_search(self):
        query = "vendégházat nyitnánk"
        before = self.search(query)
        self.assertNotEqual(self.ids(before)[:1], ["szallashely-szolgaltatas-bejelentese"], before)
        synonym = {"id": "vendeghaz", "phrase": "vendégház", "terms": ["szálláshely"]}
        status, headers, body = self.request("POST", "/v1/synonyms", self.admin, synonym)
        self.assertEqual(status, 201, body)
        self.assertEqual(headers["location"], "/v1/synonyms/vendeghaz")
        first = self.eventually(lambda: self.ids(self.search(query))[:1] == ["szallashely-szolgaltatas-bejelentese"])
        self.assertTrue(first, self.search(query))
        # History and the stored record, like every record kind.
        status, _, history = self.request("GET", "/v1/synonyms/vendeghaz/history")
        self.assertEqual(status, 200)
        self.assertEqual(len(history["revisions"]), 1)
        # Removing it takes the effect away again.
        status, headers, stored = self.request("GET", "/v1/synonyms/vendeghaz")
        self.assertEqual(status, 200)
        self.assertEqual(stored["terms"], ["szálláshely"])
        status, _, body = self.request("DELETE", "/v1/synonyms/vendeghaz", self.admin,
                                       extra_headers={"If-Match": headers["etag"]})
        self.assertIn(status, (200, 204), body)
        gone = self.eventually(lambda: self.ids(self.search(query))[:1] != ["szallashely-szolgaltatas-bejelentese"])
        self.assertTrue(gone)

    def test_a_best_bet_puts_its_procedure_first(self):
        query = "Temetés   INTÉZÉSE"  # compared normalised: case, accents and spacing
        self.assertNotEqual(self.ids(self.search("temetes intezese"))[:1], ["anyakonyvi-kivonat-kerese"])
        bet = {"id": "temetes", "query": "temetés intézése", "procedures": ["anyakonyvi-kivonat-kerese"]}
        status, _, body = self.request("POST", "/v1/best-bets", self.admin, bet)
        self.assertEqual(status, 201, body)
        self.assertTrue(self.eventually(lambda: self.ids(self.search(query))[:1] == ["anyakonyvi-kivonat-kerese"]))
        body = self.search(query)
        self.assertTrue(body["results"][0]["best_bet"])
        self.assertFalse(body["relaxed"])
        self.assertLess(body["results"][0]["score"], 1000)  # the lift is not reported as a score

    def test_synonyms_and_best_bets_are_validated_and_national(self):
        status, headers, body = self.request("POST", "/v1/best-bets", self.admin,
                                             {"id": "rossz", "query": "x", "procedures": ["nincs-ilyen-ugy"]})
        self.assertEqual(status, 422, body)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"))
        self.assertIn("procedures[0]", json.dumps(body))
        status, _, body = self.request("POST", "/v1/synonyms", self.admin,
                                       {"id": "ures", "phrase": "a\tb", "terms": []})
        self.assertEqual(status, 422, body)
        self.assertIn("terms", json.dumps(body))
        self.assertIn("phrase", json.dumps(body))
        status, _, body = self.request("POST", "/v1/synonyms", self.editor,
                                       {"id": "szerkeszto", "phrase": "kocsi", "terms": ["gépjármű"]})
        self.assertEqual(status, 403, body)
        status, _, body = self.request("POST", "/v1/synonyms", None,
                                       {"id": "nevtelen", "phrase": "kocsi", "terms": ["gépjármű"]})
        self.assertEqual(status, 401, body)


if __name__ == "__main__":
    unittest.main(verbosity=2)
