#!/usr/bin/env python3
"""Server-rendered pages and the sitemap over HTTP: the JSON-LD parsed out of the HTML.

Runs the built binary on the reference data (tests/support/ugk_service.py). Checks that procedure,
office and settlement pages are Hungarian HTML readable without JavaScript, carry schema.org JSON-LD
(GovernmentService; GovernmentOffice whose openingHoursSpecification has the weekly hours and exactly
the special days of the coming eight weeks that /v1/offices/{id}/hours reports; AdministrativeArea)
that agrees with the JSON API, link to each other (a bounded crawl finds no broken link), escape
hostile text, and that /sitemap.xml lists pages that exist.
"""
import datetime
import html.parser
import json
import os
import random
import subprocess
import sys
import unittest
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ugk_service import BINARY, SPECIAL_DAY_REASONS, ServedTestCase  # noqa: E402

PAGE_PREFIXES = ("/ugyek/", "/hivatalok/", "/telepulesek/")
HOSTILE = '</script><script>alert("x")</script><!-- & <b>Kovács</b>'


class PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.json_ld, self.links, self.h1, self.scripts_with_src, self.lang = [], [], [], 0, None
        self._in_ld = self._in_h1 = False
        self._buffer = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "script":
            if "src" in a:
                self.scripts_with_src += 1
            self._in_ld = a.get("type") == "application/ld+json"
            self._buffer = ""
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "h1":
            self._in_h1, self._buffer = True, ""

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld:
            self.json_ld.append(json.loads(self._buffer))
            self._in_ld = False
        if tag == "h1" and self._in_h1:
            self.h1.append(self._buffer)
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_ld or self._in_h1:
            self._buffer += data


