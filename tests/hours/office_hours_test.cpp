// Offices on the reference data: reasons per day, the year-end closure, unknown hours, visits.
#include "hours/office_hours.h"

#include <gtest/gtest.h>

#include "importers/bundle_reader.h"

namespace ugk::hours {
namespace {

class OfficeHoursOnReferenceData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto read = importers::read_bundle(std::string(UGK_SOURCE_DIR) + "/data");
    ASSERT_TRUE(read.ok());
    bundle_ = new kb::Bundle(std::move(read.bundle));
    calendar_ = new HoursCalendar(*bundle_);
  }
  static void TearDownTestSuite() {
    delete calendar_;
    delete bundle_;
  }
  static const kb::Office& office(const std::string& id) {
    for (const auto& o : bundle_->offices) {
      if (o.id == id) return o;
    }
    throw std::runtime_error("no office " + id);
  }
  static OfficeStatus status(const std::string& id, const char* instant) {
    return OfficeHours::of(office(id), *calendar_).status(*parse_instant(budapest(), instant));
  }
  static std::string iso(const std::optional<date::sys_seconds>& t) { return t ? iso_local(budapest(), *t) : "-"; }

  static inline kb::Bundle* bundle_ = nullptr;
  static inline HoursCalendar* calendar_ = nullptr;
};

TEST_F(OfficeHoursOnReferenceData, WorkedSaturdayOpensWithFridayHours) {
  // ph-16568 (Görbeháza): Fr 08:00-11:00.
  const auto s = status("ph-16568", "2026-01-10T09:00");
  EXPECT_EQ(s.state, OpenState::kOpen);
  EXPECT_EQ(iso(s.until), "2026-01-10T11:00:00+01:00");
  EXPECT_EQ(s.today.reason, DayReason::kWorkedSaturday);
  EXPECT_EQ(s.today.reason_hu, "Szombati munkanap – péntek szerinti nyitvatartás");
  // The district office too: the closure ended on 2026-01-04.
  EXPECT_EQ(status("jh-099", "2026-01-10T11:00").state, OpenState::kOpen);
}

TEST_F(OfficeHoursOnReferenceData, BridgeDayIsClosed) {
  const auto s = status("ph-16568", "2026-01-02T09:00");
  EXPECT_EQ(s.state, OpenState::kClosed);
  EXPECT_EQ(s.today.reason, DayReason::kBridgeDay);
  EXPECT_EQ(iso(s.next_opening), "2026-01-05T08:00:00+01:00");
}

TEST_F(OfficeHoursOnReferenceData, YearEndBreakClosesGovernmentOfficesButNotMunicipalOnes) {
  // 2025-12-29 (Monday): no designated office ids in the bundle, so every district office and
  // government window is closed; the municipal office keeps its Monday hours.
  for (const auto& [id, reopens] :
       {std::pair{"jh-099", "2026-01-05T08:00:00+01:00"}, std::pair{"ka-j099", "2026-01-05T08:00:00+01:00"},
        std::pair{"ka-61", "2026-01-05T07:00:00+01:00"}}) {
    const auto s = status(id, "2025-12-29T09:00");
    EXPECT_EQ(s.state, OpenState::kClosed) << id;
    EXPECT_EQ(s.today.reason, DayReason::kClosure) << id;
    EXPECT_EQ(iso(s.next_opening), reopens) << id;
  }
  EXPECT_EQ(status("ph-16568", "2025-12-29T09:00").state, OpenState::kOpen);
  EXPECT_EQ(status("ph-16568", "2025-12-29T09:00").today.reason, DayReason::kRegular);
}

