// What a parsed opening_hours value means on the Hungarian calendar: the intervals of each day and
// the open/closed state at an instant in Europe/Budapest time.
//
// Pure functions; thread-safe. The time zone comes from the system tz database (date/tz.h with
// USE_OS_TZDB), so daylight-saving change days are handled by the library, not by us.
#pragma once

#include <date/tz.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hours/calendar.h"
#include "hours/syntax.h"
#include "kb/model.h"

namespace ugk::hours {

using kb::WorkedSaturdayRule;  // kb/model.h: stored per office

struct EvaluationOptions {
  WorkedSaturdayRule worked_saturday = WorkedSaturdayRule::kSwappedWeekday;
};

// Part of a local day, minutes after midnight; `end` may pass 1440 (runs into the next day).
struct Interval {
  int start = 0;
  int end = 0;
  RuleState state = RuleState::kOpen;  // never kClosed: closed time is the absence of intervals
  std::optional<std::string> comment;
  bool operator==(const Interval&) const = default;
};

struct DayEvaluation {
  std::vector<Interval> intervals;  // sorted by start
  DayKind kind = DayKind::kOrdinary;
  std::optional<int> worked_as_weekday;  // set when a worked Saturday takes another weekday's hours
  bool dated_rule = false;               // a dated exception of the value decided the day
  std::optional<std::string> comment;    // that rule's comment (the exception's reason)
};

DayEvaluation evaluate_day(const Schedule& schedule, const HolidayCalendar& calendar, Date date,
                           const EvaluationOptions& options = {});

// A continuous stretch of one state on the absolute time line.
struct Segment {
  date::sys_seconds start;
  date::sys_seconds end;
  RuleState state = RuleState::kOpen;
  std::optional<std::string> comment;
};

// The intervals of a local day, from whatever source (a bare value, an office with closures, ...).
using DaySource = std::function<std::vector<Interval>(Date)>;

// Local wall time to an instant. A time skipped by the spring change is read with the offset before
// the change (02:30 → 03:30 CEST), an ambiguous autumn time as its first occurrence (like ECMAScript).
date::sys_seconds to_instant(const date::time_zone& zone, Date day, int minutes);
Date local_date(const date::time_zone& zone, date::sys_seconds instant);
// An interval of local day `day` on the absolute time line.
Segment segment_of(const date::time_zone& zone, Date day, const Interval& interval);

// Open/unknown stretches between the starts of `first` and `last` (inclusive days), merged.
std::vector<Segment> timeline(const DaySource& source, const date::time_zone& zone, Date first, Date last);

struct Status {
  RuleState state = RuleState::kClosed;
  std::optional<std::string> comment;
  std::optional<date::sys_seconds> next_change;   // when the state changes (open: closing time)
  std::optional<date::sys_seconds> next_opening;  // start of the next open stretch after `at`
};

// Looks ahead at most `horizon_days` (a year and a bit by default) for the next change.
Status status_at(const DaySource& source, const date::time_zone& zone, date::sys_seconds at, int horizon_days = 400);

// "2026-01-10T08:00:00+01:00".
std::string iso_local(const date::time_zone& zone, date::sys_seconds instant);
// Parses "2026-01-10T08:00", "…:00", "…Z", "…+01:00"; a time without offset is Budapest wall time.
std::optional<date::sys_seconds> parse_instant(const date::time_zone& zone, const std::string& text);

const date::time_zone& budapest();

}  // namespace ugk::hours
