// Opening hours of an office (or of a visit) on the Hungarian calendar: its opening_hours value, public
// holidays and swapped days, administrative closures with their designated exceptions, and the
// reason for every day. No HTTP here; api/hours_endpoints.cpp translates.
//
// Thread-safety: HoursCalendar and OfficeHours are immutable after construction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hours/calendar.h"
#include "hours/evaluator.h"
#include "hours/syntax.h"
#include "kb/catalog.h"
#include "kb/model.h"

namespace ugk::hours {

// The calendar part of a bundle: holidays and swaps, closures.
class HoursCalendar {
 public:
  HoursCalendar(std::vector<kb::CalendarDay> days, std::vector<kb::Closure> closures);
  explicit HoursCalendar(const kb::Bundle& bundle) : HoursCalendar(bundle.calendar_days, bundle.closures) {}
  explicit HoursCalendar(const kb::Catalog& catalog);
  const HolidayCalendar& holidays() const { return holidays_; }
  const std::vector<kb::Closure>& closures() const { return closures_; }

 private:
  HolidayCalendar holidays_;
  std::vector<kb::Closure> closures_;
};

enum class DayReason {
  kRegular,
  kPublicHoliday,
  kBridgeDay,
  kWorkedSaturday,
  kClosure,
  kClosureException,  // a designated office open during a closure
  kException,         // a dated rule of the office's own value
  kVisit,             // a dated visit (bus stop) rather than a weekly pattern
  kUnknown,           // no (valid) hours data: never reported as closed
};
std::string_view to_string(DayReason reason);
// True for the days that differ from an office's weekly pattern: public holidays, bridge days, worked
// Saturdays, closures and their designated exceptions, the value's own dated exceptions. These are the
// days of an office's calendar feed (api/calendar_endpoints.cpp).
bool is_special(DayReason reason);

struct OfficeDay {
  Date date;
  DayReason reason = DayReason::kRegular;
  std::string reason_hu;
  std::optional<std::string> note;  // holiday or closure name, the exception's comment
  std::vector<Interval> intervals;  // empty and meaningless when reason is kUnknown
  std::optional<int> worked_as_weekday;
};

enum class OpenState { kOpen, kClosed, kUnknown };
std::string_view to_string(OpenState state);

struct OfficeStatus {
  OpenState state = OpenState::kUnknown;
  std::optional<std::string> comment;
  std::optional<date::sys_seconds> until;         // next change of state
  std::optional<date::sys_seconds> next_opening;  // next open stretch after the instant
  OfficeDay today;
};

// One open stretch of a schedule: the local day it belongs to and its position among that day's
// stretches (0-based), which together with the record id make a stable calendar UID.
struct Occurrence {
  Date day;
  std::size_t index = 0;
  Segment segment;
};

class OfficeHours {
 public:
  // `id` and `kind` decide which closures apply; `value` is the OSM opening_hours string (or null).
  OfficeHours(std::string id, kb::OfficeKind kind, const std::optional<std::string>& value,
              const HoursCalendar& calendar, EvaluationOptions options = {});
  // The evaluation options an office asks for: its worked-Saturday rule, else the default.
  static EvaluationOptions options_for(const kb::Office& office);
  static OfficeHours of(const kb::Office& office, const HoursCalendar& calendar, EvaluationOptions options);
  // With the office's own worked-Saturday rule (kb::Office::worked_saturday_rule).
  static OfficeHours of(const kb::Office& office, const HoursCalendar& calendar);
  // A visit's schedule under the closures of its office's kind.
  static OfficeHours of_visit(const kb::Visit& visit, kb::OfficeKind office_kind, const HoursCalendar& calendar);

  bool known() const { return schedule_.has_value(); }
  const std::optional<SyntaxError>& error() const { return error_; }
  const std::optional<Schedule>& schedule() const { return schedule_; }

  OfficeDay day(Date date) const;
  DaySource source() const;
  OfficeStatus status(date::sys_seconds at) const;
  // The next `count` open stretches that end after `from`, within `horizon_days`.
  std::vector<Segment> next_occurrences(date::sys_seconds from, std::size_t count, int horizon_days = 120) const;
  // The days of [first, last] for which is_special(reason) holds.
  std::vector<OfficeDay> special_days(Date first, Date last) const;
  // The open intervals of the days [first, last], day by day (unknown-state intervals are left out).
  std::vector<Occurrence> occurrences(Date first, Date last) const;

 private:
  std::string id_;
  kb::OfficeKind kind_;
  const HoursCalendar* calendar_;
  EvaluationOptions options_;
  std::optional<Schedule> schedule_;
  std::optional<SyntaxError> error_;
};

// Times on each day of [first, last] when both are open.
struct SharedDay {
  Date date;
  std::vector<Interval> intervals;
  int minutes = 0;
};
std::vector<SharedDay> shared_hours(const OfficeHours& a, const OfficeHours& b, Date first, Date last);

// Hungarian weekday name ("péntek") for 0 = Monday … 6 = Sunday.
std::string_view weekday_name_hu(int weekday);

}  // namespace ugk::hours
