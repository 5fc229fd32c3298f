#!/usr/bin/env python3
"""iCalendar feeds over HTTP, parsed with Debian's python3-icalendar (RFC 5545).

Runs the built binary on the reference data (tests/support/ugk_service.py) and checks the office
special-day feed and the settlement visit feed: parser accepts them, lines are CRLF and folded at 75
octets, times carry the Europe/Budapest TZID and the VTIMEZONE agrees with the tz database, UIDs are
unique and stable across requests, and the events are exactly what the JSON API says for the same days.
"""
import datetime
import json
import os
import sys
import unittest
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ugk_service import SPECIAL_DAY_REASONS, ServedTestCase  # noqa: E402

import icalendar  # noqa: E402

BUDAPEST = zoneinfo.ZoneInfo("Europe/Budapest")
WINTER = "from=2025-12-15&to=2026-01-20"


class CalendarFeeds(ServedTestCase):
    def fetch_calendar(self, path):
        status, headers, body = self.service.get(path)
        self.assertEqual(status, 200, body[:500])
        self.assertEqual(headers["content-type"], "text/calendar; charset=utf-8")
        self.check_lines(body)
        calendar = icalendar.Calendar.from_ical(body)
        for component in calendar.walk():
            self.assertEqual(component.errors, [], component.name)
        self.assertEqual(str(calendar["VERSION"]), "2.0")
        self.assertTrue(str(calendar["PRODID"]))
        return calendar

    def check_lines(self, body):
        text = body.decode("utf-8")
        self.assertTrue(text.endswith("\r\n"))
        self.assertNotIn("\n", text.replace("\r\n", ""), "bare LF")
        self.assertNotIn("\r", text.replace("\r\n", ""), "bare CR")
        for line in body.split(b"\r\n"):
            self.assertLessEqual(len(line), 75, line)

    def fetch_json(self, path):
        status, headers, body = self.service.get(path)
        self.assertEqual(status, 200, body[:500])
        return json.loads(body)

    def events(self, calendar):
        return list(calendar.walk("VEVENT"))

    def check_timezone(self, calendar):
        zones = list(calendar.walk("VTIMEZONE"))
        self.assertEqual(len(zones), 1)
        self.assertEqual(str(zones[0]["TZID"]), "Europe/Budapest")
        tz = zones[0].to_tz()
        # The VTIMEZONE's rules give the tz database's offsets on both sides of each change.
        for year in (2025, 2026, 2027, 2030):
            for month, day, hour in ((1, 15, 12), (3, 31, 12), (7, 1, 12), (10, 1, 12), (11, 5, 12), (12, 24, 9)):
                naive = datetime.datetime(year, month, day, hour)
                self.assertEqual(tz.localize(naive).utcoffset(), naive.replace(tzinfo=BUDAPEST).utcoffset(),
                                 naive)

    def check_uids(self, path):
        first = [str(e["UID"]) for e in self.events(self.fetch_calendar(path))]
        second = [str(e["UID"]) for e in self.events(self.fetch_calendar(path))]
        self.assertEqual(first, second, "UIDs change between requests")
        self.assertEqual(len(first), len(set(first)), "duplicate UIDs")
        return first

    def expected_office_events(self, office, query):
        days = self.fetch_json("/v1/offices/%s/hours?%s" % (office, query))["days"]
        special = [d for d in days if d["reason"] in SPECIAL_DAY_REASONS]
        return special, sum(max(1, len(d["intervals"] or [])) for d in special)

    # --- office special days -------------------------------------------------------------------

    def test_office_feed_lists_exactly_the_special_days_of_the_json_hours(self):
        for office in ("jh-099", "ph-16568", "koh-22406", "ka-61"):
            with self.subTest(office=office):
                calendar = self.fetch_calendar("/v1/offices/%s/calendar.ics?%s" % (office, WINTER))
                self.check_timezone(calendar)
                special, expected = self.expected_office_events(office, WINTER)
                events = self.events(calendar)
                self.assertEqual(len(events), expected)
                self.assertGreater(len(events), 0)
                event_days = {e.decoded("DTSTART").strftime("%Y-%m-%d") if isinstance(e.decoded("DTSTART"), datetime.datetime)
                              else e.decoded("DTSTART").isoformat() for e in events}
                self.assertEqual(event_days, {d["date"] for d in special})

    def test_closed_days_are_all_day_and_open_special_days_are_zoned_times(self):
        calendar = self.fetch_calendar("/v1/offices/jh-099/calendar.ics?" + WINTER)
        by_day = {}
        for e in self.events(calendar):
            by_day.setdefault(str(e["UID"]).split("@")[0].split("-")[2][:8], []).append(e)
        special, _ = self.expected_office_events("jh-099", WINTER)
        all_day = timed = 0
        for day in special:
            key = day["date"].replace("-", "")
            self.assertIn(key, by_day)
            for e in by_day[key]:
                start, end = e.decoded("DTSTART"), e.decoded("DTEND")
                if day["intervals"]:
                    timed += 1
                    self.assertIsInstance(start, datetime.datetime)
                    self.assertEqual(e["DTSTART"].params["TZID"], "Europe/Budapest")
                    self.assertEqual(e["DTEND"].params["TZID"], "Europe/Budapest")
                    self.assertEqual(start.utcoffset(), datetime.timedelta(hours=1))  # winter: CET
                    froms = {i["from"] for i in day["intervals"]}
                    self.assertIn(start.strftime("%H:%M"), froms)
                    self.assertLess(start, end)
                else:
                    all_day += 1
                    self.assertIsInstance(start, datetime.date)
                    self.assertNotIsInstance(start, datetime.datetime)
                    self.assertEqual(end - start, datetime.timedelta(days=1))
                    self.assertTrue(str(e["SUMMARY"]).startswith("Zárva"))
        self.assertGreater(all_day, 0, "the administrative closure should give all-day events")
        self.assertGreater(timed, 0, "the worked Saturday of 2026-01-10 should give a timed event")

    def test_office_feed_uids_are_stable_and_named_after_the_office_and_day(self):
        uids = self.check_uids("/v1/offices/jh-099/calendar.ics?" + WINTER)
        self.assertIn("jh-099-20251225@ugykalauz", uids)
        self.assertTrue(all(u.startswith("jh-099-") and u.endswith("@ugykalauz") for u in uids), uids)
        # A shorter window gives the same UID for the same day.
        shorter = self.check_uids("/v1/offices/jh-099/calendar.ics?from=2025-12-25&to=2025-12-26")
        self.assertTrue(set(shorter) <= set(uids))

    def test_default_window_is_the_coming_eight_weeks(self):
        calendar = self.fetch_calendar("/v1/offices/jh-099/calendar.ics")
        today = datetime.datetime.now(BUDAPEST).date()
        for e in self.events(calendar):
            start = e.decoded("DTSTART")
            day = start.date() if isinstance(start, datetime.datetime) else start
            self.assertGreaterEqual(day, today)
            self.assertLess(day, today + datetime.timedelta(days=56))

    # --- visits of a settlement ----------------------------------------------------------------

    def test_visit_feed_matches_the_json_visits_and_carries_zoned_times(self):
        for ksh, query in (("34014", "from=2025-12-01&to=2026-02-28"), ("08192", "from=2025-10-01&to=2025-10-31"),
                           ("23117", "from=2026-03-16&to=2026-04-12")):
            with self.subTest(settlement=ksh):
                path = "/v1/settlements/%s/visits" % ksh
                answer = self.fetch_json(path + "?" + query)
                occurrences = [o for v in answer["visits"] for o in v["occurrences"]]
                self.assertGreater(len(occurrences), 0)
                calendar = self.fetch_calendar(path + ".ics?" + query)
                self.check_timezone(calendar)
                events = self.events(calendar)
                self.assertEqual(len(events), len(occurrences))
                self.assertEqual([str(e["UID"]) for e in events], [o["uid"] for o in occurrences])
                for e, o in zip(events, occurrences):
                    self.assertEqual(e["DTSTART"].params["TZID"], "Europe/Budapest")
                    self.assertEqual(e.decoded("DTSTART"), datetime.datetime.fromisoformat(o["from"]))
                    self.assertEqual(e.decoded("DTEND"), datetime.datetime.fromisoformat(o["to"]))
                    self.assertIn(answer["settlement"]["name"], str(e["LOCATION"]))
                self.check_uids(path + ".ics?" + query)

    def test_bus_stop_in_october_is_in_summer_time(self):
        events = self.events(self.fetch_calendar("/v1/settlements/08192/visits.ics?from=2025-10-01&to=2025-10-31"))
        self.assertEqual(len(events), 1)
        start = events[0].decoded("DTSTART")
        self.assertEqual(start.utcoffset(), datetime.timedelta(hours=2))
        self.assertEqual(start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M"), "2025-10-20T06:00")
        self.assertEqual(str(events[0]["UID"]), "v-kab-2025-10-20-08192-20251020@ugykalauz")
        self.assertTrue(str(events[0]["SUMMARY"]).startswith("Kormányablakbusz"))
        # Text with commas and semicolons survives escaping.
        self.assertIn("csak bankkártyás fizetés", str(events[0]["DESCRIPTION"]))

    def test_weekly_visits_skip_public_holidays(self):
        # 34014: Mondays 10-11, PH off; 2026-04-06 is Easter Monday.
        answer = self.fetch_json("/v1/settlements/34014/visits?from=2026-03-30&to=2026-04-19")
        days = [o["from"][:10] for v in answer["visits"] for o in v["occurrences"]]
        self.assertEqual(days, ["2026-03-30", "2026-04-13"])

    # --- bad input -----------------------------------------------------------------------------

    def expect_problem(self, path, status, field):
        got, headers, body = self.service.get(path)
        self.assertEqual(got, status, body)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"), headers)
        self.assertEqual(json.loads(body).get("field"), field)

    def test_bad_input_is_a_problem_naming_the_field(self):
        self.expect_problem("/v1/offices/nincs-ilyen/calendar.ics", 404, "id")
        self.expect_problem("/v1/settlements/99999/visits.ics", 404, "ksh")
        self.expect_problem("/v1/settlements/99999/visits", 404, "ksh")
        self.expect_problem("/v1/offices/jh-099/calendar.ics?from=2026-13-01", 400, "from")
        self.expect_problem("/v1/offices/jh-099/calendar.ics?from=2026-01-10&to=2026-01-01", 400, "to")
        self.expect_problem("/v1/settlements/34014/visits.ics?from=2026-01-01&to=2027-06-01", 400, "to")


if __name__ == "__main__":
    unittest.main(verbosity=2)
