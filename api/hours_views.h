// JSON renderings of opening-hours results (hours/), shared by the hours endpoints and /v1/route.
#pragma once

#include <nlohmann/json.hpp>

#include "api/http_types.h"
#include "hours/office_hours.h"
#include "kb/catalog.h"
#include "kb/routing.h"

namespace ugk::api {

nlohmann::json interval_json(const hours::Interval& interval);
nlohmann::json office_day_json(const hours::OfficeDay& day);
nlohmann::json office_status_json(const hours::OfficeStatus& status, date::sys_seconds at);

// The ISO 8601 instant in query parameter `name` (now when absent); 400 naming it when malformed.
date::sys_seconds instant_param(const Request& request, const std::string& name);

// Adds open_now / closes_at / next_opening to each office of a rendered route and the next
// occurrences to each visit (`view` is route_view's output for `route`).
void add_route_hours(nlohmann::json& view, const hours::HoursCalendar& calendar, const kb::Route& route,
                     date::sys_seconds at);

}  // namespace ugk::api
