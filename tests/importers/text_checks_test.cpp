#include "importers/text_checks.h"

#include <gtest/gtest.h>

#include "importers/problem.h"

namespace ugk::importers {
namespace {

TEST(TextChecks, ComputesTheWeekdayOfADate) {
  EXPECT_EQ(weekday_of("2025-01-01"), "Wed");
  EXPECT_EQ(weekday_of("2025-03-15"), "Sat");
  EXPECT_EQ(weekday_of("2027-12-26"), "Sun");
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
