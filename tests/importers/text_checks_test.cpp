#include "importers/text_checks.h"

#include <gtest/gtest.h>

#include "importers/problem.h"

namespace ugk::importers {
namespace {

TEST(TextChecks, AcceptsOnlyRealCalendarDates) {
  EXPECT_TRUE(is_valid_date("2025-12-24"));
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2025-02-29"));
  EXPECT_FALSE(is_valid_date("2025-13-01"));
  EXPECT_FALSE(is_valid_date("2025-1-01"));
  EXPECT_FALSE(is_valid_date("2025/01/01"));
  EXPECT_FALSE(is_valid_date(""));
}

TEST(TextChecks, ComputesTheWeekdayOfADate) {
  EXPECT_EQ(weekday_of("2025-01-01"), "Wed");
  EXPECT_EQ(weekday_of("2025-03-15"), "Sat");
  EXPECT_EQ(weekday_of("2027-12-26"), "Sun");
}

TEST(TextChecks, RecognisesAsciiKebabCase) {
  EXPECT_TRUE(is_kebab_case("hagyateki-eljaras-hagyateki-leltar"));
  EXPECT_TRUE(is_kebab_case("21hipa"));
  EXPECT_FALSE(is_kebab_case("hagyatéki-eljárás"));
  EXPECT_FALSE(is_kebab_case("Lakcim"));
  EXPECT_FALSE(is_kebab_case("a--b"));
  EXPECT_FALSE(is_kebab_case("-a"));
  EXPECT_FALSE(is_kebab_case("a_b"));
  EXPECT_FALSE(is_kebab_case(""));
}

TEST(TextChecks, ParsesWholeNumbersOnly) {
  EXPECT_EQ(parse_int("1686222"), 1686222);
  EXPECT_FALSE(parse_int("12a"));
  EXPECT_FALSE(parse_int(""));
  EXPECT_EQ(parse_double("47.02907"), 47.02907);
  EXPECT_FALSE(parse_double("47,0"));
}

TEST(Problem, FormatsAsOneLineWithLocationRecordAndField) {
  Problem p{"procedures.json", "id=x", 123, "competence.authority", "ismeretlen érték (unknown value): y"};
  EXPECT_EQ(format(p), "procedures.json:123: id=x: competence.authority: ismeretlen érték (unknown value): y");
  EXPECT_EQ(format(Problem{"visits.json", "", std::nullopt, "", "hiányzó fájl (missing file)"}),
            "visits.json: hiányzó fájl (missing file)");
}

}  // namespace
}  // namespace ugk::importers