class Pages(ServedTestCase):
    def page(self, path):
        status, headers, body = self.service.get(path)
        self.assertEqual(status, 200, "%s: %s" % (path, body[:300]))
        self.assertEqual(headers["content-type"], "text/html; charset=utf-8")
        parser = PageParser()
        parser.feed(body.decode("utf-8"))
        parser.close()
        self.assertEqual(parser.lang, "hu")
        self.assertEqual(len(parser.h1), 1, path)
        self.assertEqual(parser.scripts_with_src, 0, "a page must not need JavaScript")
        self.assertEqual(len(parser.json_ld), 1, path)
        data = parser.json_ld[0]
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(urllib.parse.urlsplit(data["url"]).path, urllib.parse.urlsplit(self.service.base + path).path)
        return parser, data

    def api(self, path):
        status, _, body = self.service.get(path)
        self.assertEqual(status, 200, body[:300])
        return json.loads(body)

    def test_procedure_pages_are_government_services_matching_the_api(self):
        for summary in self.api("/v1/procedures")["results"]:
            record = self.api("/v1/procedures/" + summary["id"])
            parser, data = self.page("/ugyek/" + summary["id"])
            self.assertEqual(data["@type"], "GovernmentService")
            self.assertEqual(data["name"], record["title"])
            self.assertEqual(parser.h1[0], record["title"])
            self.assertEqual(data["identifier"], record["id"])
            priced = [f for f in record["fees"] if f["amount_huf"] is not None]
            self.assertEqual(sorted(o.get("price") for o in data.get("offers", []) if "price" in o),
                             sorted(f["amount_huf"] for f in priced))
            for related in record.get("related", []):
                self.assertIn("/ugyek/" + related["procedure_id"], parser.links)

    def test_office_page_has_opening_hours_with_the_special_days_of_the_coming_weeks(self):
        today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Budapest")).date()
        last = today + datetime.timedelta(days=55)
        for office in ("jh-099", "ph-16568", "koh-22406", "ka-61"):
            with self.subTest(office=office):
                parser, data = self.page("/hivatalok/" + office)
                record = self.api("/v1/offices/" + office)
                self.assertEqual(data["@type"], "GovernmentOffice")
                self.assertEqual(data["name"], record["name"])
                days = self.api("/v1/offices/%s/hours?from=%s&to=%s" % (office, today, last))["days"]
                specs = data["openingHoursSpecification"]
                for spec in specs:
                    self.assertEqual(spec["@type"], "OpeningHoursSpecification")
                    self.assertRegex(spec["opens"], r"^\d\d:\d\d$")
                    self.assertRegex(spec["closes"], r"^\d\d:\d\d$")
                weekly = [s for s in specs if "dayOfWeek" in s]
                self.assertGreater(len(weekly), 0)
                for s in weekly:
                    self.assertTrue(s["dayOfWeek"].startswith("https://schema.org/"))
                special = {d["date"]: d for d in days if d["reason"] in SPECIAL_DAY_REASONS}
                dated = [s for s in specs if "validFrom" in s]
                self.assertEqual({s["validFrom"] for s in dated}, set(special))
                for s in dated:
                    self.assertEqual(s["validFrom"], s["validThrough"])
                    day = special[s["validFrom"]]
                    if not day["intervals"]:
                        self.assertEqual((s["opens"], s["closes"]), ("00:00", "00:00"))  # closed all day
                    else:
                        self.assertIn(s["opens"], {i["from"] for i in day["intervals"]})
                self.assertIn("/v1/offices/%s/calendar.ics" % office, parser.links)

    def test_settlement_page_links_its_offices_and_visit_calendar(self):
        for ksh in ("34014", "16568", "08192", "13578"):
            with self.subTest(settlement=ksh):
                parser, data = self.page("/telepulesek/" + ksh)
                record = self.api("/v1/settlements/" + ksh)
                self.assertEqual(data["@type"], "AdministrativeArea")
                self.assertEqual(data["identifier"], ksh)
                for office in record["offices"]:
                    self.assertIn("/hivatalok/" + office["id"], parser.links)
                visits = self.api("/v1/settlements/%s/visits" % ksh)["visits"]
                if visits:
                    self.assertIn("/v1/settlements/%s/visits.ics" % ksh, parser.links)

    def test_pages_link_to_each_other_without_broken_links(self):
        queue, seen, broken = ["/telepulesek/34014", "/ugyek/hagyateki-eljaras-hagyateki-leltar"], set(), []
        kinds = set()
        while queue and len(seen) < 150:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            status, _, body = self.service.get(path)
            if status != 200:
                broken.append((path, status))
                continue
            parser = PageParser()
            parser.feed(body.decode("utf-8"))
            kinds.add(path.split("/")[1])
            for href in parser.links:
                if href.startswith(PAGE_PREFIXES) and href not in seen:
                    queue.append(href)
        self.assertEqual(broken, [])
        self.assertEqual(kinds, {"ugyek", "hivatalok", "telepulesek"})

    def test_sitemap_lists_existing_pages(self):
        status, headers, body = self.service.get("/sitemap.xml")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/xml; charset=utf-8")
        root = ElementTree.fromstring(body)
        ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        locs = [u.find(ns + "loc").text for u in root.findall(ns + "url")]
        self.assertEqual(len(locs), len(set(locs)))
        self.assertLess(len(locs), 50000)  # one sitemap file's limit
        paths = [urllib.parse.urlsplit(loc).path for loc in locs]
        self.assertTrue(all(loc.startswith(self.service.base + "/") for loc in locs))
        procedures = {p["id"] for p in self.api("/v1/procedures")["results"]}
        self.assertTrue({"/ugyek/" + p for p in procedures} <= set(paths))
        self.assertIn("/hivatalok/jh-099", paths)
        self.assertIn("/telepulesek/34014", paths)
        self.assertGreater(sum(p.startswith("/telepulesek/") for p in paths), 3000)
        for path in random.Random(14).sample(paths, 40):
            self.page(path)

    def test_unknown_records_are_problems_naming_the_field(self):
        for path, field in (("/ugyek/nincs-ilyen", "id"), ("/hivatalok/nincs-ilyen", "id"), ("/telepulesek/99999", "ksh")):
            status, headers, body = self.service.get(path)
            self.assertEqual(status, 404)
            self.assertTrue(headers["content-type"].startswith("application/problem+json"))
            self.assertEqual(json.loads(body)["field"], field)

    def test_hostile_text_is_escaped_in_html_and_json_ld(self):
        data_dir = os.path.join(self.service.dir, "kb")
        created = subprocess.run([BINARY, "keys", "create", "--data-dir", data_dir, "--role", "admin",
                                  "--name", "pages-test"], capture_output=True, text=True)
        self.assertEqual(created.returncode, 0, created.stdout + created.stderr)
        token = created.stdout.strip().splitlines()[-1]
        status, headers, _ = self.service.get("/v1/offices/ph-16568")
        self.assertEqual(status, 200)
        request = urllib.request.Request(
            self.service.base + "/v1/offices/ph-16568", method="PATCH",
            data=json.dumps({"name": HOSTILE, "opening_hours_note": HOSTILE}).encode(),
            headers={"Authorization": "Bearer " + token, "If-Match": headers["etag"],
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=20) as response:
            self.assertEqual(response.status, 200)
        status, _, body = self.service.get("/hivatalok/ph-16568")
        self.assertEqual(status, 200)
        text = body.decode("utf-8")
        self.assertNotIn('<script>alert("x")', text)
        self.assertNotIn("<b>Kovács</b>", text)
        parser, data = self.page("/hivatalok/ph-16568")
        self.assertEqual(data["name"], HOSTILE)
        self.assertEqual(parser.h1[0], HOSTILE)
        # The settlement page lists the office by its (escaped) name too.
        _, settlement_body = self.page("/telepulesek/16568")[0], self.service.get("/telepulesek/16568")[2]
        self.assertNotIn('<script>alert("x")', settlement_body.decode("utf-8"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
