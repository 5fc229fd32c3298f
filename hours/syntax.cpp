#include "hours/syntax.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace ugk::hours {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kWeekdaysHu{"H", "K", "Sze", "Cs", "P", "Szo", "V"};
constexpr std::array<std::string_view, 12> kMonthsHu{"jan.", "febr.", "márc.",  "ápr.", "máj.", "jún.",
                                                     "júl.", "aug.",  "szept.", "okt.", "nov.", "dec."};
constexpr std::string_view kEnDash = "–";

struct Failure {
  std::size_t byte;
  std::string hu;
  std::string en;
};

// Recursive-descent parser over the value's bytes; errors carry the byte offset, converted to a
// character offset at the end so that accented comments do not shift positions.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Schedule parse_value() {
    Schedule schedule;
    skip_spaces();
    if (at_end()) fail("Üres nyitvatartási érték.", "Empty opening_hours value.");
    RuleJoin join = RuleJoin::kNormal;
    while (true) {
      Rule rule = parse_rule();
      rule.join = join;
      schedule.rules.push_back(std::move(rule));
      skip_spaces();
      if (at_end()) break;
      if (peek() == ';') {
        join = RuleJoin::kNormal;
      } else if (peek() == ',') {
        join = RuleJoin::kAdditional;
      } else if (text_.substr(pos_, 2) == "||") {
        fail("A „||” (tartalék szabály) nem támogatott.", "Fallback rules (\"||\") are not supported.");
      } else {
        fail("Váratlan karakter; „;” vagy szabályrész várható.",
             "Unexpected character; expected \";\" or a rule part.");
      }
      ++pos_;
      skip_spaces();
      if (at_end()) fail("A szabályelválasztó után hiányzik a szabály.", "Missing rule after the separator.");
    }
    return schedule;
  }

  [[noreturn]] void fail(std::string hu, std::string en) { throw Failure{pos_, std::move(hu), std::move(en)}; }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  void skip_spaces() {
    while (!at_end() && (peek() == ' ' || peek() == '\t')) ++pos_;
  }
  bool starts_with(std::string_view word) const { return text_.substr(pos_, word.size()) == word; }
  bool is_digit(std::size_t ahead = 0) const { return std::isdigit(static_cast<unsigned char>(peek(ahead))) != 0; }
  std::size_t digits_ahead() const {
    std::size_t n = 0;
    while (is_digit(n)) ++n;
    return n;
  }
  // A keyword must not run into further letters ("Mon" is not "Mo").
  bool keyword(std::string_view word) const {
    return starts_with(word) && !std::isalpha(static_cast<unsigned char>(peek(word.size())));
  }

  int number(std::size_t max_digits) {
    const std::size_t n = digits_ahead();
    if (n == 0 || n > max_digits) fail("Szám várható.", "Number expected.");
    int value = 0;
    for (std::size_t i = 0; i < n; ++i) value = value * 10 + (text_[pos_ + i] - '0');
    pos_ += n;
    return value;
  }

  std::optional<int> weekday_ahead() const {
    for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
      if (keyword(kWeekdays[i]) || (starts_with(kWeekdays[i]) && peek(2) == '[')) return static_cast<int>(i);
    }
    return std::nullopt;
  }
  std::optional<int> month_ahead() const {
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
      if (keyword(kMonths[i])) return static_cast<int>(i) + 1;
    }
    return std::nullopt;
  }
  bool year_ahead() const { return digits_ahead() == 4; }

  Rule parse_rule() {
    Rule rule;
    if (keyword("24/7") || starts_with("24/7")) {
      pos_ += 4;
      rule.twenty_four_seven = true;
      rule.times.push_back({0, 1440});
      parse_tail(rule);
      return rule;
    }
    // Wide range selectors: years and dates.
    bool wide = false;
    if (year_ahead() || month_ahead()) {
      parse_wide(rule);
      skip_spaces();
      wide = true;
    }
    if (keyword("week")) {
      pos_ += 4;
      skip_spaces();
      parse_weeks(rule);
      skip_spaces();
      wide = true;
    }
    // The optional ':' separates wide selectors from the small ones ("Dec 24: off"); alone it was
    // accepted and printed away, so ":Sa,:Sa" normalised to "Sa, Sa", which reads back as one rule
    // (found by fuzz/fuzz_hours).
    // Nor may it end the rule: "2025 ,2025:,2025" was two rules whose normal form, printed without the
    // ':', read back as one list of years (found by fuzz/fuzz_hours).
    if (wide && peek() == ':') {
      ++pos_;
      skip_spaces();
      if (at_end() || peek() == ';' || peek() == ',') {
        fail("A „:” után napnév, időpont vagy állapot várható.", "Expected weekdays, times or a state after \":\".");
      }
    }
    if (weekday_ahead() || keyword("PH")) {
      parse_weekdays(rule);
      skip_spaces();
    } else if (keyword("SH")) {
      fail("Iskolai szünet („SH”) nem támogatott.", "School holidays (\"SH\") are not supported.");
    }
    if (is_digit() && digits_ahead() <= 2 && (peek(1) == ':' || peek(2) == ':')) parse_times(rule);
    parse_tail(rule);
    if (rule.years.empty() && rule.dates.empty() && rule.weeks.empty() && rule.weekdays.empty() &&
        !rule.public_holiday && rule.times.empty() && !rule.explicit_state && !rule.comment &&
        !rule.twenty_four_seven) {
      fail("Ismeretlen szabályrész (várható pl. „Mo-Fr 08:00-16:00”).",
           "Unknown rule part (expected e.g. \"Mo-Fr 08:00-16:00\").");
    }
    return rule;
  }

  void parse_tail(Rule& rule) {
    skip_spaces();
    if (keyword("off") || keyword("closed")) {
      pos_ += keyword("off") ? 3 : 6;
      rule.state = RuleState::kClosed;
      rule.explicit_state = true;
    } else if (keyword("open")) {
      pos_ += 4;
      rule.state = RuleState::kOpen;
      rule.explicit_state = true;
    } else if (keyword("unknown")) {
      pos_ += 7;
      rule.state = RuleState::kUnknown;
      rule.explicit_state = true;
    }
    skip_spaces();
    if (peek() == '"') {
      const std::size_t start = ++pos_;
      while (!at_end() && peek() != '"') ++pos_;
      if (at_end()) {
        pos_ = start - 1;
        fail("Lezáratlan megjegyzés (hiányzó záró idézőjel).", "Unterminated comment (missing closing quote).");
      }
      rule.comment = std::string(text_.substr(start, pos_ - start));
      ++pos_;
      // OSM: a comment without an explicit state leaves the state unknown.
      if (!rule.explicit_state) rule.state = RuleState::kUnknown;
    }
  }

  // A wide selector is either a list of years ("2025,2027-2028") or a list of dates ("2025 Aug,Dec 24");
  // the rule holds them apart and requires both, so a list never switches kind: "2025 Aug,2029" is the
  // date followed by a second rule "2029" (it was read as "in 2029 and in Aug 2025", which printed as
  // "2029 2025 Aug": found by fuzz/fuzz_hours).
  void parse_wide(Rule& rule) {
    if (bare_year_ahead()) {
      do {
        rule.years.push_back(parse_year_range());
      } while (list_continues([this] { return bare_year_ahead(); }));
      // A year selector may be followed by a month-day selector: "2020-2022 Jan-Mar" is January to
      // March of each of those years (both required, as for every wide selector of a rule).
      const std::size_t after_years = pos_;
      skip_spaces();
      if (pos_ == after_years || !month_ahead()) {
        pos_ = after_years;
        return;
      }
    }
    do {
      rule.dates.push_back(parse_date_range());
    } while (list_continues([this] { return dated_year_ahead() || month_ahead().has_value(); }));
  }

  // A year not followed by a month: an item of a year list.
  bool bare_year_ahead() const { return year_ahead() && !dated_year_ahead(); }
  // A year followed by a month ("2026 Jan 10"): the start of a date.
  bool dated_year_ahead() const {
    if (!year_ahead()) return false;
    std::size_t n = 4;
    while (peek(n) == ' ' || peek(n) == '\t') ++n;
    for (const auto month : kMonths) {
      if (text_.substr(pos_ + n, month.size()) == month &&
          !std::isalpha(static_cast<unsigned char>(peek(n + month.size())))) {
        return true;
      }
    }
    return false;
  }

  int parse_year() {
    const std::size_t start = pos_;
    const int year = number(4);
    if (year < 1900 || year > 2200) {
      pos_ = start;
      fail("Az évszám 1900 és 2200 közé essen.", "Year must be between 1900 and 2200.");
    }
    return year;
  }

  // 2026 or 2025-2026.
  NumberRange parse_year_range() {
    NumberRange range{parse_year(), 0, 1};
    range.to = range.from;
    skip_spaces();
    if (peek() == '-' && digits_ahead_after(1) == 4) {
      ++pos_;
      range.to = number(4);
      if (range.to < range.from) fail("Fordított évtartomány.", "Year range runs backwards.");
    }
    return range;
  }

  DateRange parse_date_range() {
    DateRange range;
    if (year_ahead()) {
      range.from_year = parse_year();
      skip_spaces();
    }
    range.from_month = parse_month();
    skip_spaces_before_digit();
    if (day_ahead()) range.from_day = parse_day(range.from_month);
    range.to_year = range.from_year;
    range.to_month = range.from_month;
    range.to_day = range.from_day;
    if (peek() == '-') {
      ++pos_;
      if (year_ahead()) {
        // Checked like the first year: "2025 Oct 02-0202 12" kept year 202, printed as "202 Oct 12",
        // which is no year (found by fuzz/fuzz_hours).
        const std::size_t start = pos_;
        range.to_year = parse_year();
        if (range.from_year && *range.to_year < *range.from_year) {
          pos_ = start;
          fail("Fordított dátumtartomány.", "Date range runs backwards.");
        }
        skip_spaces();
      }
      if (month_ahead()) {
        range.to_month = parse_month();
        skip_spaces_before_digit();
        range.to_day = day_ahead() ? std::optional<int>(parse_day(range.to_month)) : std::nullopt;
      } else if (range.from_day && day_ahead()) {
        range.to_day = parse_day(range.to_month);
      } else {
        fail("Hiányzó dátumtartomány-vég.", "Missing end of the date range.");
      }
      if (range.from_day.has_value() != range.to_day.has_value()) {
        fail("Egy tartományon belül vagy mindkét végen legyen nap, vagy egyiken se.",
             "Both ends of a date range need a day, or neither.");
      }
    }
    return range;
  }

  std::size_t digits_ahead_after(std::size_t skip) const {
    std::size_t n = 0;
    while (is_digit(skip + n)) ++n;
    return n;
  }
  void skip_spaces_before_digit() {
    std::size_t n = 0;
    while (peek(n) == ' ') ++n;
    if (n > 0 && std::isdigit(static_cast<unsigned char>(peek(n))) && !(peek(n + 1) == ':' || peek(n + 2) == ':')) {
      pos_ += n;
    }
  }
  // A day of month: 1-2 digits not followed by ':' (which would make it a time).
  bool day_ahead() const {
    const std::size_t n = digits_ahead();
    return (n == 1 || n == 2) && peek(n) != ':';
  }
  int parse_month() {
    const auto month = month_ahead();
    if (!month) fail("Hónapnév várható (Jan … Dec).", "Month name expected (Jan … Dec).");
    pos_ += 3;
    return *month;
  }
  int parse_day(int month) {
    constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const std::size_t start = pos_;
    const int day = number(2);
    if (day < 1 || day > kDays[static_cast<std::size_t>(month - 1)]) {
      pos_ = start;
      fail("Érvénytelen nap a hónapban.", "Invalid day of month.");
    }
    return day;
  }

  // After a list item: a comma followed by another item of the same kind continues the list; any other
  // comma separates rules and is left for the caller. Spaces around the comma do not matter, as the
  // printer drops them: "2025 May 05 ,2025 May" was two rules, printed "2025 May 05, 2025 May", which
  // reads back as one rule with two dates (found by fuzz/fuzz_hours).
  template <typename Predicate>
  bool list_continues(Predicate next_item) {
    const std::size_t saved = pos_;
    skip_spaces();
    if (peek() != ',') {
      pos_ = saved;
      return false;
    }
    ++pos_;
    skip_spaces();
    if (next_item()) return true;
    pos_ = saved;
    return false;
  }

  void parse_weeks(Rule& rule) {
    do {
      const std::size_t start = pos_;
      NumberRange range;
      range.from = number(2);
      range.to = range.from;
      if (peek() == '-') {
        ++pos_;
        range.to = number(2);
      }
      if (peek() == '/') {
        ++pos_;
        range.step = number(2);
        if (range.step < 1) fail("A lépésköz legalább 1.", "Step must be at least 1.");
      }
      if (range.from < 1 || range.to > 53 || range.to < range.from) {
        pos_ = start;
        fail("A hét sorszáma 1 és 53 közötti, növekvő tartomány.", "Week numbers must be 1-53, ascending.");
      }
      rule.weeks.push_back(range);
    } while (list_continues([this] { return is_digit(); }));
  }

  void parse_weekdays(Rule& rule) {
    do {
      if (keyword("PH")) {
        pos_ += 2;
        rule.public_holiday = true;
        continue;
      }
      const auto from = weekday_ahead();
      if (!from) fail("Napnév várható (Mo, Tu, We, Th, Fr, Sa, Su, PH).", "Weekday expected (Mo … Su, PH).");
      pos_ += 2;
      WeekdayRange range{*from, *from, {}};
      if (peek() == '-' && !is_digit(1)) {
        ++pos_;
        const auto to = weekday_ahead();
        if (!to) fail("A napnév-tartomány vége hiányzik.", "Missing end of the weekday range.");
        pos_ += 2;
        range.to = *to;
      } else if (peek() == '[') {
        ++pos_;
        do {
          const bool negative = peek() == '-';
          if (negative) ++pos_;
          const std::size_t start = pos_;
          const int first = number(1);
          int last = first;
          if (!negative && peek() == '-') {
            ++pos_;
            last = number(1);
          }
          if (first < 1 || last > 5 || last < first) {
            pos_ = start;
            fail("A hónapon belüli sorszám 1 és 5 közötti (vagy -1…-5).", "Nth weekday must be 1-5 (or -1…-5).");
          }
          for (int n = first; n <= last; ++n) range.nth.push_back(negative ? -n : n);
        } while (peek() == ',' && ++pos_);
        if (peek() != ']') fail("Hiányzó „]”.", "Missing \"]\".");
        ++pos_;
      }
      rule.weekdays.push_back(range);
    } while (list_continues([this] { return weekday_ahead().has_value() || keyword("PH"); }));
  }

  int parse_clock() {
    const std::size_t start = pos_;
    const int hours = number(2);
    if (peek() != ':') fail("Az időpont formája ÓÓ:PP.", "Times are written HH:MM.");
    ++pos_;
    if (digits_ahead() != 2) fail("Az időpont formája ÓÓ:PP.", "Times are written HH:MM.");
    const int minutes = number(2);
    if (hours > 48 || minutes > 59) {
      pos_ = start;
      fail("Érvénytelen időpont.", "Invalid time of day.");
    }
    return hours * 60 + minutes;
  }

  void parse_times(Rule& rule) {
    do {
      const std::size_t start = pos_;
      TimeSpan span;
      span.start = parse_clock();
      if (span.start >= 1440) {
        pos_ = start;
        fail("A kezdő időpont 24:00 előtt legyen.", "A range must start before 24:00.");
      }
      if (peek() != '-') fail("Időtartomány várható (pl. 08:00-12:00).", "Time range expected (e.g. 08:00-12:00).");
      ++pos_;
      span.end = parse_clock();
      if (span.end <= span.start) span.end += 1440;  // runs past midnight
      if (span.end > span.start + 1440) {
        pos_ = start;
        fail("Az időtartomány legfeljebb 24 órás lehet.", "A time range may last at most 24 hours.");
      }
      rule.times.push_back(span);
    } while (list_continues([this] { return is_digit(); }));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

std::size_t character_offset(std::string_view text, std::size_t byte) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars;
}

