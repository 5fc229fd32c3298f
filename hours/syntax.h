// The OpenStreetMap `opening_hours` syntax, as far as offices publish it: parse, validate, print back.
//
// Pure functions over value types; thread-safe. Semantics (what a parsed value means on a given day)
// live in hours/evaluator.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ugk::hours {

enum class RuleState { kOpen, kClosed, kUnknown };

// How a rule joins the one before it: ";" replaces earlier rules on the days it names, "," adds to them.
enum class RuleJoin { kNormal, kAdditional };

// Minutes after local midnight; `end` > 1440 means the range runs past midnight into the next day.
struct TimeSpan {
  int start = 0;
  int end = 0;
  bool operator==(const TimeSpan&) const = default;
};

// Weekdays 0 = Monday … 6 = Sunday. `from` > `to` wraps over the week end (Sa-Mo).
// `nth`: occurrence in the month (1…5, or -1…-5 counted from the month's end); empty = every week.
struct WeekdayRange {
  int from = 0;
  int to = 0;
  std::vector<int> nth;
  bool operator==(const WeekdayRange&) const = default;
};

// Day-of-year range; a missing year means every year. A missing day means the whole month.
struct DateRange {
  std::optional<int> from_year;
  int from_month = 1;
  std::optional<int> from_day;
  std::optional<int> to_year;
  int to_month = 1;
  std::optional<int> to_day;
  bool operator==(const DateRange&) const = default;
};

struct NumberRange {  // years or ISO weeks
  int from = 0;
  int to = 0;
  int step = 1;
  bool operator==(const NumberRange&) const = default;
};

struct Rule {
  RuleJoin join = RuleJoin::kNormal;
  std::vector<NumberRange> years;
  std::vector<DateRange> dates;
  std::vector<NumberRange> weeks;
  std::vector<WeekdayRange> weekdays;
  bool public_holiday = false;  // "PH" among the weekday selectors
  std::vector<TimeSpan> times;  // empty = the whole day
  bool twenty_four_seven = false;
  RuleState state = RuleState::kOpen;
  bool explicit_state = false;  // "open"/"off"/"closed"/"unknown" written out
  std::optional<std::string> comment;
  bool operator==(const Rule&) const = default;

  // True when the rule names days of the year (an exception such as "2026 Jan 10 08:00-12:00" or
  // "Dec 24 off"), not just months.
  bool dated() const;
};

struct Schedule {
  std::vector<Rule> rules;
  bool operator==(const Schedule&) const = default;
};

struct SyntaxError {
  std::size_t position = 0;  // 0-based character (code point) offset into the value
  std::string message_hu;
  std::string message_en;
};

struct ParseResult {
  std::optional<Schedule> schedule;
  std::optional<SyntaxError> error;
  bool ok() const { return schedule.has_value(); }
};

ParseResult parse(std::string_view value);

// The validation message for an invalid value ("hibás nyitvatartás a(z) 7. karakternél: …"), nullopt
// for a valid one: what kb::RuleContext::opening_hours expects.
std::optional<std::string> opening_hours_problem(std::string_view value);

// Canonical OSM form ("Mo-Th 08:00-12:00,13:00-16:00; Fr 08:00-12:00; PH off").
std::string normalise(const Schedule& schedule);

// Short Hungarian reading ("H–Cs 8:00–12:00, 13:00–16:00; P 8:00–12:00; ünnepnapokon zárva").
std::string to_hungarian(const Schedule& schedule);
// The same for an opening_hours value as written; nullopt when it does not parse. What the API ships
// as `opening_hours_text` / `schedule_text`, so that no client needs a printer of its own.
std::optional<std::string> hungarian_text(std::string_view value);

// "08:00" for 480; 1440 prints as "24:00", later minutes as the next day's time.
std::string format_minutes(int minutes);

}  // namespace ugk::hours
