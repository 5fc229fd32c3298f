// Opening hours on the Hungarian calendar: a day-by-day view, the status at an instant and the
// shared hours of a district's offices. The logic lives in hours/; this file only translates HTTP.
#include <chrono>

#include "api/endpoints.h"
#include "api/hours_views.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "api/views.h"
#include "kb/enums.h"
#include "kb/ids.h"
#include "kb/json_codec.h"

namespace ugk::api {
namespace {

using nlohmann::json;
constexpr int kMaxRangeDays = 366;

const kb::Office& office_param(const kb::Catalog& catalog, const Request& request) {
  const std::string& id = path_param(request, "id");
  const kb::Office* office = catalog.office(id);
  if (office == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú hivatal.");
  return *office;
}

// The office's own rule, unless the request asks for another one.
hours::EvaluationOptions options_param(const Request& request, const kb::Office& office) {
  hours::EvaluationOptions options = hours::OfficeHours::options_for(office);
  if (const auto text = optional_text(request, "worked_saturday", 40)) {
    const auto rule = kb::parse_worked_saturday_rule(*text);
    if (!rule) {
      throw bad_parameter("worked_saturday",
                          "A „worked_saturday” értéke swapped_weekday, as_written vagy closed lehet.");
    }
    options.worked_saturday = *rule;
  }
  return options;
}

std::optional<hours::Date> date_param(const Request& request, const std::string& name) {
  const auto text = optional_text(request, name, 40);
  if (!text) return std::nullopt;
  const auto parsed = hours::parse_iso_date(*text);
  if (!parsed) throw bad_parameter(name, "A(z) „" + name + "” paraméter ÉÉÉÉ-HH-NN formájú dátum legyen.");
  return parsed;
}

}  // namespace

DayRange day_range_param(const Request& request, date::sys_days today, int default_days) {
  const date::sys_days from{date_param(request, "from").value_or(hours::Date{today})};
  const date::sys_days to{date_param(request, "to").value_or(hours::Date{from + date::days{default_days - 1}})};
  if (to < from) throw bad_parameter("to", "A „to” nem lehet korábbi a „from” napnál.");
  if ((to - from).count() + 1 > kMaxRangeDays) {
    throw bad_parameter("to", "Legfeljebb " + std::to_string(kMaxRangeDays) + " napos időszak kérdezhető le.");
  }
  return {hours::Date{from}, hours::Date{to}};
}

date::sys_seconds instant_param(const Request& request, const std::string& name) {
  const auto text = optional_text(request, name, 40);
  if (!text) return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto parsed = hours::parse_instant(hours::budapest(), *text);
  if (!parsed) {
    throw bad_parameter(name, "A(z) „" + name +
                                  "” paraméter ISO 8601 időpont legyen (pl. 2026-01-10T09:30 vagy "
                                  "2026-01-10T09:30:00+01:00).");
  }
  return *parsed;
}

void add_hours_routes(RouteTable& table, const service::KnowledgeService& service) {
  table.get("/v1/offices/:id/hours", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const auto& catalog = snapshot->catalog;
    const kb::Office& office = office_param(*catalog, request);
    const auto options = options_param(request, office);
    const date::sys_days today{hours::local_date(hours::budapest(), instant_param(request, "at"))};
    const DayRange range = day_range_param(request, today, 7);
    const date::sys_days from{range.first}, to{range.last};
    const hours::HoursCalendar& calendar = *snapshot->calendar;
    const auto office_hours = hours::OfficeHours::of(office, calendar, options);
    json days = json::array();
    for (auto d = from; d <= to; d += date::days{1}) days.push_back(office_day_json(office_hours.day(hours::Date{d})));
    json body{{"office", office_summary(office)},
              {"timezone", "Europe/Budapest"},
              {"opening_hours", office.opening_hours},
              {"known", office_hours.known()},
              {"worked_saturday", kb::to_string(options.worked_saturday)},
              {"from", hours::iso_date(hours::Date{from})},
              {"to", hours::iso_date(hours::Date{to})},
              {"days", days}};
    if (office_hours.schedule()) {
      body["normalised"] = hours::normalise(*office_hours.schedule());
      body["text_hu"] = hours::to_hungarian(*office_hours.schedule());
    }
    if (office_hours.error()) {
      body["opening_hours_error"] = {{"position", office_hours.error()->position},
                                     {"message_hu", office_hours.error()->message_hu},
                                     {"message_en", office_hours.error()->message_en}};
    }
    return json_response(body);
  });