TEST_F(OfficeHoursOnReferenceData, DesignatedWindowServesDuringTheBreak) {
  kb::Bundle bundle = *bundle_;
  bundle.closures.at(0).exceptions.at(0).office_ids = {"ka-j099"};
  const HoursCalendar calendar(bundle);
  const OfficeHours window = OfficeHours::of(office("ka-j099"), calendar);
  const auto s = window.status(*parse_instant(budapest(), "2025-12-29T09:00"));
  EXPECT_EQ(s.state, OpenState::kOpen);
  EXPECT_EQ(iso(s.until), "2025-12-29T12:00:00+01:00");
  EXPECT_EQ(s.today.reason, DayReason::kClosureException);
  EXPECT_EQ(window.day(*parse_iso_date("2025-12-23")).reason, DayReason::kRegular);
  EXPECT_EQ(window.day(*parse_iso_date("2026-01-02")).reason, DayReason::kClosure);
  // Other windows stay closed.
  EXPECT_EQ(OfficeHours::of(office("ka-j193"), calendar).status(*parse_instant(budapest(), "2025-12-29T09:00")).state,
            OpenState::kClosed);
}

TEST_F(OfficeHoursOnReferenceData, OfficeWithoutHoursIsUnknownNeverClosed) {
  const auto s = status("ka-107", "2026-01-14T09:00");
  EXPECT_EQ(s.state, OpenState::kUnknown);
  EXPECT_FALSE(s.until);
  EXPECT_EQ(s.today.reason, DayReason::kUnknown);
  // Even on a public holiday: we do not know.
  EXPECT_EQ(status("ka-107", "2026-03-15T09:00").state, OpenState::kUnknown);
}

TEST_F(OfficeHoursOnReferenceData, DstDaysGiveCorrectClockTimes) {
  EXPECT_EQ(iso(status("ph-16568", "2026-03-29T10:00").next_opening), "2026-03-30T08:00:00+02:00");
  EXPECT_EQ(iso(status("ph-16568", "2026-10-25T10:00").next_opening), "2026-10-26T08:00:00+01:00");
  EXPECT_EQ(iso(status("ph-16568", "2026-10-26T09:00").until), "2026-10-26T12:00:00+01:00");
}

TEST_F(OfficeHoursOnReferenceData, DatedBusStopsAreFoundAsNextOccurrences) {
  const OfficeHours bus("kab-csongrad-csanad", kb::OfficeKind::kGovernmentWindowBus,
                        std::string("2025 Oct 20 08:00-10:30"), *calendar_);
  const auto next = bus.next_occurrences(*parse_instant(budapest(), "2025-10-01T12:00"), 3);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(iso_local(budapest(), next[0].start), "2025-10-20T08:00:00+02:00");
  EXPECT_TRUE(bus.next_occurrences(*parse_instant(budapest(), "2025-10-21T12:00"), 3).empty());
}

TEST_F(OfficeHoursOnReferenceData, DatedRuleIsAnExceptionWithItsCommentAsReason) {
  const OfficeHours office("ph-16568", kb::OfficeKind::kMayorsOffice,
                           std::string("Mo-Fr 08:00-12:00; PH off; 2026 Jan 14 off \"költözés miatt zárva\""),
                           *calendar_);
  const OfficeDay moving = office.day(*parse_iso_date("2026-01-14"));
  EXPECT_EQ(moving.reason, DayReason::kException);
  EXPECT_EQ(moving.note, "költözés miatt zárva");
  EXPECT_TRUE(moving.intervals.empty());
  EXPECT_EQ(office.day(*parse_iso_date("2026-01-15")).reason, DayReason::kRegular);
  EXPECT_EQ(office.day(*parse_iso_date("2026-03-15")).reason, DayReason::kPublicHoliday);
}

TEST_F(OfficeHoursOnReferenceData, SharedHoursOfDistrictAndMunicipalOffice) {
  const auto jh = OfficeHours::of(office("jh-099"), *calendar_);
  const auto branch = OfficeHours::of(office("kir-30845"), *calendar_);  // Tu 13:00-16:00; Th 08:00-12:00
  const auto week = shared_hours(jh, branch, *parse_iso_date("2026-01-12"), *parse_iso_date("2026-01-18"));
  ASSERT_EQ(week.size(), 7u);
  EXPECT_EQ(week[1].minutes, 0);    // Tuesday: jh-099 closes at 12:00
  EXPECT_EQ(week[3].minutes, 240);  // Thursday 08:00-12:00
}

}  // namespace
}  // namespace ugk::hours
