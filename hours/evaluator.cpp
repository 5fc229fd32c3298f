#include "hours/evaluator.h"

#include <date/iso_week.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace ugk::hours {
namespace {

using date::days;
using date::sys_days;
using date::sys_seconds;
using std::chrono::minutes;

// What a rule is matched against: the real date, but possibly another weekday (worked Saturdays).
struct DayContext {
  Date date;
  int weekday = 0;
  bool rest_day = false;
};

bool in_numbers(const std::vector<NumberRange>& ranges, int value) {
  return std::any_of(ranges.begin(), ranges.end(), [value](const NumberRange& r) {
    return value >= r.from && value <= r.to && (value - r.from) % r.step == 0;
  });
}

// Day-of-year comparison key; with a year, a full date key.
int key(int year, int month, int day) {
  return year * 10000 + month * 100 + day;
}

bool in_date_range(const DateRange& r, Date date) {
  const int y = static_cast<int>(date.year());
  const int m = static_cast<int>(static_cast<unsigned>(date.month()));
  const int d = static_cast<int>(static_cast<unsigned>(date.day()));
  const int from_day = r.from_day.value_or(1);
  const int to_day = r.to_day.value_or(31);
  if (r.from_year) {
    const int to_year = r.to_year.value_or(*r.from_year);
    return key(y, m, d) >= key(*r.from_year, r.from_month, from_day) &&
           key(y, m, d) <= key(to_year, r.to_month, to_day);
  }
  const int here = key(0, m, d), from = key(0, r.from_month, from_day), to = key(0, r.to_month, to_day);
  return from <= to ? (here >= from && here <= to) : (here >= from || here <= to);  // Dec 24-Jan 05 wraps
}

bool nth_matches(const std::vector<int>& nth, Date date) {
  if (nth.empty()) return true;
  const int day = static_cast<int>(static_cast<unsigned>(date.day()));
  const int last = static_cast<int>(
      static_cast<unsigned>(date::year_month_day_last{date.year(), date::month_day_last{date.month()}}.day()));
  const int from_start = (day - 1) / 7 + 1;
  const int from_end = -((last - day) / 7 + 1);
  return std::find(nth.begin(), nth.end(), from_start) != nth.end() ||
         std::find(nth.begin(), nth.end(), from_end) != nth.end();
}

bool weekday_matches(const WeekdayRange& r, const DayContext& ctx) {
  const bool in_range =
      r.from <= r.to ? (ctx.weekday >= r.from && ctx.weekday <= r.to) : (ctx.weekday >= r.from || ctx.weekday <= r.to);
  return in_range && nth_matches(r.nth, ctx.date);
}

bool matches(const Rule& rule, const DayContext& ctx) {
  if (!rule.years.empty() && !in_numbers(rule.years, static_cast<int>(ctx.date.year()))) return false;
  if (!rule.dates.empty() && std::none_of(rule.dates.begin(), rule.dates.end(),
                                          [&](const DateRange& r) { return in_date_range(r, ctx.date); })) {
    return false;
  }
  if (!rule.weeks.empty()) {
    const iso_week::year_weeknum_weekday iso{sys_days{ctx.date}};
    if (!in_numbers(rule.weeks, static_cast<int>(static_cast<unsigned>(iso.weeknum())))) return false;
  }
  if (!rule.weekdays.empty() || rule.public_holiday) {
    const bool by_holiday = rule.public_holiday && ctx.rest_day;
    const bool by_weekday = std::any_of(rule.weekdays.begin(), rule.weekdays.end(),
                                        [&](const WeekdayRange& r) { return weekday_matches(r, ctx); });
    if (!by_holiday && !by_weekday) return false;
  }
  return true;
}

// Removes [start, end) from every interval.
void subtract(std::vector<Interval>& intervals, int start, int end) {
  std::vector<Interval> out;
  for (const Interval& i : intervals) {
    if (i.end <= start || i.start >= end) {
      out.push_back(i);
      continue;
    }
    if (i.start < start) out.push_back(Interval{i.start, start, i.state, i.comment});
    if (i.end > end) out.push_back(Interval{end, i.end, i.state, i.comment});
  }
  intervals = std::move(out);
}

}  // namespace

