// Calendars: an office's special days as an iCalendar feed, and the client-assistant and
// government-window-bus visits serving a settlement as JSON and as an iCalendar feed. The days and
// occurrences come from hours/ (OfficeHours), the text format from hours/icalendar.
#include <chrono>

#include "api/endpoints.h"
#include "api/hours_views.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "api/views.h"
#include "hours/icalendar.h"
#include "kb/json_codec.h"
#include "kb/wording_hu.h"

namespace ugk::api {
namespace {

using nlohmann::json;
constexpr int kDefaultCalendarDays = 56;  // the coming eight weeks

date::sys_seconds now() {
  return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}
date::sys_days today() {
  return date::sys_days{hours::local_date(hours::budapest(), now())};
}

Response calendar_response(const hours::ical::Calendar& calendar, const std::string& file_name) {
  Response response;
  response.content_type = "text/calendar";  // the server adds "; charset=utf-8"
  response.body = hours::ical::render(calendar, now());
  response.headers.emplace_back("Content-Disposition", "inline; filename=\"" + file_name + "\"");
  response.headers.emplace_back("Cache-Control", "public, max-age=300");
  return response;
}

std::string interval_text(const hours::Interval& interval) {
  return hours::format_minutes(interval.start) + "–" + hours::format_minutes(interval.end);
}

// The office's special days: a closed day is an all-day event, an open one an event per open stretch.
hours::ical::Calendar office_calendar(const kb::Office& office, const hours::OfficeHours& office_hours,
                                      const DayRange& range) {
  hours::ical::Calendar calendar{office.name + " – eltérő nyitvatartási napok",
                                 "Munkaszüneti napok, áthelyezett munkanapok, igazgatási szünetek és a hivatal "
                                 "eltérő nyitvatartású napjai (Ügykalauz).",
                                 {}};
  const std::string place = office.address.value_or(office.name);
  for (const hours::OfficeDay& day : office_hours.special_days(range.first, range.last)) {
    const std::string what = day.note ? day.reason_hu + ": " + *day.note : day.reason_hu;
    if (day.intervals.empty()) {
      hours::ical::Event event;
      event.uid = hours::ical::event_uid(office.id, day.date);
      event.all_day = day.date;
      event.summary = "Zárva – " + (day.note ? *day.note : day.reason_hu);
      event.description = office.name + " zárva tart. " + what;
      event.location = place;
      event.transparent = true;
      calendar.events.push_back(std::move(event));
      continue;
    }
    for (std::size_t i = 0; i < day.intervals.size(); ++i) {
      const hours::Interval& interval = day.intervals[i];
      const hours::Segment segment = hours::segment_of(hours::budapest(), day.date, interval);
      hours::ical::Event event;
      event.uid = hours::ical::event_uid(office.id, day.date, i);
      event.start = segment.start;
      event.end = segment.end;
      event.summary = std::string(interval.state == hours::RuleState::kUnknown ? "Talán nyitva" : "Nyitva") + " " +
                      interval_text(interval) + " – " + day.reason_hu;
      event.description = office.name + ". " + what + (interval.comment ? " (" + *interval.comment + ")" : "");
      event.location = place;
      event.transparent = true;
      calendar.events.push_back(std::move(event));
    }
  }
  return calendar;
}

struct SettlementVisit {
  const kb::Visit* visit;
  const kb::Office* office;
  std::vector<hours::Occurrence> occurrences;
};

// The visits serving a settlement, each with its occurrences in the range (closures and holidays of
// the visiting office's kind applied).
std::vector<SettlementVisit> settlement_visits(const kb::Catalog& catalog, const hours::HoursCalendar& calendar,
                                               const kb::Settlement& settlement, const DayRange& range) {
  std::vector<SettlementVisit> out;
  for (const kb::Visit* visit : catalog.visits_in(settlement.ksh_code)) {
    const kb::Office* office = catalog.office(visit->office_id);
    if (office == nullptr) continue;
    const auto schedule = hours::OfficeHours::of_visit(*visit, office->kind, calendar);
    out.push_back({visit, office, schedule.occurrences(range.first, range.last)});
  }
  return out;
}

const kb::Settlement& settlement_param(const kb::Catalog& catalog, const Request& request) {
  const std::string& ksh = path_param(request, "ksh");
  const kb::Settlement* s = catalog.settlement(ksh);
  if (s == nullptr) throw not_found("ksh", "Nincs „" + ksh + "” KSH-kódú település.");
  return *s;
}

std::string visit_location(const kb::Visit& visit, const kb::Settlement& settlement) {
  return visit.place ? *visit.place + ", " + settlement.name : settlement.name;
}

}  // namespace

void add_calendar_routes(RouteTable& table, const service::KnowledgeService& service) {
  table.get("/v1/offices/:id/calendar.ics", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const std::string& id = path_param(request, "id");
    const kb::Office* office = snapshot->catalog->office(id);
    if (office == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú hivatal.");
    const DayRange range = day_range_param(request, today(), kDefaultCalendarDays);
    const auto office_hours = hours::OfficeHours::of(*office, *snapshot->calendar);
    return calendar_response(office_calendar(*office, office_hours, range), office->id + ".ics");
  });

  table.get("/v1/settlements/:ksh/visits", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const kb::Settlement& settlement = settlement_param(*snapshot->catalog, request);
    const DayRange range = day_range_param(request, today(), kDefaultCalendarDays);
    json visits = json::array();
    for (const SettlementVisit& v : settlement_visits(*snapshot->catalog, *snapshot->calendar, settlement, range)) {
      json item = *v.visit;
      item["kind_hu"] = kb::visit_kind_text(v.office->kind);
      item["office"] = office_summary(*v.office);
      item["schedule_text"] = hours_text_json(v.visit->schedule);
      json occurrences = json::array();
      for (const hours::Occurrence& o : v.occurrences) {
        occurrences.push_back({{"from", hours::iso_local(hours::budapest(), o.segment.start)},
                               {"to", hours::iso_local(hours::budapest(), o.segment.end)},
                               {"uid", hours::ical::event_uid(v.visit->id, o.day, o.index)}});
      }
      item["occurrences"] = occurrences;
      visits.push_back(std::move(item));
    }
    return json_response({{"settlement", {{"ksh_code", settlement.ksh_code}, {"name", settlement.name}}},
                          {"timezone", "Europe/Budapest"},
                          {"from", hours::iso_date(range.first)},
                          {"to", hours::iso_date(range.last)},
                          {"visits", visits}});
  });