std::string two_digits(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

std::string join_list(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string osm_date(const std::optional<int>& year, int month, const std::optional<int>& day) {
  std::string out;
  if (year) out += std::to_string(*year) + " ";
  out += kMonths[static_cast<std::size_t>(month - 1)];
  if (day) out += " " + two_digits(*day);
  return out;
}

std::string hu_date(const std::optional<int>& year, int month, const std::optional<int>& day) {
  std::string out;
  if (year) out += std::to_string(*year) + ". ";
  out += kMonthsHu[static_cast<std::size_t>(month - 1)];
  if (day) out += " " + std::to_string(*day) + ".";
  return out;
}

std::string hu_clock(int minutes) {
  if (minutes > 1440) minutes -= 1440;
  return std::to_string(minutes / 60) + ":" + two_digits(minutes % 60);
}

std::string osm_numbers(const std::vector<NumberRange>& ranges) {
  std::vector<std::string> items;
  for (const auto& r : ranges) {
    std::string item = r.from == r.to ? std::to_string(r.from) : std::to_string(r.from) + "-" + std::to_string(r.to);
    if (r.step != 1) item += "/" + std::to_string(r.step);
    items.push_back(item);
  }
  return join_list(items, ",");
}

std::string hu_weeks(const std::vector<NumberRange>& ranges) {
  std::vector<std::string> items;
  for (const auto& r : ranges) {
    if (r.step == 2 && r.from == 1 && r.to >= 52) {
      items.emplace_back("páratlan heteken");
    } else if (r.step == 2 && r.from == 2 && r.to >= 52) {
      items.emplace_back("páros heteken");
    } else {
      std::string item =
          r.from == r.to ? std::to_string(r.from) + "." : std::to_string(r.from) + "–" + std::to_string(r.to) + ".";
      if (r.step != 1) item += " (" + std::to_string(r.step) + " hetente)";
      items.push_back(item + " héten");
    }
  }
  return join_list(items, ", ");
}

template <typename Names>
std::string weekday_list(const Rule& rule, const Names& names, std::string_view dash, std::string_view holiday) {
  std::vector<std::string> items;
  for (const auto& w : rule.weekdays) {
    std::string item(names[static_cast<std::size_t>(w.from)]);
    if (w.to != w.from) item += std::string(dash) + std::string(names[static_cast<std::size_t>(w.to)]);
    if (!w.nth.empty()) {
      std::vector<std::string> nth;
      for (int n : w.nth) nth.push_back(std::to_string(n));
      item += "[" + join_list(nth, ",") + "]";
    }
    items.push_back(item);
  }
  if (rule.public_holiday) items.emplace_back(holiday);
  return join_list(items, ",");
}

}  // namespace

bool Rule::dated() const {
  for (const auto& d : dates) {
    if (d.from_day) return true;
  }
  return false;
}

ParseResult parse(std::string_view value) {
  ParseResult result;
  Parser parser(value);
  try {
    result.schedule = parser.parse_value();
  } catch (const Failure& f) {
    result.error = SyntaxError{character_offset(value, f.byte), f.hu, f.en};
  }
  return result;
}

std::string format_minutes(int minutes) {
  if (minutes > 1440) minutes -= 1440;
  return two_digits(minutes / 60) + ":" + two_digits(minutes % 60);
}

std::string normalise(const Schedule& schedule) {
  std::string out;
  for (const Rule& rule : schedule.rules) {
    if (!out.empty()) out += rule.join == RuleJoin::kAdditional ? ", " : "; ";
    std::vector<std::string> parts;
    if (rule.twenty_four_seven) {
      parts.emplace_back("24/7");
    } else {
      if (!rule.years.empty()) parts.push_back(osm_numbers(rule.years));
      if (!rule.dates.empty()) {
        std::vector<std::string> items;
        for (const auto& d : rule.dates) {
          std::string item = osm_date(d.from_year, d.from_month, d.from_day);
          const bool same = d.to_year == d.from_year && d.to_month == d.from_month && d.to_day == d.from_day;
          if (!same) {
            std::string end = osm_date(d.to_year != d.from_year ? d.to_year : std::nullopt, d.to_month, d.to_day);
            if (d.to_year == d.from_year && d.to_month == d.from_month && d.to_day) end = two_digits(*d.to_day);
            item += "-" + end;
          }
          items.push_back(item);
        }
        parts.push_back(join_list(items, ","));
      }
      if (!rule.weeks.empty()) parts.push_back("week " + osm_numbers(rule.weeks));
      if (!rule.weekdays.empty() || rule.public_holiday) parts.push_back(weekday_list(rule, kWeekdays, "-", "PH"));
      if (!rule.times.empty()) {
        std::vector<std::string> items;
        for (const auto& t : rule.times) items.push_back(format_minutes(t.start) + "-" + format_minutes(t.end));
        parts.push_back(join_list(items, ","));
      }
    }
    if (rule.explicit_state) {
      parts.emplace_back(rule.state == RuleState::kClosed ? "off"
                         : rule.state == RuleState::kOpen ? "open"
                                                          : "unknown");
    }
    if (rule.comment) parts.push_back("\"" + *rule.comment + "\"");
    out += join_list(parts, " ");
  }
  return out;
}

std::string to_hungarian(const Schedule& schedule) {
  std::string out;
  for (const Rule& rule : schedule.rules) {
    if (!out.empty()) out += rule.join == RuleJoin::kAdditional ? ", továbbá " : "; ";
    std::vector<std::string> parts;
    if (rule.twenty_four_seven) {
      parts.emplace_back("éjjel-nappal");
    } else {
      if (!rule.years.empty()) {
        std::vector<std::string> items;
        for (const auto& y : rule.years) {
          items.push_back(y.from == y.to ? std::to_string(y.from) + "."
                                         : std::to_string(y.from) + "–" + std::to_string(y.to) + ".");
        }
        parts.push_back(join_list(items, ", "));
      }
      if (!rule.dates.empty()) {
        std::vector<std::string> items;
        for (const auto& d : rule.dates) {
          std::string item = hu_date(d.from_year, d.from_month, d.from_day);
          if (!(d.to_year == d.from_year && d.to_month == d.from_month && d.to_day == d.from_day)) {
            item += std::string(kEnDash) +
                    hu_date(d.to_year != d.from_year ? d.to_year : std::nullopt, d.to_month, d.to_day);
          }
          items.push_back(item);
        }
        parts.push_back(join_list(items, ", "));
      }
      if (!rule.weeks.empty()) parts.push_back(hu_weeks(rule.weeks));
      if (!rule.weekdays.empty() || rule.public_holiday) {
        parts.push_back(weekday_list(rule, kWeekdaysHu, kEnDash, "ünnepnap"));
      }
      if (!rule.times.empty()) {
        std::vector<std::string> items;
        for (const auto& t : rule.times) items.push_back(hu_clock(t.start) + std::string(kEnDash) + hu_clock(t.end));
        parts.push_back(join_list(items, ", "));
      }
    }
    if (rule.state == RuleState::kClosed) parts.emplace_back("zárva");
    if (rule.state == RuleState::kUnknown && rule.explicit_state) parts.emplace_back("nyitvatartás bizonytalan");
    if (rule.comment) parts.push_back("(" + *rule.comment + ")");
    out += join_list(parts, " ");
  }
  return out;
}

std::optional<std::string> opening_hours_problem(std::string_view value) {
  const ParseResult parsed = parse(value);
  if (parsed.ok()) return std::nullopt;
  return "hibás nyitvatartás a(z) " + std::to_string(parsed.error->position + 1) +
         ". karakternél: " + parsed.error->message_hu + " (" + parsed.error->message_en + ")";
}

std::optional<std::string> hungarian_text(std::string_view value) {
  const ParseResult parsed = parse(value);
  if (!parsed.ok()) return std::nullopt;
  return to_hungarian(*parsed.schedule);
}

}  // namespace ugk::hours
