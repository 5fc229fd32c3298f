#!/usr/bin/env python3
"""Every answer of the HSDS 3.0 API validates against the official HSDS schemas.

Runs the built binary on the reference data (tests/support/ugk_service.py) and walks the API as the
Open Referral validators do: `/hsds/`, then every list (first, a middle and the last page), then every
`/{id}` the lists name. Each answer is checked with Debian's python3-jsonschema (draft 2020-12, formats
checked: uuid, email, date-time, ...) against the compiled HSDS schemas copied into hsds-3.0/
(compiled/service.json for /services/{id}, compiled/service_list.json for the items of /services, ...)
and the `Page` envelope of the HSDS OpenAPI document. The profile's fields (ksh_code) are checked
against its merge patches (docs/hsds-profile/). Filters, pagination bounds and bad parameters are
checked too.
"""
import json
import os
import sys
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from ugk_service import SOURCE_DIR, ServedTestCase  # noqa: E402

import jsonschema  # noqa: E402

SCHEMAS = os.path.join(HERE, "hsds-3.0")
PROFILE = os.path.join(SOURCE_DIR, "docs", "hsds-profile")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(name):
    """A draft 2020-12 validator of an HSDS schema file; relative $refs resolve inside hsds-3.0/."""
    path = os.path.join(SCHEMAS, name)
    schema = load(path)
    resolver = jsonschema.RefResolver(base_uri="file://" + os.path.dirname(path) + "/", referrer=schema)
    return jsonschema.Draft202012Validator(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())


def page_schema():
    page = load(os.path.join(SCHEMAS, "openapi.json"))["components"]["schemas"]["Page"]
    schema = dict(page)
    schema["required"] = list(page["properties"]) + ["contents"]
    schema["properties"] = dict(page["properties"], contents={"type": "array"})
    return jsonschema.Draft202012Validator(schema)


