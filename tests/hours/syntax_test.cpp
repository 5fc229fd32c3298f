// The opening_hours syntax: what parses, where errors are reported, and how values print back.
#include "hours/syntax.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace ugk::hours {
namespace {

std::set<std::string> corpus() {
  std::set<std::string> values;
  for (const char* file : {"offices.json", "visits.json"}) {
    std::ifstream in(std::string(UGK_SOURCE_DIR) + "/data/" + file);
    for (const auto& record : nlohmann::json::parse(in)) {
      for (const char* field : {"opening_hours", "schedule"}) {
        if (record.contains(field) && record[field].is_string()) values.insert(record[field].get<std::string>());
      }
    }
  }
  return values;
}

TEST(OpeningHoursSyntax, EveryValueOfTheReferenceDataParsesAndPrintsBackUnchanged) {
  const auto values = corpus();
  ASSERT_GT(values.size(), 50u);
  for (const auto& value : values) {
    const ParseResult parsed = parse(value);
    ASSERT_TRUE(parsed.ok()) << value << ": " << parsed.error->message_en;
    EXPECT_EQ(normalise(*parsed.schedule), value);
  }
}

TEST(OpeningHoursSyntax, ParsesTheFormsOfficesPublish) {
  for (const char* value :
       {"Mo-Fr 08:00-12:00,13:00-16:00", "Mo,We,Fr 08:00-12:00", "Sa-Mo 10:00-12:00", "2026 Jan 10 08:00-12:00",
        "Dec 24 off", "Dec 24-Jan 05 off", "Jan-Mar Mo 08:00-10:00", "Tu[1] 08:00-12:00", "Tu[1,3] 08:00-12:00",
        "Fr[-1] 08:00-12:00", "week 1-53/2 Mo 08:00-12:00", "week 02,04 Tu 10:00-12:00", "PH off",
        "Mo-Fr 08:00-16:00 \"csak előzetes bejelentkezéssel\"", "Mo-Fr 08:00-16:00, We 18:00-20:00", "Fr 22:00-02:00",
        "24/7", "2025-2026 Mo 08:00-12:00", "Mo-Fr 08:00-12:00 open \"telefonos egyeztetés\""}) {
    const ParseResult parsed = parse(value);
    EXPECT_TRUE(parsed.ok()) << value << ": " << (parsed.error ? parsed.error->message_en : "");
  }
}

TEST(OpeningHoursSyntax, ErrorsNameThePositionInHungarianAndEnglish) {
  struct Case {
    const char* value;
    std::size_t position;
  };
  for (const Case& c :
       {Case{"Mo-Fx 08:00-12:00", 3}, Case{"Mo 08:00-12:60", 9}, Case{"Mo 08:00", 8}, Case{"Mo 08:00-12:00;", 15},
        Case{"Feb 30 off", 4}, Case{"", 0}, Case{"Mo 08:00-12:00 \"nincs vége", 15}, Case{"Hétfő 08:00-12:00", 0},
        Case{"Mo 8-12", 3}, Case{"week 54 Mo 08:00-09:00", 5}}) {
    const ParseResult parsed = parse(c.value);
    ASSERT_FALSE(parsed.ok()) << c.value;
    EXPECT_EQ(parsed.error->position, c.position) << c.value << ": " << parsed.error->message_en;
    EXPECT_FALSE(parsed.error->message_hu.empty());
    EXPECT_FALSE(parsed.error->message_en.empty());
  }
}

TEST(OpeningHoursSyntax, PositionsCountCharactersNotBytes) {
  const ParseResult parsed = parse("Mo 08:00-12:00 \"ügyfélfogadás\" x");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error->position, 31u);
}

// Found by fuzz/fuzz_hours: a ':' without a wide selector before it was accepted, and the normal
// form of ":Sa,:Sa" ("Sa, Sa") parsed back as a different schedule.
TEST(OpeningHoursSyntax, AColonOnlyFollowsAWideSelectorAndTheNormalFormReadsBack) {
  EXPECT_FALSE(parse(":Sa").ok());
  EXPECT_FALSE(parse(":Sa,:Sa").ok());
  EXPECT_FALSE(parse("Mo 08:00-12:00; :Sa off").ok());
  ASSERT_TRUE(parse("week 01-10: Mo 08:00-12:00").ok());
  // Nor may it end a rule: "2025 ,2025:,2025 ,2023" was two rules, printed without the ':' as one list.
  EXPECT_FALSE(parse("2025 ,2025:,2025 ,2023").ok());
  EXPECT_EQ(parse("2025:").error->position, 5u);
  EXPECT_FALSE(parse("Dec 24:; Mo 08:00-12:00").ok());
  EXPECT_EQ(normalise(*parse("2025 Dec: off").schedule), "2025 Dec off");
  EXPECT_EQ(normalise(*parse("2025,2026: \"zárva\"").schedule), "2025,2026 \"zárva\"");
  for (const char* value : {"week 01-10: Mo 08:00-12:00", "Sa, Sa", "Mo 08:00-12:00, Tu 14:00-16:00"}) {
    const ParseResult first = parse(value);
    ASSERT_TRUE(first.ok()) << value;
    const std::string normal = normalise(*first.schedule);
    const ParseResult again = parse(normal);
    ASSERT_TRUE(again.ok()) << normal;
    EXPECT_EQ(normalise(*again.schedule), normal) << value;
  }
}

