// Evaluation on the Hungarian calendar: holidays, swapped days, midnight and daylight-saving changes.
#include "hours/evaluator.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "importers/calendar_reader.h"

namespace ugk::hours {
namespace {

using date::sys_seconds;

const HolidayCalendar& calendar() {
  static const HolidayCalendar instance = [] {
    std::ifstream in(std::string(UGK_SOURCE_DIR) + "/data/calendar/holidays.csv");
    std::stringstream text;
    text << in.rdbuf();
    std::vector<importers::Problem> problems;
    auto days = importers::read_holidays(text.str(), problems);
    EXPECT_TRUE(problems.empty());
    return HolidayCalendar(days.records);
  }();
  return instance;
}

Date day(const char* iso) {
  return *parse_iso_date(iso);
}
sys_seconds at(const char* iso) {
  return *parse_instant(budapest(), iso);
}
std::string iso(sys_seconds t) {
  return iso_local(budapest(), t);
}

Status status_of(const std::string& value, const char* instant, EvaluationOptions options = {}) {
  const Schedule schedule = *parse(value).schedule;
  const DaySource source = [&](Date d) { return evaluate_day(schedule, calendar(), d, options).intervals; };
  return status_at(source, budapest(), at(instant));
}

constexpr const char* kOffice = "Mo 08:00-12:00,12:30-16:00; Tu-Th 08:00-16:00; Fr 08:00-13:00; PH off";

TEST(HungarianCalendar, ComputesEasterAndTheMovableFeasts) {
  EXPECT_EQ(easter_sunday(2025), day("2025-04-20"));
  EXPECT_EQ(easter_sunday(2026), day("2026-04-05"));
  EXPECT_EQ(easter_sunday(2027), day("2027-03-28"));
  // 2028 has no decree in the data: the statutory list is computed.
  EXPECT_FALSE(calendar().has_decree_data(2028));
  EXPECT_EQ(calendar().day(day("2028-04-14")).kind, DayKind::kPublicHoliday);  // Good Friday
  EXPECT_EQ(calendar().day(day("2028-04-17")).kind, DayKind::kPublicHoliday);  // Easter Monday
  EXPECT_EQ(calendar().day(day("2028-06-05")).kind, DayKind::kPublicHoliday);  // Whit Monday
  EXPECT_EQ(calendar().day(day("2028-08-21")).kind, DayKind::kOrdinary);
}

TEST(HungarianCalendar, PairsEachWorkedSaturdayWithTheBridgeDayOfItsSwap) {
  const std::vector<std::pair<const char*, const char*>> pairs{
      {"2025-05-17", "2025-05-02"}, {"2025-10-18", "2025-10-24"}, {"2025-12-13", "2025-12-24"},
      {"2026-01-10", "2026-01-02"}, {"2026-08-08", "2026-08-21"}, {"2026-12-12", "2026-12-24"}};
  for (const auto& [saturday, bridge] : pairs) {
    const auto info = calendar().day(day(saturday));
    EXPECT_EQ(info.kind, DayKind::kWorkedSaturday) << saturday;
    ASSERT_TRUE(info.swap_partner) << saturday;
    EXPECT_EQ(*info.swap_partner, day(bridge)) << saturday;
    EXPECT_EQ(calendar().day(day(bridge)).kind, DayKind::kBridgeRestDay) << bridge;
  }
}

TEST(IsoWeek, ParsesToTheMondayOfTheWeek) {
  EXPECT_EQ(parse_iso_week("2026-W02"), day("2026-01-05"));
  EXPECT_EQ(parse_iso_week("2026-W01"), day("2025-12-29"));  // week 1 starts in the previous year
  EXPECT_EQ(parse_iso_week("2026-W53"), day("2026-12-28"));  // 2026 has 53 ISO weeks
  EXPECT_EQ(parse_iso_week("2025-W52"), day("2025-12-22"));
  EXPECT_EQ(parse_iso_week("1900-W10"), day("1900-03-05"));
  EXPECT_EQ(parse_iso_week("2200-W01"), day("2199-12-30"));
}

TEST(IsoWeek, RejectsMalformedAndImpossibleWeeks) {
  for (const char* text :
       {"", "2026", "2026-02", "2026-W2", "2026-W002", "2026W02x", "2026-w02", "2026 W02", "2026-W00", "2025-W53",
        "2026-W54", "20a6-W02", "2026-Wx2", "1899-W52", "2201-W01", "-026-W02", "2026-W02 "}) {
    EXPECT_EQ(parse_iso_week(text), std::nullopt) << "„" << text << "”";
  }
}

TEST(OpeningHours, YearsAndMonthsTogetherRequireBoth) {
  const std::string value = "2020-2022 Jan-Mar Mo-Fr 08:00-12:00";
  EXPECT_EQ(status_of(value, "2021-02-03T09:00").state, RuleState::kOpen) << "February of 2021";
  EXPECT_EQ(status_of(value, "2021-05-05T09:00").state, RuleState::kClosed) << "not in the months";
  EXPECT_EQ(status_of(value, "2023-02-01T09:00").state, RuleState::kClosed) << "not in the years";
}

TEST(OpeningHours, WorkedSaturdayTakesTheHoursOfTheSwappedWeekday) {
  // 2026-01-10 makes up for Friday 2026-01-02: Friday's 08:00-13:00.
  const Status s = status_of(kOffice, "2026-01-10T09:00");
  EXPECT_EQ(s.state, RuleState::kOpen);
  EXPECT_EQ(iso(*s.next_change), "2026-01-10T13:00:00+01:00");
  // 2025-10-18 makes up for Friday 2025-10-24, 2025-05-17 for Friday 2025-05-02.
  EXPECT_EQ(status_of(kOffice, "2025-10-18T12:30").state, RuleState::kOpen);
  EXPECT_EQ(status_of(kOffice, "2025-10-18T13:30").state, RuleState::kClosed);
  EXPECT_EQ(status_of(kOffice, "2025-05-17T08:00").state, RuleState::kOpen);
  // 2025-12-13 and 2026-12-12 make up for Christmas Eve (a Wednesday and a Thursday).
  EXPECT_EQ(iso(*status_of(kOffice, "2025-12-13T10:00").next_change), "2025-12-13T16:00:00+01:00");
  EXPECT_EQ(iso(*status_of(kOffice, "2026-12-12T15:00").next_change), "2026-12-12T16:00:00+01:00");
}

TEST(OpeningHours, WorkedSaturdayRuleIsConfigurable) {
  EXPECT_EQ(status_of(kOffice, "2026-01-10T09:00", {WorkedSaturdayRule::kAsWritten}).state, RuleState::kClosed);
  EXPECT_EQ(status_of(kOffice, "2026-01-10T09:00", {WorkedSaturdayRule::kClosed}).state, RuleState::kClosed);
  EXPECT_EQ(status_of("Sa 09:00-11:00", "2026-01-10T10:00", {WorkedSaturdayRule::kAsWritten}).state, RuleState::kOpen);
  EXPECT_EQ(status_of("Sa 09:00-11:00", "2026-01-10T10:00").state, RuleState::kClosed);  // works as a Friday
}

TEST(OpeningHours, BridgeDayIsClosedLikeAPublicHoliday) {
  const Status s = status_of(kOffice, "2026-01-02T09:00");
  EXPECT_EQ(s.state, RuleState::kClosed);
  EXPECT_EQ(iso(*s.next_change), "2026-01-05T08:00:00+01:00");
  EXPECT_EQ(iso(*s.next_opening), "2026-01-05T08:00:00+01:00");
}

TEST(OpeningHours, ChristmasEveIsARestDayIn2025And2026) {
  EXPECT_EQ(status_of(kOffice, "2025-12-24T09:00").state, RuleState::kClosed);
  EXPECT_EQ(iso(*status_of(kOffice, "2025-12-24T09:00").next_opening), "2025-12-29T08:00:00+01:00");
  EXPECT_EQ(status_of(kOffice, "2026-12-24T09:00").state, RuleState::kClosed);
  // Without "PH off" the value says nothing about holidays (OSM semantics): open.
  EXPECT_EQ(status_of("Mo-Fr 08:00-12:00", "2025-12-24T09:00").state, RuleState::kOpen);
}

TEST(OpeningHours, RangesPastMidnightBelongToTheDayTheyStart) {
  const Status late = status_of("Fr 22:00-02:00", "2026-01-17T01:00");  // Saturday 01:00
  EXPECT_EQ(late.state, RuleState::kOpen);
  EXPECT_EQ(iso(*late.next_change), "2026-01-17T02:00:00+01:00");
  EXPECT_EQ(status_of("Fr 22:00-02:00", "2026-01-16T01:00").state, RuleState::kClosed);  // Friday 01:00
}

TEST(OpeningHours, SpringForwardDayHasTwentyThreeHours) {
  // 2026-03-29 02:00 CET → 03:00 CEST.
  const Status night = status_of("Su 01:00-04:00", "2026-03-29T01:30");
  EXPECT_EQ(night.state, RuleState::kOpen);
  EXPECT_EQ(iso(*night.next_change), "2026-03-29T04:00:00+02:00");
  EXPECT_EQ(*night.next_change - at("2026-03-29T01:30"), std::chrono::minutes(90));
  // An office is closed on that Sunday and opens on Monday in summer time.
  const Status office = status_of(kOffice, "2026-03-29T12:00");
  EXPECT_EQ(office.state, RuleState::kClosed);
  EXPECT_EQ(iso(*office.next_opening), "2026-03-30T08:00:00+02:00");
  EXPECT_EQ(iso(*status_of(kOffice, "2026-03-27T15:00").next_change), "2026-03-30T08:00:00+02:00");
}

TEST(OpeningHours, FallBackDayHasTwentyFiveHours) {
  // 2026-10-25 03:00 CEST → 02:00 CET.
  const Status night = status_of("Su 01:00-04:00", "2026-10-25T01:30");
  EXPECT_EQ(iso(*night.next_change), "2026-10-25T04:00:00+01:00");
  EXPECT_EQ(*night.next_change - at("2026-10-25T01:30"), std::chrono::minutes(210));
  const Status office = status_of(kOffice, "2026-10-23T09:00");  // national holiday, Friday
  EXPECT_EQ(office.state, RuleState::kClosed);
  EXPECT_EQ(iso(*office.next_opening), "2026-10-26T08:00:00+01:00");
  const Status day24 = status_of("Mo-Su 00:00-24:00", "2026-10-25T12:00");
  EXPECT_EQ(day24.state, RuleState::kOpen);
}

TEST(OpeningHours, NthWeekdayAndWeekNumbers) {
  EXPECT_EQ(status_of("Tu[1] 08:00-12:00", "2026-02-03T09:00").state, RuleState::kOpen);
  EXPECT_EQ(status_of("Tu[1] 08:00-12:00", "2026-02-10T09:00").state, RuleState::kClosed);
  EXPECT_EQ(status_of("Fr[-1] 08:00-12:00", "2026-02-27T09:00").state, RuleState::kOpen);
  EXPECT_EQ(status_of("week 1-53/2 Mo 08:00-12:00", "2026-01-05T09:00").state, RuleState::kClosed);  // week 2
  EXPECT_EQ(status_of("week 1-53/2 Mo 08:00-12:00", "2026-01-12T09:00").state, RuleState::kOpen);    // week 3
}

TEST(OpeningHours, DatedExceptionsOverrideTheWeeklyPattern) {
  const std::string value = std::string(kOffice) + "; 2026 Jan 14 off \"költözés\"";
  EXPECT_EQ(status_of(value, "2026-01-14T09:00").state, RuleState::kClosed);
  EXPECT_EQ(status_of(value, "2026-01-15T09:00").state, RuleState::kOpen);
  const Status commented = status_of("Mo-Fr 08:00-12:00 \"csak előzetes bejelentkezéssel\"", "2026-01-14T09:00");
  EXPECT_EQ(commented.state, RuleState::kUnknown);
  EXPECT_EQ(commented.comment, "csak előzetes bejelentkezéssel");
}

TEST(Instants, ParseWithAndWithoutOffset) {
  EXPECT_EQ(iso(at("2026-01-10T09:00")), "2026-01-10T09:00:00+01:00");
  EXPECT_EQ(iso(at("2026-07-10T09:00:00Z")), "2026-07-10T11:00:00+02:00");
  EXPECT_EQ(iso(at("2026-07-10T09:00:00+02:00")), "2026-07-10T09:00:00+02:00");
  EXPECT_FALSE(parse_instant(budapest(), "2026-13-10T09:00"));
  EXPECT_FALSE(parse_instant(budapest(), "tegnap"));
}

}  // namespace
}  // namespace ugk::hours
