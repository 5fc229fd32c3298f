#!/usr/bin/env python3
"""Answers of the main endpoints validate against the response schemas docs/openapi.json documents.

Runs the built binary on the reference data (tests/support/ugk_service.py), reads the OpenAPI document
the binary serves (/openapi.json, compiled in from docs/), and validates each answer with Debian's
python3-jsonschema (draft 2020-12, `$ref`s resolved inside the document, formats checked) against the
schema of the operation's documented response for that status and media type. An answer with a
status or media type the document does not list fails too.
"""
import json
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ugk_service import ServedTestCase  # noqa: E402

import jsonschema  # noqa: E402


def template_of(path, templates):
    """The documented path template ("/v1/offices/{id}") a concrete path matches."""
    parts = path.split("/")
    for template in templates:
        tparts = template.split("/")
        if len(tparts) == len(parts) and all(t == p or (t.startswith("{") and t.endswith("}"))
                                             for t, p in zip(tparts, parts)):
            return template
    return None


class DocumentedSchemas(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        status, _, body = cls.service.get("/openapi.json")
        assert status == 200
        cls.doc = json.loads(body)
        cls.resolver = jsonschema.RefResolver.from_schema(cls.doc)
        cls.checked = 0

    def deref(self, node):
        while isinstance(node, dict) and "$ref" in node:
            _, node = self.resolver.resolve(node["$ref"])
        return node

    def check(self, path, expected_status=200):
        """GETs `path` and validates the answer against its documented schema; returns the JSON body."""
        status, headers, body = self.service.get(path)
        self.assertEqual(status, expected_status, "%s: %s" % (path, body[:300]))
        template = template_of(urllib.parse.urlsplit(path).path, self.doc["paths"])
        self.assertIsNotNone(template, "undocumented path " + path)
        responses = self.doc["paths"][template]["get"]["responses"]
        self.assertIn(str(status), responses, "%s: status %d is not documented" % (path, status))
        response = self.deref(responses[str(status)])
        media_type = headers["content-type"].split(";")[0].strip()
        self.assertIn(media_type, response.get("content", {}), "%s: media type %s is not documented" % (path, media_type))
        schema = response["content"][media_type]["schema"]
        instance = json.loads(body)
        validator = jsonschema.Draft202012Validator(schema, resolver=self.resolver,
                                                    format_checker=jsonschema.FormatChecker())
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        self.assertEqual([], ["%s at /%s: %s" % (path, "/".join(map(str, e.absolute_path)), e.message[:300])
                              for e in errors[:10]])
        type(self).checked += 1
        return instance

    def test_search(self):
        for query in ("q=hagyat%C3%A9k", "q=szemelyi+igazolvany&settlement=Foly%C3%A1s", "q=anyak%C3%B6nyvi&limit=3",
                      "q=xqzxqz", "q=hagyat%C3%A9k&category=Ad%C3%B3"):
            self.check("/v1/search?" + query)
        self.check("/v1/search", 400)
        self.check("/v1/search?q=hagyat%C3%A9k&settlement=Budapest", 300)
        self.check("/v1/search?q=hagyat%C3%A9k&settlement=Nincsilyen", 404)

    def test_route(self):
        for query in ("settlement=Foly%C3%A1s&q=hagyat%C3%A9k", "settlement=34014&q=k%C3%B6zgy%C3%B3gy",
                      "settlement=Zalav%C3%A1r&q=k%C3%B6zgy%C3%B3gy%C3%A9ll%C3%A1t%C3%A1s",
                      "settlement=Budapest+XIV&procedure=hagyateki-eljaras-hagyateki-leltar",
                      "settlement=08192&q=szem%C3%A9lyi+igazolv%C3%A1ny", "settlement=Hajd%C3%BAn%C3%A1n%C3%A1s&q=ad%C3%B3"):
            self.check("/v1/route?" + query)
        self.check("/v1/route?q=hagyat%C3%A9k", 400)
        self.check("/v1/route?settlement=Foly%C3%A1s&procedure=nincs-ilyen", 404)

    def test_every_procedure(self):
        listing = self.check("/v1/procedures")
        self.assertGreater(len(listing["results"]), 10)
        for p in listing["results"]:
            self.check("/v1/procedures/" + urllib.parse.quote(p["id"]))
        self.check("/v1/procedures?settlement=Hajd%C3%BAn%C3%A1n%C3%A1s")
        self.check("/v1/procedures/nincs-ilyen", 404)

    def test_offices_of_every_kind(self):
        seen = set()
        for ksh in ("34014", "16568", "08192", "22406", "13578", "11925"):
            settlement = self.check("/v1/settlements/" + ksh)
            for office in settlement["offices"]:
                if office["id"] not in seen:
                    seen.add(office["id"])
                    self.check("/v1/offices/" + urllib.parse.quote(office["id"]))
        for office_id in ("kab-csongrad-csanad", "ka-61", "jh-099", "jh-193"):
            self.check("/v1/offices/" + office_id)
        self.check("/v1/offices/nincs-ilyen", 404)

    def test_settlements(self):
        for query in ("q=Foly%C3%A1s", "q=Budapest", "q=4095", "q=Bp+XIV", "q=hajdu&limit=5"):
            self.check("/v1/settlements?" + query)
        self.check("/v1/settlements", 400)
        self.check("/v1/settlements/99999", 404)

    def test_calendar_json(self):
        self.check("/v1/settlements/34014/visits?from=2025-12-01&to=2026-01-31")
        self.check("/v1/settlements/08192/visits?from=2025-10-01&to=2025-10-31")
        self.check("/v1/settlements/34014/visits?from=bad", 400)


if __name__ == "__main__":
    unittest.main(verbosity=2)
