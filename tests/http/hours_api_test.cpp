// Opening hours over real HTTP: status on the calendar's hard days, day-by-day hours, district
// overlap, open-now in route answers, and bad parameters answered as problems naming the field.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "process.h"

namespace ugk::testing {
namespace {

using nlohmann::json;

class HoursApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ReferenceService>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static httplib::Result get(const std::string& path, const httplib::Params& params = {}) {
    return server_->get(path, params);
  }
  static json get_json(const std::string& path, const httplib::Params& params = {}) {
    auto res = get(path, params);
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body);
  }
  static json status(const std::string& office, const std::string& at) {
    return get_json("/v1/offices/" + office + "/status", {{"at", at}});
  }
  static void expect_problem(const httplib::Result& res, int status, const std::string& field) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u);
    EXPECT_EQ(json::parse(res->body).value("field", ""), field) << res->body;
  }

  static inline std::unique_ptr<ReferenceService> server_;
};

TEST_F(HoursApi, WorkedSaturdayIsOpenWithFridayHours) {
  const json s = status("ph-16568", "2026-01-10T09:00");
  EXPECT_EQ(s["state"], "open");
  EXPECT_EQ(s["open_now"], true);
  EXPECT_EQ(s["closes_at"], "2026-01-10T11:00:00+01:00");
  EXPECT_EQ(s["today"]["reason"], "worked_saturday");
  EXPECT_EQ(s["today"]["worked_as"], "péntek");
}

TEST_F(HoursApi, BridgeDayIsClosedUntilMonday) {
  const json s = status("ph-16568", "2026-01-02T10:00");
  EXPECT_EQ(s["state"], "closed");
  EXPECT_EQ(s["today"]["reason"], "bridge_day");
  EXPECT_EQ(s["next_opening"], "2026-01-05T08:00:00+01:00");
}

TEST_F(HoursApi, DaylightSavingDaysGiveLocalOffsets) {
  EXPECT_EQ(status("ph-16568", "2026-03-29T10:00")["next_opening"], "2026-03-30T08:00:00+02:00");
  EXPECT_EQ(status("ph-16568", "2026-10-25T10:00")["next_opening"], "2026-10-26T08:00:00+01:00");
  // An instant with an explicit UTC offset is the same moment.
  EXPECT_EQ(status("ph-16568", "2026-10-26T07:30:00Z")["state"], "open");
}

TEST_F(HoursApi, YearEndBreakClosesGovernmentOfficesOnly) {
  const json window = status("ka-j099", "2025-12-29T09:00");
  EXPECT_EQ(window["state"], "closed");
  EXPECT_EQ(window["today"]["reason"], "closure");
  EXPECT_EQ(window["next_opening"], "2026-01-05T08:00:00+01:00");
  EXPECT_EQ(status("jh-099", "2025-12-29T09:00")["state"], "closed");
  EXPECT_EQ(status("ph-16568", "2025-12-29T09:00")["state"], "open");
}

TEST_F(HoursApi, OfficeWithoutHoursAnswersUnknown) {
  const json s = status("ka-107", "2026-01-12T09:00");
  EXPECT_EQ(s["state"], "unknown");
  EXPECT_TRUE(s["open_now"].is_null());
  EXPECT_TRUE(
      get_json("/v1/offices/ka-107/hours", {{"from", "2026-01-12"}, {"to", "2026-01-12"}})["days"][0]["intervals"]
          .is_null());
}

TEST_F(HoursApi, HoursListEveryDayWithItsReason) {
  const json h = get_json("/v1/offices/ph-16568/hours", {{"from", "2025-12-24"}, {"to", "2026-01-10"}});
  ASSERT_EQ(h["days"].size(), 18u);
  EXPECT_EQ(h["days"][0]["reason"], "bridge_day");      // 24 December 2025
  EXPECT_EQ(h["days"][1]["reason"], "public_holiday");  // Christmas
  EXPECT_EQ(h["days"][5]["reason"], "regular");         // Monday 29 December
  EXPECT_EQ(h["days"][5]["intervals"][0], (json{{"from", "08:00"}, {"to", "12:00"}, {"state", "open"}}));
  EXPECT_EQ(h["days"][17]["reason"], "worked_saturday");
  EXPECT_EQ(h["text_hu"], "H–Sze 8:00–12:00, 12:30–15:30; Cs 8:00–12:00, 12:30–17:00; P 8:00–11:00; ünnepnap zárva");
}

