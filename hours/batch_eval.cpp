#include "hours/batch_eval.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace ugk::hours {
namespace {

using nlohmann::json;

json error_json(const SyntaxError& e) {
  return {{"position", e.position}, {"message_hu", e.message_hu}, {"message_en", e.message_en}};
}

std::string_view kind_name(DayKind kind) {
  switch (kind) {
    case DayKind::kOrdinary:
      return "ordinary";
    case DayKind::kPublicHoliday:
      return "public_holiday";
    case DayKind::kBridgeRestDay:
      return "bridge_day";
    case DayKind::kWorkedSaturday:
      return "worked_saturday";
  }
  return "ordinary";
}

}  // namespace

void eval_json_lines(std::istream& in, std::ostream& out_stream, const HolidayCalendar& calendar,
                     const EvaluationOptions& evaluation, int horizon_days) {
  const date::time_zone& zone = budapest();
  std::map<std::string, ParseResult> cache;  // corpora repeat values; parse each once

  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json out;
    try {
      const json request = json::parse(line);
      const std::string value = request.at("value").get<std::string>();
      auto it = cache.find(value);
      if (it == cache.end()) it = cache.emplace(value, parse(value)).first;
      const auto at = parse_instant(zone, request.at("instant").get<std::string>());
      if (!it->second.ok()) {
        out = {{"ok", false}, {"error", error_json(*it->second.error)}};
      } else if (!at) {
        out = {{"ok", false}, {"error", {{"message_en", "bad instant"}}}};
      } else {
        const Schedule& schedule = *it->second.schedule;
        const DaySource source = [&](Date d) { return evaluate_day(schedule, calendar, d, evaluation).intervals; };
        const Status s = status_at(source, zone, *at, horizon_days);
        const CalendarDayInfo info = calendar.day(local_date(zone, *at));
        out = {{"ok", true},
               {"state", s.state == RuleState::kOpen     ? "open"
                         : s.state == RuleState::kClosed ? "closed"
                                                         : "unknown"},
               {"next_change", s.next_change ? json(iso_local(zone, *s.next_change)) : json(nullptr)},
               {"comment", s.comment ? json(*s.comment) : json(nullptr)},
               {"day_kind", kind_name(info.kind)},
               {"swap_partner", info.swap_partner ? json(iso_date(*info.swap_partner)) : json(nullptr)}};
      }
    } catch (const json::exception& e) {
      out = {{"ok", false}, {"error", {{"message_en", std::string("bad input line: ") + e.what()}}}};
    }
    out_stream << out.dump() << "\n";
  }
}

}  // namespace ugk::hours
