#include "api/hours_views.h"

namespace ugk::api {
namespace {

using nlohmann::json;

json optional_instant(const std::optional<date::sys_seconds>& instant) {
  return instant ? json(hours::iso_local(hours::budapest(), *instant)) : json(nullptr);
}

}  // namespace

json hours_text_json(const std::optional<std::string>& value) {
  const auto text = value ? hours::hungarian_text(*value) : std::nullopt;
  return text ? json(*text) : json(nullptr);
}

json interval_json(const hours::Interval& interval) {
  json out{{"from", hours::format_minutes(interval.start)},
           {"to", hours::format_minutes(interval.end)},
           {"state", interval.state == hours::RuleState::kUnknown ? "unknown" : "open"}};
  if (interval.comment) out["comment"] = *interval.comment;
  return out;
}

json office_day_json(const hours::OfficeDay& day) {
  json intervals = json::array();
  for (const auto& i : day.intervals) intervals.push_back(interval_json(i));
  json out{{"date", hours::iso_date(day.date)},
           {"weekday", hours::weekday_name_hu(hours::weekday_index(day.date))},
           {"reason", hours::to_string(day.reason)},
           {"reason_hu", day.reason_hu},
           {"note", day.note ? json(*day.note) : json(nullptr)},
           {"intervals", day.reason == hours::DayReason::kUnknown ? json(nullptr) : intervals}};
  if (day.worked_as_weekday) out["worked_as"] = hours::weekday_name_hu(*day.worked_as_weekday);
  return out;
}

json office_status_json(const hours::OfficeStatus& status, date::sys_seconds at) {
  const bool open = status.state == hours::OpenState::kOpen;
  return json{{"at", hours::iso_local(hours::budapest(), at)},
              {"state", hours::to_string(status.state)},
              {"open_now", status.state == hours::OpenState::kUnknown ? json(nullptr) : json(open)},
              {"until", optional_instant(status.until)},
              {"closes_at", open ? optional_instant(status.until) : json(nullptr)},
              {"next_opening", optional_instant(status.next_opening)},
              {"comment", status.comment ? json(*status.comment) : json(nullptr)},
              {"today", office_day_json(status.today)}};
}

void add_case_hours(json& view, const service::CaseAnswer& answer, date::sys_seconds at) {
  view["at"] = hours::iso_local(hours::budapest(), at);
  const kb::Route& route = answer.route;
  for (std::size_t i = 0; i < route.offices.size() && i < view["offices"].size(); ++i) {
    const hours::OfficeStatus& status = answer.office_status[i];
    json& office = view["offices"][i];
    office["hours_state"] = hours::to_string(status.state);
    office["open_now"] =
        status.state == hours::OpenState::kUnknown ? json(nullptr) : json(status.state == hours::OpenState::kOpen);
    office["closes_at"] = status.state == hours::OpenState::kOpen ? optional_instant(status.until) : json(nullptr);
    office["next_opening"] = optional_instant(status.next_opening);
    office["opening_hours_text"] = hours_text_json(route.offices[i].office->opening_hours);
  }
  for (std::size_t i = 0; i < route.visits.size() && i < view["visits"].size(); ++i) {
    json next = json::array();
    for (const auto& s : answer.visit_times[i]) {
      next.push_back(
          {{"from", hours::iso_local(hours::budapest(), s.start)}, {"to", hours::iso_local(hours::budapest(), s.end)}});
    }
    view["visits"][i]["next_occurrences"] = next;
    view["visits"][i]["schedule_text"] = hours_text_json(route.visits[i].visit->schedule);
  }
}

}  // namespace ugk::api