namespace {

// The context a day's rules are matched in; nullopt when a worked Saturday is closed by the rule.
std::optional<DayContext> context_of(const HolidayCalendar& calendar, Date date, const EvaluationOptions& options) {
  DayContext ctx{date, weekday_index(date), calendar.is_rest_day(date)};
  const CalendarDayInfo info = calendar.day(date);
  if (info.kind == DayKind::kWorkedSaturday) {
    if (options.worked_saturday == WorkedSaturdayRule::kClosed) return std::nullopt;
    if (options.worked_saturday == WorkedSaturdayRule::kSwappedWeekday && info.swap_partner) {
      ctx.weekday = weekday_index(*info.swap_partner);
    }
  }
  return ctx;
}

void apply(std::vector<Interval>& intervals, const Rule& rule, int start, int end) {
  subtract(intervals, start, end);
  if (rule.state != RuleState::kClosed) intervals.push_back(Interval{start, end, rule.state, rule.comment});
}

}  // namespace

DayEvaluation evaluate_day(const Schedule& schedule, const HolidayCalendar& calendar, Date date,
                           const EvaluationOptions& options) {
  DayEvaluation result;
  result.kind = calendar.day(date).kind;
  const auto today = context_of(calendar, date, options);
  if (!today) return result;
  if (today->weekday != weekday_index(date)) result.worked_as_weekday = today->weekday;
  const auto yesterday = context_of(calendar, Date{sys_days{date} - days{1}}, options);
  // OSM semantics (as the reference implementation): a range past midnight is split at midnight; the
  // part after midnight belongs to the next day, where rules matching that day may replace it.
  for (const Rule& rule : schedule.rules) {
    if (matches(rule, *today)) {
      // A normal rule replaces what earlier rules said about this day; an additional one adds to it.
      if (rule.join == RuleJoin::kNormal) result.intervals.clear();
      result.dated_rule = rule.dated();
      result.comment = rule.dated() ? rule.comment : std::nullopt;
      if (rule.times.empty()) {
        result.intervals.clear();
        if (rule.state != RuleState::kClosed) apply(result.intervals, rule, 0, 1440);
      }
      for (const TimeSpan& span : rule.times) apply(result.intervals, rule, span.start, std::min(span.end, 1440));
    }
    if (yesterday && matches(rule, *yesterday)) {
      for (const TimeSpan& span : rule.times) {
        if (span.end > 1440) apply(result.intervals, rule, 0, span.end - 1440);
      }
    }
  }
  std::sort(result.intervals.begin(), result.intervals.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  return result;
}

sys_seconds to_instant(const date::time_zone& zone, Date day, int minutes_after_midnight) {
  const date::local_seconds local = date::local_days{day} + minutes{minutes_after_midnight};
  const date::local_info info = zone.get_info(local);
  return sys_seconds{local.time_since_epoch() - info.first.offset};
}

Segment segment_of(const date::time_zone& zone, Date day, const Interval& interval) {
  const sys_seconds start = to_instant(zone, day, interval.start);
  // End of day counts from the next local midnight so that a 23- or 25-hour day ends at midnight.
  const sys_seconds end = interval.end >= 1440 ? to_instant(zone, Date{sys_days{day} + days{1}}, interval.end - 1440)
                                               : to_instant(zone, day, interval.end);
  return Segment{start, end, interval.state, interval.comment};
}

Date local_date(const date::time_zone& zone, sys_seconds instant) {
  const auto local = zone.to_local(instant);
  return Date{date::floor<days>(local)};
}

namespace {

// Appends the stretches of the days [first, last] unmerged.
void append_days(const DaySource& source, const date::time_zone& zone, Date first, Date last,
                 std::vector<Segment>& raw) {
  for (sys_days d = sys_days{first}; d <= sys_days{last}; d += days{1}) {
    for (const Interval& i : source(Date{d})) {
      Segment s = segment_of(zone, Date{d}, i);
      if (s.end > s.start) raw.push_back(std::move(s));
    }
  }
}

std::vector<Segment> merge(std::vector<Segment> raw) {
  std::stable_sort(raw.begin(), raw.end(), [](const Segment& a, const Segment& b) { return a.start < b.start; });
  std::vector<Segment> merged;
  for (Segment& s : raw) {
    if (!merged.empty() && merged.back().state == s.state && merged.back().comment == s.comment &&
        s.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
      continue;
    }
    if (!merged.empty() && s.start < merged.back().end) {
      // A later day's stretch of another state overlaps the previous day's spill-over: the later wins.
      merged.back().end = s.start;
      if (merged.back().end <= merged.back().start) merged.pop_back();
    }
    merged.push_back(std::move(s));
  }
  return merged;
}

}  // namespace

std::vector<Segment> timeline(const DaySource& source, const date::time_zone& zone, Date first, Date last) {
  std::vector<Segment> raw;
  append_days(source, zone, first, last, raw);
  return merge(std::move(raw));
}

Status status_at(const DaySource& source, const date::time_zone& zone, sys_seconds at, int horizon_days) {
  Status status;
  const sys_days today{local_date(zone, at)};
  // Grow the window until both the next change and the next opening are known (or the horizon ends);
  // each day is evaluated once.
  std::vector<Segment> raw;
  int evaluated = -2;  // last day offset already in `raw`
  for (int span = 8;; span = std::min(span * 4, horizon_days)) {
    append_days(source, zone, Date{today + days{evaluated + 1}}, Date{today + days{span}}, raw);
    evaluated = span;
    const auto segments = merge(raw);
    const sys_seconds window_end = to_instant(zone, Date{today + days{span + 1}}, 0);
    status = Status{};
    std::size_t next = 0;
    while (next < segments.size() && segments[next].end <= at) ++next;
    if (next < segments.size() && segments[next].start <= at) {
      status.state = segments[next].state;
      status.comment = segments[next].comment;
      status.next_change = segments[next].end;
      // Back-to-back stretches of another state change at the end; a gap means closing.
      ++next;
    } else if (next < segments.size()) {
      status.next_change = segments[next].start;
    }
    for (std::size_t i = next; i < segments.size(); ++i) {
      if (segments[i].state == RuleState::kOpen && segments[i].start > at) {
        status.next_opening = segments[i].start;
        break;
      }
    }
    // A change at the window's very end may be an artefact of the window: look further.
    const bool change_known = status.next_change && *status.next_change < window_end;
    if ((change_known && status.next_opening) || span >= horizon_days) {
      if (!change_known) status.next_change.reset();
      return status;
    }
  }
}

std::string iso_local(const date::time_zone& zone, sys_seconds instant) {
  return date::format("%FT%T%Ez", date::make_zoned(&zone, instant));
}

std::optional<sys_seconds> parse_instant(const date::time_zone& zone, const std::string& text) {
  if (text.size() < 16 || text.size() > 40) return std::nullopt;
  const auto date = parse_iso_date(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > text.size()) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const int hour = digits(11, 2), minute = digits(14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || text[13] != ':') return std::nullopt;
  std::size_t pos = 16;
  int second = 0;
  if (pos < text.size() && text[pos] == ':') {
    second = digits(pos + 1, 2);
    if (second < 0 || second > 59) return std::nullopt;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {  // fractions are dropped
      ++pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    }
  }
  const date::local_seconds local =
      date::local_days{*date} + std::chrono::hours{hour} + minutes{minute} + std::chrono::seconds{second};
  if (pos == text.size()) {
    return to_instant(zone, *date, hour * 60 + minute) + std::chrono::seconds{second};
  }
  if (text[pos] == 'Z' && pos + 1 == text.size()) return sys_seconds{local.time_since_epoch()};
  if ((text[pos] == '+' || text[pos] == '-') && pos + 6 == text.size() && text[pos + 3] == ':') {
    const int oh = digits(pos + 1, 2), om = digits(pos + 4, 2);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    const minutes offset{(text[pos] == '-' ? -1 : 1) * (oh * 60 + om)};
    return sys_seconds{local.time_since_epoch() - offset};
  }
  return std::nullopt;
}

const date::time_zone& budapest() {
  return *date::locate_zone("Europe/Budapest");
}

}  // namespace ugk::hours