class HsdsSchemas(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.validators = {name: validator(name) for name in (
            "compiled/service.json", "compiled/service_list.json", "compiled/organization.json",
            "compiled/organization_list.json", "compiled/service_at_location.json",
            "compiled/service_at_location_list.json", "taxonomy.json", "taxonomy_term.json")}
        cls.page_validator = page_schema()
        cls.ksh = jsonschema.Draft202012Validator(
            load(os.path.join(PROFILE, "schema", "location.json"))["properties"]["ksh_code"])
        cls.checked = 0

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        print("\nvalidated %d HSDS answers" % cls.checked, file=sys.stderr)

    def get_json(self, path, expected_status=200):
        status, headers, body = self.service.get(path)
        self.assertEqual(status, expected_status, "%s: %s" % (path, body[:300]))
        if status >= 400:
            self.assertEqual(headers["content-type"].split(";")[0], "application/problem+json", path)
        else:
            self.assertEqual(headers["content-type"].split(";")[0], "application/json", path)
        return json.loads(body)

    def assert_valid(self, name, instance, where):
        errors = sorted(self.validators[name].iter_errors(instance), key=lambda e: list(e.absolute_path))
        self.assertEqual([], ["%s (%s) at /%s: %s" % (where, name, "/".join(map(str, e.absolute_path)),
                                                      e.message[:300]) for e in errors[:10]])
        self.check_profile(instance, where)
        type(self).checked += 1

    def check_profile(self, node, where):
        """Every ksh_code anywhere in an answer is what the profile's merge patch declares."""
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "ksh_code":
                    self.assertEqual([], [e.message for e in self.ksh.iter_errors(value)], where)
                self.check_profile(value, where)
        elif isinstance(node, list):
            for item in node:
                self.check_profile(item, where)

    def page(self, path, item_schema):
        body = self.get_json(path)
        self.assertEqual([], [e.message for e in self.page_validator.iter_errors(body)], path)
        for i, item in enumerate(body["contents"]):
            self.assert_valid(item_schema, item, "%s contents[%d]" % (path, i))
        self.assertEqual(body["size"], len(body["contents"]), path)
        return body

    def walk(self, path, item_schema, per_page):
        """First, middle and last page of a list; returns the ids of every item (read from every page)."""
        sep = "&" if "?" in path else "?"
        first = self.page("%s%sper_page=%d" % (path, sep, per_page), item_schema)
        pages = first["total_pages"]
        self.assertTrue(first["first_page"], path)
        self.assertEqual(first["last_page"], pages == 1, path)
        self.assertEqual(pages, max(1, -(-first["total_items"] // per_page)), path)
        for number in sorted({(pages + 1) // 2, pages}):
            body = self.page("%s%spage=%d&per_page=%d" % (path, sep, number, per_page), item_schema)
            self.assertEqual(body["page_number"], number)
            self.assertEqual(body["last_page"], number == pages)
        ids = []
        for number in range(1, pages + 1):  # ids only: the items of these pages were validated above or are
            status, _, raw = self.service.get("%s%spage=%d&per_page=%d" % (path, sep, number, per_page))
            self.assertEqual(status, 200)
            ids += [item["id"] for item in json.loads(raw)["contents"]]
        self.assertEqual(len(ids), first["total_items"], path)
        self.assertEqual(len(ids), len(set(ids)), path + ": ids are unique")
        return ids

    def test_meta(self):
        body = self.get_json("/hsds/")
        self.assertEqual(body["version"], "3.0")
        for key in ("profile", "openapi_url"):
            self.assertTrue(body[key].startswith("http://127.0.0.1:"), body)
        profile = self.get_json(urllib.parse.urlsplit(body["profile"]).path)
        self.assertEqual(profile["patches"]["schema/location.json"],
                         load(os.path.join(PROFILE, "schema", "location.json")))
        self.assertEqual(profile["patches"]["openapi.json"], load(os.path.join(PROFILE, "openapi.json")))
        openapi = self.get_json(urllib.parse.urlsplit(body["openapi_url"]).path)
        self.assertIn("/hsds/services", openapi["paths"])

    def test_services(self):
        ids = self.walk("/hsds/services", "compiled/service_list.json", 7)
        self.assertGreater(len(ids), 20)
        nested = 0
        for sid in ids:
            service = self.get_json("/hsds/services/" + sid)
            self.assert_valid("compiled/service.json", service, "/hsds/services/" + sid)
            self.assertEqual(service["id"], sid)
            nested += len(service["service_at_locations"])
            for sal in service["service_at_locations"]:
                self.assertEqual(sal["service_id"], sid)
        self.assertGreater(nested, 100)
        probate = self.get_json("/hsds/services?search=hagyat%C3%A9k&per_page=5")["contents"]
        self.assertTrue(probate and "agyaték" in probate[0]["name"], probate[:1])

    def test_fully_nested_service(self):
        contents = self.get_json("/hsds/services?search=lakc%C3%ADmbejelent%C3%A9s&per_page=1")["contents"]
        service = self.get_json("/hsds/services/" + contents[0]["id"])
        self.assertEqual(service["name"], "Lakcímbejelentés (lakóhely vagy tartózkodási hely bejelentése)")
        self.assertTrue(service["required_documents"])
        self.assertTrue(any(c["currency"] == "HUF" and c.get("amount") == 3700 for c in service["cost_options"]),
                        service["cost_options"])
        self.assertEqual(service["service_areas"][0]["name"], "Magyarország")
        windows = [s for s in service["service_at_locations"] if s["location"]["name"].startswith("Kormányablak")]
        self.assertTrue(windows)
        attila = [s for s in windows if "Attila út 12" in s["location"]["name"]][0]["location"]
        self.assertEqual(attila["ksh_code"], "09566")
        self.assertEqual(attila["addresses"][0]["postal_code"], "1013")
        monday = [s for s in attila["schedules"] if "MO" in s["byday"].split(",")]
        self.assertEqual([(s["freq"], s["opens_at"], s["closes_at"]) for s in monday], [("WEEKLY", "07:00", "17:00")])
        self.assertTrue(all("calendar.ics" in s["schedule_link"] for s in attila["schedules"]))
        terms = {a["taxonomy_term"]["code"] for a in service["attributes"]}
        self.assertIn("kormanyablak", terms)

    def test_organizations(self):
        ids = self.walk("/hsds/organizations", "compiled/organization_list.json", 97)
        self.assertGreater(len(ids), 100)
        for oid in ids:
            organization = self.get_json("/hsds/organizations/" + oid)
            self.assert_valid("compiled/organization.json", organization, "/hsds/organizations/" + oid)

    def test_service_at_locations(self):
        ids = self.walk("/hsds/service_at_locations", "compiled/service_at_location_list.json", 500)
        for lid in ids:
            sal = self.get_json("/hsds/service_at_locations/" + lid)
            self.assert_valid("compiled/service_at_location.json", sal, "/hsds/service_at_locations/" + lid)

    def test_taxonomies(self):
        for tid in self.walk("/hsds/taxonomies", "taxonomy.json", 1):
            self.assert_valid("taxonomy.json", self.get_json("/hsds/taxonomies/" + tid), tid)
        for tid in self.walk("/hsds/taxonomy_terms", "taxonomy_term.json", 5):
            self.assert_valid("taxonomy_term.json", self.get_json("/hsds/taxonomy_terms/" + tid), tid)

    def test_filters_combine(self):
        terms = self.get_json("/hsds/taxonomy_terms?per_page=500")["contents"]
        notary = [t for t in terms if t["code"] == "jegyzo"][0]
        by_term = self.get_json("/hsds/services?per_page=500&taxonomy_term_id=" + notary["id"])
        self.assertGreater(by_term["total_items"], 3)
        everything = self.get_json("/hsds/services?per_page=500")
        self.assertLess(by_term["total_items"], everything["total_items"])
        # An office's services: the national ones its kind handles.
        offices = self.get_json("/hsds/organizations?per_page=500")["contents"]
        window = [o for o in offices if o["name"].startswith("Kormányablak – Budapest I. kerület")][0]
        by_office = self.get_json("/hsds/services?per_page=500&organization_id=" + window["id"])
        self.assertGreater(by_office["total_items"], 3)
        both = self.get_json("/hsds/services?per_page=500&organization_id=%s&taxonomy_term_id=%s"
                             % (window["id"], notary["id"]))
        self.assertEqual(both["total_items"], 0, "a government window does not offer notary services")
        self.assertTrue(both["empty"])
        at_window = self.get_json("/hsds/service_at_locations?per_page=500&organization_id=" + window["id"])
        self.assertEqual(at_window["total_items"], by_office["total_items"])
        # modified_after: everything was imported just now.
        self.assertEqual(self.get_json("/hsds/services?modified_after=2000-01-01")["total_items"],
                         everything["total_items"])
        self.assertEqual(self.get_json("/hsds/services?modified_after=2999-01-01T00:00:00Z")["total_items"], 0)
        # settlement (the Hungarian profile): national services are available everywhere.
        self.assertEqual(self.get_json("/hsds/services?per_page=500&settlement=34014")["total_items"],
                         everything["total_items"])
        searched = self.get_json("/hsds/services?search=hagyat%C3%A9k&taxonomy_term_id=" + notary["id"])
        self.assertTrue(all(s["id"] in {x["id"] for x in by_term["contents"]} for s in searched["contents"]))
        ndjson = self.service.get("/hsds/services?format=ndjson")
        self.assertEqual(ndjson[1]["content-type"].split(";")[0], "application/x-ndjson")
        self.assertEqual(len(ndjson[2].decode().splitlines()), everything["total_items"])

    def test_bad_parameters(self):
        for query, field in (("page=0", "page"), ("page=x", "page"), ("per_page=501", "per_page"),
                             ("per_page=0", "per_page"), ("modified_after=tegnap", "modified_after"),
                             ("taxonomy_term_id=abc", "taxonomy_term_id"), ("organization_id=ph-1", "organization_id"),
                             ("format=xml", "format"), ("settlement=Foly%C3%A1s", "settlement")):
            body = self.get_json("/hsds/services?" + query, 400)
            self.assertEqual(body["field"], field, query)
        self.assertEqual(self.get_json("/hsds/services?settlement=99999", 404)["field"], "settlement")
        self.assertEqual(self.get_json("/hsds/service_at_locations?per_page=-1", 400)["field"], "per_page")
        for path in ("/hsds/services/", "/hsds/organizations/", "/hsds/service_at_locations/", "/hsds/taxonomies/",
                     "/hsds/taxonomy_terms/"):
            self.assertEqual(self.get_json(path + "00000000-0000-0000-0000-000000000000", 404)["field"], "id")
        beyond = self.get_json("/hsds/services?page=1000")
        self.assertEqual(beyond["contents"], [])
        self.assertTrue(beyond["last_page"])


if __name__ == "__main__":
    unittest.main()