  table.get("/v1/settlements/:ksh/visits.ics", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const kb::Settlement& settlement = settlement_param(*snapshot->catalog, request);
    const DayRange range = day_range_param(request, today(), kDefaultCalendarDays);
    hours::ical::Calendar calendar{kb::settlement_label(settlement) + " – ügysegédi fogadóórák és kormányablakbusz",
                                   "Az ügysegédek és a kormányablakbusz " + kb::settlement_label(settlement) +
                                       " településen tartott fogadóórái (Ügykalauz).",
                                   {}};
    for (const SettlementVisit& v : settlement_visits(*snapshot->catalog, *snapshot->calendar, settlement, range)) {
      for (const hours::Occurrence& o : v.occurrences) {
        hours::ical::Event event;
        event.uid = hours::ical::event_uid(v.visit->id, o.day, o.index);
        event.start = o.segment.start;
        event.end = o.segment.end;
        event.summary = std::string(kb::visit_kind_text(v.office->kind)) + " – " + kb::settlement_label(settlement);
        event.description = v.office->name + (v.visit->note ? ". " + *v.visit->note : std::string());
        event.location = visit_location(*v.visit, settlement);
        calendar.events.push_back(std::move(event));
      }
    }
    return calendar_response(calendar, settlement.ksh_code + "-visits.ics");
  });
}

}  // namespace ugk::api