// Found by fuzz/fuzz_hours: a list of wide selectors switched from dates to years ("2025 Aug,2029"),
// which put the year and the date into one rule that required both ("in 2029 and in Aug 2025") and
// printed as "2029 2025 Aug", a value that does not parse. A list keeps its kind; a comma before the
// other kind starts an additional rule.
TEST(OpeningHoursSyntax, AListOfYearsOrDatesKeepsItsKindAndPrintsBackAsParsed) {
  const auto schedule = *parse("2025 Aug,2029").schedule;
  ASSERT_EQ(schedule.rules.size(), 2u);
  EXPECT_TRUE(schedule.rules[0].years.empty());
  ASSERT_EQ(schedule.rules[0].dates.size(), 1u);
  EXPECT_EQ(schedule.rules[0].dates[0].from_year, 2025);
  EXPECT_EQ(schedule.rules[0].dates[0].from_month, 8);
  EXPECT_EQ(schedule.rules[1].join, RuleJoin::kAdditional);
  EXPECT_EQ(schedule.rules[1].years, (std::vector<NumberRange>{{2029, 2029, 1}}));
  EXPECT_TRUE(schedule.rules[1].dates.empty());

  struct Case {
    const char* value;
    const char* normal;
  };
  for (const Case& c : {Case{"2025 Aug,2029", "2025 Aug, 2029"}, Case{"2029,2025 Aug", "2029, 2025 Aug"},
                        Case{"2025 Aug,2029-2030 Mo 08:00-12:00", "2025 Aug, 2029-2030 Mo 08:00-12:00"},
                        Case{"2025,2027-2028 Mo 08:00-12:00", "2025,2027-2028 Mo 08:00-12:00"},
                        Case{"Dec 24,2026 Dec 31 off", "Dec 24,2026 Dec 31 off"},
                        Case{"2026 Jan 10,Feb 02 08:00-12:00", "2026 Jan 10,Feb 02 08:00-12:00"}}) {
    const ParseResult first = parse(c.value);
    ASSERT_TRUE(first.ok()) << c.value << ": " << first.error->message_en;
    const std::string normal = normalise(*first.schedule);
    EXPECT_EQ(normal, c.normal) << c.value;
    const ParseResult again = parse(normal);
    ASSERT_TRUE(again.ok()) << normal << ": " << again.error->message_en;
    EXPECT_EQ(*again.schedule, *first.schedule) << c.value;
  }
}

// A year range followed by months (issue 15: "2020-2022 Jan-Mar" was refused at the month).
TEST(OpeningHoursSyntax, AYearSelectorMayBeFollowedByMonths) {
  const ParseResult result = parse("2020-2022 Jan-Mar Mo-Fr 08:00-12:00");
  ASSERT_TRUE(result.ok()) << result.error->message_en;
  const Rule& rule = result.schedule->rules.at(0);
  EXPECT_EQ(rule.years, (std::vector<NumberRange>{{2020, 2022, 1}}));
  ASSERT_EQ(rule.dates.size(), 1u);
  EXPECT_EQ(rule.dates[0].from_month, 1);
  EXPECT_EQ(rule.dates[0].to_month, 3);
  const std::string normal = normalise(*result.schedule);
  EXPECT_EQ(normal, "2020-2022 Jan-Mar Mo-Fr 08:00-12:00");
  EXPECT_EQ(*parse(normal).schedule, *result.schedule) << "prints back as parsed";
  EXPECT_TRUE(parse("2020-2022 Jan 10-Feb 02 off").ok());
  EXPECT_FALSE(parse("2020-2022Jan").ok()) << "a space separates the selectors";
}

// Found by fuzz/fuzz_hours: the year after the dash of a date range was not checked, so
// "2025 Oct2-0202 12" kept the year 202 and printed it as "202 Oct 12", which does not parse.
TEST(OpeningHoursSyntax, TheEndYearOfADateRangeIsCheckedLikeTheStart) {
  EXPECT_FALSE(parse("2025 Oct2-0202 12").ok());
  EXPECT_EQ(parse("2025 Oct 02-0202 Oct 12").error->position, 12u);
  EXPECT_FALSE(parse("2025 Oct 02-2300 Oct 12").ok());
  EXPECT_FALSE(parse("2026 Oct 02-2025 Oct 12").ok());
  const ParseResult across = parse("2025 Dec 24-2026 Jan 06 off");
  ASSERT_TRUE(across.ok());
  EXPECT_EQ(normalise(*across.schedule), "2025 Dec 24-2026 Jan 06 off");
  EXPECT_EQ(normalise(*parse("2025 Oct2-2026 12").schedule), "2025 Oct 02-2026 Oct 12");
}

