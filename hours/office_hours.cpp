#include "hours/office_hours.h"

#include <algorithm>
#include <array>

#include "kb/enums.h"

namespace ugk::hours {
namespace {

using date::days;
using date::sys_days;

constexpr std::array<std::string_view, 7> kWeekdayNamesHu{"hétfő",  "kedd",    "szerda",  "csütörtök",
                                                          "péntek", "szombat", "vasárnap"};

bool contains(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool within(const kb::Closure& closure, Date date) {
  const auto from = parse_iso_date(closure.from);
  const auto to = parse_iso_date(closure.to);
  return from && to && sys_days{date} >= sys_days{*from} && sys_days{date} <= sys_days{*to};
}

}  // namespace

HoursCalendar::HoursCalendar(std::vector<kb::CalendarDay> days, std::vector<kb::Closure> closures)
    : holidays_(days), closures_(std::move(closures)) {}

HoursCalendar::HoursCalendar(const kb::Catalog& catalog)
    : HoursCalendar(std::vector<kb::CalendarDay>(catalog.calendar_days().begin(), catalog.calendar_days().end()),
                    std::vector<kb::Closure>(catalog.closures().begin(), catalog.closures().end())) {}

std::string_view to_string(DayReason reason) {
  switch (reason) {
    case DayReason::kRegular:
      return "regular";
    case DayReason::kPublicHoliday:
      return "public_holiday";
    case DayReason::kBridgeDay:
      return "bridge_day";
    case DayReason::kWorkedSaturday:
      return "worked_saturday";
    case DayReason::kClosure:
      return "closure";
    case DayReason::kClosureException:
      return "closure_exception";
    case DayReason::kException:
      return "exception";
    case DayReason::kVisit:
      return "visit";
    case DayReason::kUnknown:
      return "unknown";
  }
  return "unknown";
}

bool is_special(DayReason reason) {
  switch (reason) {
    case DayReason::kPublicHoliday:
    case DayReason::kBridgeDay:
    case DayReason::kWorkedSaturday:
    case DayReason::kClosure:
    case DayReason::kClosureException:
    case DayReason::kException:
      return true;
    case DayReason::kRegular:
    case DayReason::kVisit:
    case DayReason::kUnknown:
      return false;
  }
  return false;
}

std::string_view to_string(OpenState state) {
  switch (state) {
    case OpenState::kOpen:
      return "open";
    case OpenState::kClosed:
      return "closed";
    case OpenState::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view weekday_name_hu(int weekday) {
  return kWeekdayNamesHu[static_cast<std::size_t>(weekday % 7)];
}

OfficeHours::OfficeHours(std::string id, kb::OfficeKind kind, const std::optional<std::string>& value,
                         const HoursCalendar& calendar, EvaluationOptions options)
    : id_(std::move(id)), kind_(kind), calendar_(&calendar), options_(options) {
  if (!value) return;
  ParseResult parsed = parse(*value);
  schedule_ = std::move(parsed.schedule);
  error_ = std::move(parsed.error);
}

OfficeHours OfficeHours::of(const kb::Office& office, const HoursCalendar& calendar, EvaluationOptions options) {
  return OfficeHours(office.id, office.kind, office.opening_hours, calendar, options);
}

EvaluationOptions OfficeHours::options_for(const kb::Office& office) {
  EvaluationOptions options;
  if (office.worked_saturday_rule) options.worked_saturday = *office.worked_saturday_rule;
  return options;
}

OfficeHours OfficeHours::of(const kb::Office& office, const HoursCalendar& calendar) {
  return of(office, calendar, options_for(office));
}

OfficeHours OfficeHours::of_visit(const kb::Visit& visit, kb::OfficeKind office_kind, const HoursCalendar& calendar) {
  return OfficeHours(visit.office_id, office_kind, visit.schedule, calendar);
}

std::vector<OfficeDay> OfficeHours::special_days(Date first, Date last) const {
  std::vector<OfficeDay> out;
  for (sys_days d = sys_days{first}; d <= sys_days{last}; d += days{1}) {
    OfficeDay day = this->day(Date{d});
    if (is_special(day.reason)) out.push_back(std::move(day));
  }
  return out;
}

std::vector<Occurrence> OfficeHours::occurrences(Date first, Date last) const {
  std::vector<Occurrence> out;
  if (!schedule_) return out;
  const date::time_zone& zone = budapest();
  for (sys_days d = sys_days{first}; d <= sys_days{last}; d += days{1}) {
    std::size_t index = 0;
    for (const Interval& interval : day(Date{d}).intervals) {
      if (interval.state != RuleState::kOpen) continue;
      Segment segment = segment_of(zone, Date{d}, interval);
      if (segment.end <= segment.start) continue;
      out.push_back(Occurrence{Date{d}, index++, std::move(segment)});
    }
  }
  return out;
}

OfficeDay OfficeHours::day(Date date) const {
  OfficeDay out;
  out.date = date;
  if (!schedule_) {
    out.reason = DayReason::kUnknown;
    out.reason_hu = "Nincs nyitvatartási adat";
    return out;
  }
  // Closures override everything, except for the offices designated to stay open.
  const std::string_view kind = kb::to_string(kind_);
  for (const kb::Closure& closure : calendar_->closures()) {
    if (!contains(closure.applies_to, kind) || !within(closure, date)) continue;
    out.note = closure.name_hu;
    for (const kb::ClosureException& exception : closure.exceptions) {
      if (!contains(exception.dates, iso_date(date)) || !contains(exception.office_ids, id_)) continue;
      const ParseResult hours = parse(exception.opening_hours.value_or("off"));
      if (hours.schedule) out.intervals = evaluate_day(*hours.schedule, calendar_->holidays(), date).intervals;
      out.reason = DayReason::kClosureException;
      out.reason_hu = "Igazgatási szünet – kijelölt ügyeleti nyitvatartás";
      return out;
    }
    out.reason = DayReason::kClosure;
    out.reason_hu = "Igazgatási szünet – zárva";
    return out;
  }
  const DayEvaluation eval = evaluate_day(*schedule_, calendar_->holidays(), date, options_);
  out.intervals = eval.intervals;
  out.worked_as_weekday = eval.worked_as_weekday;
  const CalendarDayInfo info = calendar_->holidays().day(date);
  if (eval.dated_rule) {
    out.reason = DayReason::kException;
    out.reason_hu = "Eltérő nyitvatartás erre a napra";
    out.note = eval.comment;
    return out;
  }
  switch (info.kind) {
    case DayKind::kPublicHoliday:
      out.reason = DayReason::kPublicHoliday;
      out.reason_hu = "Munkaszüneti nap";
      out.note = info.name_hu;
      break;
    case DayKind::kBridgeRestDay:
      out.reason = DayReason::kBridgeDay;
      out.reason_hu = "Áthelyezett pihenőnap";
      out.note = info.name_hu;
      break;
    case DayKind::kWorkedSaturday:
      out.reason = DayReason::kWorkedSaturday;
      out.reason_hu = eval.worked_as_weekday
                          ? "Szombati munkanap – " + std::string(weekday_name_hu(*eval.worked_as_weekday)) +
                                " szerinti nyitvatartás"
                          : "Szombati munkanap";
      out.note = info.name_hu;
      break;
    case DayKind::kOrdinary:
      const bool all_dated = std::all_of(schedule_->rules.begin(), schedule_->rules.end(),
                                         [](const Rule& r) { return r.dated() || r.public_holiday; });
      out.reason = all_dated ? DayReason::kVisit : DayReason::kRegular;
      out.reason_hu = all_dated ? "Nincs kiírt időpont erre a napra" : "Szokásos nyitvatartás";
      break;
  }
  return out;
}

DaySource OfficeHours::source() const {
  return [this](Date date) { return day(date).intervals; };
}

OfficeStatus OfficeHours::status(date::sys_seconds at) const {
  OfficeStatus out;
  const date::time_zone& zone = budapest();
  out.today = day(local_date(zone, at));
  if (!schedule_) return out;  // unknown, never closed
  const Status s = status_at(source(), zone, at);
  out.state = s.state == RuleState::kOpen     ? OpenState::kOpen
              : s.state == RuleState::kClosed ? OpenState::kClosed
                                              : OpenState::kUnknown;
  out.comment = s.comment;
  out.until = s.next_change;
  out.next_opening = s.next_opening;
  return out;
}

std::vector<Segment> OfficeHours::next_occurrences(date::sys_seconds from, std::size_t count, int horizon_days) const {
  std::vector<Segment> out;
  if (!schedule_) return out;
  const date::time_zone& zone = budapest();
  const sys_days first{local_date(zone, from)};
  for (const Segment& s : timeline(source(), zone, Date{first - days{1}}, Date{first + days{horizon_days}})) {
    if (s.end <= from || s.state != RuleState::kOpen) continue;
    out.push_back(s);
    if (out.size() == count) break;
  }
  return out;
}

std::vector<SharedDay> shared_hours(const OfficeHours& a, const OfficeHours& b, Date first, Date last) {
  std::vector<SharedDay> out;
  for (sys_days d = sys_days{first}; d <= sys_days{last}; d += days{1}) {
    SharedDay shared{Date{d}, {}, 0};
    for (const Interval& x : a.day(Date{d}).intervals) {
      for (const Interval& y : b.day(Date{d}).intervals) {
        if (x.state != RuleState::kOpen || y.state != RuleState::kOpen) continue;
        const int start = std::max(x.start, y.start), end = std::min(x.end, y.end);
        if (end > start) {
          shared.intervals.push_back(Interval{start, end, RuleState::kOpen, std::nullopt});
          shared.minutes += end - start;
        }
      }
    }
    out.push_back(std::move(shared));
  }
  return out;
}

}  // namespace ugk::hours
