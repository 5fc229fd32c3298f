// The iCalendar text builder (hours/icalendar): folding, escaping, UIDs, the Budapest VTIMEZONE rule
// against the system tz database, and the shape of a rendered calendar.
#include "hours/icalendar.h"

#include <gtest/gtest.h>

#include "hours/evaluator.h"

namespace ugk::hours::ical {
namespace {

using namespace date::literals;

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "unterminated line";
    if (end == std::string::npos) break;
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}

std::string unfold(const std::string& folded) {
  std::string out;
  for (const std::string& l : physical_lines(folded)) out += out.empty() ? l : l.substr(1);
  return out;
}

TEST(ICalendar, FoldsLongLinesAt75OctetsWithoutSplittingCharacters) {
  const std::string ascii = "DESCRIPTION:" + std::string(200, 'x');
  const std::string folded = fold_line(ascii);
  for (const std::string& l : physical_lines(folded)) EXPECT_LE(l.size(), 75u);
  EXPECT_EQ(physical_lines(folded)[0].size(), 75u);
  EXPECT_EQ(physical_lines(folded)[1][0], ' ');
  EXPECT_EQ(unfold(folded), ascii);

  std::string hungarian = "SUMMARY:";
  for (int i = 0; i < 60; ++i) hungarian += "ő€";  // 2 + 3 octets
  const std::string folded_hu = fold_line(hungarian);
  const auto lines = physical_lines(folded_hu);
  ASSERT_GT(lines.size(), 2u);
  for (const std::string& l : lines) {
    EXPECT_LE(l.size(), 75u);
    EXPECT_TRUE(valid_utf8(l)) << l;
  }
  EXPECT_EQ(unfold(folded_hu), hungarian);
  EXPECT_EQ(fold_line("UID:x"), "UID:x\r\n");
}

TEST(ICalendar, EscapesTextValues) {
  EXPECT_EQ(escape_text("Rákóczi u. 12, fszt.; \\ok\nújsor"), "Rákóczi u. 12\\, fszt.\\; \\\\ok\\nújsor");
  EXPECT_EQ(escape_text(std::string("a\rb\x01"
                                    "c\td")),
            "abc\td");
}

TEST(ICalendar, UidsAreDerivedFromRecordDayAndPosition) {
  const Date day = 2026_y / date::December / 24;
  EXPECT_EQ(event_uid("jh-099", day), "jh-099-20261224@ugykalauz");
  EXPECT_EQ(event_uid("jh-099", day, 0), event_uid("jh-099", day));
  EXPECT_EQ(event_uid("v-ugy-34014", day, 1), "v-ugy-34014-20261224-2@ugykalauz");
  EXPECT_NE(event_uid("jh-099", day), event_uid("jh-099", 2026_y / date::December / 25));
}

// The VTIMEZONE's rule (last Sunday of March / October, 01:00 UTC) is the tz database's for Budapest.
TEST(ICalendar, BudapestTimeZoneRuleMatchesTheTzDatabase) {
  const std::string vtimezone = budapest_vtimezone();
  EXPECT_NE(vtimezone.find("TZID:Europe/Budapest\r\n"), std::string::npos);
  EXPECT_NE(vtimezone.find("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"), std::string::npos);
  EXPECT_NE(vtimezone.find("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"), std::string::npos);
  const date::time_zone& zone = budapest();
  for (int y = 1997; y <= 2037; ++y) {
    const date::year year{y};
    const auto spring = date::sys_days{year / date::March / date::Sunday[date::last]} + std::chrono::hours{1};
    const auto autumn = date::sys_days{year / date::October / date::Sunday[date::last]} + std::chrono::hours{1};
    const std::chrono::seconds one{1};
    EXPECT_EQ(zone.get_info(spring - one).offset, std::chrono::hours{1}) << y;
    EXPECT_EQ(zone.get_info(spring).offset, std::chrono::hours{2}) << y;
    EXPECT_EQ(zone.get_info(autumn - one).offset, std::chrono::hours{2}) << y;
    EXPECT_EQ(zone.get_info(autumn).offset, std::chrono::hours{1}) << y;
  }
}

TEST(ICalendar, RendersACalendarWithCrlfTimeZoneAndBothEventForms) {
  Calendar calendar{"Próba, hivatal", std::nullopt, {}};
  Event closed;
  closed.uid = event_uid("ph-1", 2026_y / date::December / 25);
  closed.all_day = 2026_y / date::December / 25;
  closed.summary = "Zárva – Karácsony";
  closed.transparent = true;
  calendar.events.push_back(closed);
  Event open;
  open.uid = event_uid("ph-1", 2026_y / date::July / 4);
  // 08:00-12:00 Budapest summer time.
  open.start = to_instant(budapest(), 2026_y / date::July / 4, 8 * 60);
  open.end = to_instant(budapest(), 2026_y / date::July / 4, 12 * 60);
  open.summary = "Nyitva";
  open.location = "Fő tér 1.";
  calendar.events.push_back(open);
  const std::string text = render(calendar, date::sys_days{2026_y / date::January / 2} + std::chrono::hours{9});

  EXPECT_EQ(text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_EQ(text.substr(text.size() - 15), "END:VCALENDAR\r\n");
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ASSERT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
    }
  }
  EXPECT_NE(text.find("X-WR-CALNAME:Próba\\, hivatal\r\n"), std::string::npos);
  EXPECT_NE(text.find("BEGIN:VTIMEZONE\r\n"), std::string::npos);
  EXPECT_NE(text.find("DTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261226\r\n"), std::string::npos);
  EXPECT_NE(text.find("DTSTART;TZID=Europe/Budapest:20260704T080000\r\n"
                      "DTEND;TZID=Europe/Budapest:20260704T120000\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("DTSTAMP:20260102T090000Z\r\n"), std::string::npos);
  EXPECT_NE(text.find("UID:ph-1-20261225@ugykalauz\r\n"), std::string::npos);
  EXPECT_NE(text.find("TRANSP:TRANSPARENT\r\n"), std::string::npos);
  EXPECT_NE(text.find("LOCATION:Fő tér 1.\r\n"), std::string::npos);
}

}  // namespace
}  // namespace ugk::hours::ical