  table.get("/v1/offices/:id/status", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const auto& catalog = snapshot->catalog;
    const kb::Office& office = office_param(*catalog, request);
    const auto options = options_param(request, office);
    const auto at = instant_param(request, "at");
    const hours::HoursCalendar& calendar = *snapshot->calendar;
    json body = office_status_json(hours::OfficeHours::of(office, calendar, options).status(at), at);
    body["office"] = office_summary(office);
    body["timezone"] = "Europe/Budapest";
    body["opening_hours"] = office.opening_hours;
    return json_response(body);
  });

  table.get("/v1/districts/:code/hours-overlap", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const auto& catalog = snapshot->catalog;
    const std::string& code = path_param(request, "code");
    const kb::District* district = catalog->district(code);
    if (district == nullptr) throw not_found("code", "Nincs „" + code + "” kódú járás.");
    const std::string week = required_text(request, "week", 20);
    const auto monday = hours::parse_iso_week(week);
    if (!monday) throw bad_parameter("week", "A „week” paraméter ISO hét legyen: ÉÉÉÉ-Www (pl. 2026-W02).");
    const date::sys_days first{*monday};
    const hours::Date from{first}, to{first + date::days{6}};

    const hours::HoursCalendar& calendar = *snapshot->calendar;
    const kb::Office* district_office = catalog->office(kb::district_office_id(code));
    if (district_office == nullptr) throw not_found("code", "A(z) „" + code + "” járásnak nincs járási hivatala.");
    const auto district_hours = hours::OfficeHours::of(*district_office, calendar);
    json offices = json::array();
    for (const kb::Office* office : catalog->offices_in_district(code)) {
      if (office->kind != kb::OfficeKind::kMayorsOffice && office->kind != kb::OfficeKind::kJointOffice &&
          office->kind != kb::OfficeKind::kBranch) {
        continue;
      }
      const auto office_hours = hours::OfficeHours::of(*office, calendar);
      json entry = office_summary(*office);
      entry["known"] = office_hours.known() && district_hours.known();
      if (!entry["known"].get<bool>()) {
        entry["days"] = nullptr;
        entry["total_minutes"] = nullptr;
      } else {
        json days = json::array();
        int total = 0;
        for (const auto& shared : hours::shared_hours(district_hours, office_hours, from, to)) {
          json intervals = json::array();
          for (const auto& i : shared.intervals) intervals.push_back(interval_json(i));
          days.push_back(
              {{"date", hours::iso_date(shared.date)}, {"intervals", intervals}, {"minutes", shared.minutes}});
          total += shared.minutes;
        }
        entry["days"] = days;
        entry["total_minutes"] = total;
      }
      offices.push_back(entry);
    }
    json district_days = json::array();
    for (auto d = first; d <= date::sys_days{to}; d += date::days{1}) {
      district_days.push_back(office_day_json(district_hours.day(hours::Date{d})));
    }
    json district_entry = office_summary(*district_office);
    district_entry["known"] = district_hours.known();
    district_entry["days"] = district_days;
    return json_response({{"district", {{"code", district->code}, {"name", district->name}}},
                          {"week", week},
                          {"from", hours::iso_date(from)},
                          {"to", hours::iso_date(to)},
                          {"timezone", "Europe/Budapest"},
                          {"district_office", district_entry},
                          {"offices", offices}});
  });
}

}  // namespace ugk::api