TEST_F(HoursApi, WorkedSaturdayRuleCanBeChosenPerRequest) {
  const json s = get_json("/v1/offices/ph-16568/status", {{"at", "2026-01-10T09:00"}, {"worked_saturday", "closed"}});
  EXPECT_EQ(s["state"], "closed");
}

TEST_F(HoursApi, DistrictOverlapShowsSharedHours) {
  const json o = get_json("/v1/districts/099/hours-overlap", {{"week", "2026-W03"}});
  EXPECT_EQ(o["from"], "2026-01-12");
  EXPECT_EQ(o["district_office"]["id"], "jh-099");
  bool found = false;
  for (const json& office : o["offices"]) {
    if (office["id"] != "kir-30845") continue;
    found = true;
    EXPECT_EQ(office["total_minutes"], 240);  // Thursday 08:00-12:00 only
    EXPECT_EQ(office["days"][3]["intervals"][0]["from"], "08:00");
  }
  EXPECT_TRUE(found);
}

TEST_F(HoursApi, RouteShowsOpenNowAndNextVisit) {
  const json r =
      get_json("/v1/route", {{"settlement", "Zalavár"}, {"q", "közgyógyellátás"}, {"at", "2026-01-12T09:00"}});
  EXPECT_EQ(r["at"], "2026-01-12T09:00:00+01:00");
  ASSERT_FALSE(r["offices"].empty());
  for (const json& office : r["offices"]) {
    EXPECT_TRUE(office.contains("open_now") && office.contains("closes_at") && office.contains("next_opening"));
  }
  EXPECT_EQ(r["offices"][0]["open_now"], true);
  ASSERT_FALSE(r["visits"].empty());
  EXPECT_EQ(r["visits"][0]["next_occurrences"][0]["from"], "2026-01-12T13:00:00+01:00");
}

TEST_F(HoursApi, BadParametersAreProblemsNamingTheField) {
  expect_problem(get("/v1/offices/ph-16568/status", {{"at", "tegnap"}}), 400, "at");
  expect_problem(get("/v1/offices/ph-16568/hours", {{"from", "2026-02-30"}}), 400, "from");
  expect_problem(get("/v1/offices/ph-16568/hours", {{"from", "2026-01-01"}, {"to", "2027-01-02"}}), 400, "to");
  expect_problem(get("/v1/offices/ph-16568/hours", {{"from", "2026-01-05"}, {"to", "2026-01-01"}}), 400, "to");
  expect_problem(get("/v1/offices/ph-16568/status", {{"worked_saturday", "sometimes"}}), 400, "worked_saturday");
  expect_problem(get("/v1/offices/nincs-ilyen/status"), 404, "id");
  expect_problem(get("/v1/districts/099/hours-overlap", {{"week", "2026-W54"}}), 400, "week");
  expect_problem(get("/v1/districts/099/hours-overlap"), 400, "week");
  expect_problem(get("/v1/districts/999/hours-overlap", {{"week", "2026-W03"}}), 404, "code");
  expect_problem(get("/v1/route", {{"settlement", "Zalavár"}, {"q", "közgyógyellátás"}, {"at", "2026-01-12"}}), 400,
                 "at");
}

TEST_F(HoursApi, CliValidatesValuesWithPositions) {
  const CommandResult ok = run_ugykalauz({"hours", "check", "Mo-Th 08:00-12:00,13:00-16:00; Fr 08:00-12:00"});
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_NE(ok.output.find("H–Cs 8:00–12:00, 13:00–16:00; P 8:00–12:00"), std::string::npos) << ok.output;
  const CommandResult bad = run_ugykalauz({"hours", "check", "Mo 08:00-12:60"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("10. karakternél"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace ugk::testing
