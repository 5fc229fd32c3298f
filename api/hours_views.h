// JSON renderings of opening-hours results (hours/), shared by the hours endpoints and /v1/route.
#pragma once

#include <nlohmann/json.hpp>

#include "api/http_types.h"
#include "hours/office_hours.h"
#include "kb/catalog.h"
#include "kb/routing.h"
#include "service/case_answer.h"

namespace ugk::api {

nlohmann::json interval_json(const hours::Interval& interval);
nlohmann::json office_day_json(const hours::OfficeDay& day);
nlohmann::json office_status_json(const hours::OfficeStatus& status, date::sys_seconds at);

// The ISO 8601 instant in query parameter `name` (now when absent); 400 naming it when malformed.
date::sys_seconds instant_param(const Request& request, const std::string& name);

// The days asked for with `from` and `to` (YYYY-MM-DD, both inclusive): `from` defaults to `today`,
// `to` to `default_days` days in all; at most a year. 400 naming the parameter otherwise.
struct DayRange {
  hours::Date first;
  hours::Date last;
};
DayRange day_range_param(const Request& request, date::sys_days today, int default_days);

// The server's Hungarian reading of an opening_hours value (hours::hungarian_text), null when absent or
// invalid: `opening_hours_text` of offices, `schedule_text` of visits.
nlohmann::json hours_text_json(const std::optional<std::string>& value);

// Adds open_now / closes_at / next_opening / opening_hours_text to each office of a rendered case
// answer and the next occurrences and schedule_text to each visit (`view` is case_view's output).
void add_case_hours(nlohmann::json& view, const service::CaseAnswer& answer, date::sys_seconds at);

}  // namespace ugk::api