// Found by fuzz/fuzz_hours: a space before the comma ended a list ("2025May5 ,2025 May" was two rules),
// but the printer drops that space, so the normal form read back as one rule with two dates. Spaces
// around a list's comma do not matter.
TEST(OpeningHoursSyntax, SpacesAroundAListCommaDoNotSplitTheRule) {
  struct Case {
    const char* value;
    const char* normal;
  };
  for (const Case& c : {Case{"2025May5 ,2025                             May", "2025 May 05,2025 May"},
                        Case{"Mo ,Tu 08:00-12:00", "Mo,Tu 08:00-12:00"},
                        Case{"Mo 08:00-10:00 , 11:00-12:00", "Mo 08:00-10:00,11:00-12:00"},
                        Case{"week 01 ,03 Mo 08:00-12:00", "week 1,3 Mo 08:00-12:00"},
                        Case{"Mo 08:00-10:00 , Tu 11:00-12:00", "Mo 08:00-10:00, Tu 11:00-12:00"}}) {
    const ParseResult first = parse(c.value);
    ASSERT_TRUE(first.ok()) << c.value << ": " << first.error->message_en;
    const std::string normal = normalise(*first.schedule);
    EXPECT_EQ(normal, c.normal) << c.value;
    const ParseResult again = parse(normal);
    ASSERT_TRUE(again.ok()) << normal;
    EXPECT_EQ(*again.schedule, *first.schedule) << c.value;
  }
}

TEST(OpeningHoursSyntax, NormalisesSpacingAndShortTimes) {
  EXPECT_EQ(normalise(*parse("Mo,Tu  8:00-12:00 ;Fr 9:30-11:00;PH off").schedule),
            "Mo,Tu 08:00-12:00; Fr 09:30-11:00; PH off");
  EXPECT_EQ(normalise(*parse("2026 Jan 10 08:00-12:00 \"áthelyezett munkanap\"").schedule),
            "2026 Jan 10 08:00-12:00 \"áthelyezett munkanap\"");
  EXPECT_EQ(normalise(*parse("Dec 24-Jan 5 off").schedule), "Dec 24-Jan 05 off");
  EXPECT_EQ(normalise(*parse("Fr 22:00-02:00").schedule), "Fr 22:00-02:00");
}

TEST(OpeningHoursSyntax, ReadsAsShortHungarianText) {
  EXPECT_EQ(to_hungarian(*parse("Mo-Th 08:00-12:00,13:00-16:00; Fr 08:00-12:00").schedule),
            "H–Cs 8:00–12:00, 13:00–16:00; P 8:00–12:00");
  EXPECT_EQ(to_hungarian(*parse("Mo 08:00-12:00; PH off").schedule), "H 8:00–12:00; ünnepnap zárva");
  EXPECT_EQ(to_hungarian(*parse("2026 Jan 10 08:00-12:00").schedule), "2026. jan. 10. 8:00–12:00");
  EXPECT_EQ(to_hungarian(*parse("week 1-53/2 Tu 13:00-15:00").schedule), "páratlan heteken K 13:00–15:00");
}

TEST(OpeningHoursSyntax, HungarianTextOfAValueAsWritten) {
  EXPECT_EQ(hungarian_text("Mo,Tu,Th 07:30-12:00,12:30-16:00; Fr 07:30-12:00; PH off"),
            "H,K,Cs 7:30–12:00, 12:30–16:00; P 7:30–12:00; ünnepnap zárva");
  EXPECT_EQ(hungarian_text("Tu 13:00-14:30; PH off"), "K 13:00–14:30; ünnepnap zárva");
  EXPECT_EQ(hungarian_text("hétfőtől péntekig"), std::nullopt);
  EXPECT_EQ(hungarian_text(""), std::nullopt);
}

TEST(OpeningHoursSyntax, CommaAfterTimesStartsAnAdditionalRule) {
  const auto schedule = *parse("Mo-Fr 08:00-12:00, We 14:00-16:00").schedule;
  ASSERT_EQ(schedule.rules.size(), 2u);
  EXPECT_EQ(schedule.rules[1].join, RuleJoin::kAdditional);
  EXPECT_EQ(schedule.rules[0].times.size(), 1u);
}

}  // namespace
}  // namespace ugk::hours
