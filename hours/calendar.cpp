#include "hours/calendar.h"

#include <date/iso_week.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <tuple>

namespace ugk::hours {
namespace {

using date::sys_days;

DayKind kind_of(kb::DayType type) {
  switch (type) {
    case kb::DayType::kPublicHoliday:
      return DayKind::kPublicHoliday;
    case kb::DayType::kBridgeRestDay:
      return DayKind::kBridgeRestDay;
    case kb::DayType::kWorkingSaturday:
      return DayKind::kWorkedSaturday;
  }
  return DayKind::kOrdinary;
}

Date ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

// Statutory public holidays (Mt. 102. § (1)); the name of `date` if it is one. Movable feasts are
// computed from Easter. Called for every evaluated day, so it allocates only on a hit.
std::optional<std::string> statutory_holiday(Date date) {
  struct Fixed {
    unsigned month, day;
    const char* name;
  };
  static constexpr Fixed kFixed[] = {{1, 1, "Újév"},
                                     {3, 15, "Nemzeti ünnep (1848)"},
                                     {5, 1, "A munka ünnepe"},
                                     {8, 20, "Államalapítás ünnepe"},
                                     {10, 23, "Nemzeti ünnep (1956)"},
                                     {11, 1, "Mindenszentek"},
                                     {12, 25, "Karácsony"},
                                     {12, 26, "Karácsony másnapja"}};
  for (const Fixed& f : kFixed) {
    if (static_cast<unsigned>(date.month()) == f.month && static_cast<unsigned>(date.day()) == f.day) return f.name;
  }
  struct Movable {
    int offset;  // days after Easter Sunday
    const char* name;
  };
  static constexpr Movable kMovable[] = {
      {-2, "Nagypéntek"}, {0, "Húsvétvasárnap"}, {1, "Húsvéthétfő"}, {49, "Pünkösdvasárnap"}, {50, "Pünkösdhétfő"}};
  const auto month = static_cast<unsigned>(date.month());
  if (month < 3 || month > 6) return std::nullopt;
  const int after_easter = (sys_days{date} - sys_days{easter_sunday(static_cast<int>(date.year()))}).count();
  for (const Movable& m : kMovable) {
    if (after_easter == m.offset) return m.name;
  }
  return std::nullopt;
}

}  // namespace

Date easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

HolidayCalendar::HolidayCalendar(const std::vector<kb::CalendarDay>& days) {
  std::vector<sys_days> worked, bridges;
  for (const kb::CalendarDay& row : days) {
    const auto parsed = parse_iso_date(row.date);
    if (!parsed) continue;  // the importer validated dates; skip rather than guess
    data_years_.insert(static_cast<int>(parsed->year()));
    const sys_days key{*parsed};
    days_[key] = CalendarDayInfo{kind_of(row.type), row.name_hu, std::nullopt};
    if (row.type == kb::DayType::kWorkingSaturday) worked.push_back(key);
    if (row.type == kb::DayType::kBridgeRestDay) bridges.push_back(key);
  }
  // Pair each worked Saturday with the bridge rest day of the same swap. The decree lists them as
  // pairs but the CSV has no pair key, so match closest first (a swap never spans more than ~2 months;
  // greedy by distance reproduces every pair of the 2025-2026 decrees).
  std::vector<std::tuple<int, sys_days, sys_days>> candidates;
  for (const auto w : worked) {
    for (const auto b : bridges) {
      const int distance = std::abs((w - b).count());
      if (distance <= 62) candidates.emplace_back(distance, w, b);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  std::set<sys_days> paired;
  for (const auto& [distance, w, b] : candidates) {
    if (paired.count(w) || paired.count(b)) continue;
    paired.insert(w);
    paired.insert(b);
    days_[w].swap_partner = Date{b};
    days_[b].swap_partner = Date{w};
  }
}

CalendarDayInfo HolidayCalendar::day(Date date) const {
  const auto it = days_.find(sys_days{date});
  if (it != days_.end()) return it->second;
  // Years with a decree list its days, but not Easter and Whit Sunday (holidays falling on Sundays);
  // other years get the whole statutory list.
  const auto holiday = statutory_holiday(date);
  if (holiday && (!has_decree_data(static_cast<int>(date.year())) || weekday_index(date) == 6)) {
    return CalendarDayInfo{DayKind::kPublicHoliday, *holiday, std::nullopt};
  }
  return {};
}

bool HolidayCalendar::is_rest_day(Date date) const {
  const DayKind kind = day(date).kind;
  return kind == DayKind::kPublicHoliday || kind == DayKind::kBridgeRestDay;
}

int weekday_index(Date date) {
  return static_cast<int>((date::weekday{sys_days{date}}.iso_encoding() + 6) % 7);
}

std::optional<Date> parse_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const Date d = ymd(std::atoi(text.substr(0, 4).c_str()), static_cast<unsigned>(std::atoi(text.substr(5, 2).c_str())),
                     static_cast<unsigned>(std::atoi(text.substr(8, 2).c_str())));
  if (!d.ok()) return std::nullopt;
  return d;
}

std::string iso_date(Date date) {
  return date::format("%F", sys_days{date});
}

std::optional<Date> parse_iso_week(std::string_view text) {
  if (text.size() != 8 || text[4] != '-' || text[5] != 'W') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 6, 7}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const auto number = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const int year = number(0, 4);
  const int week = number(6, 2);
  if (week < 1 || year < 1900 || year > 2200) return std::nullopt;
  const iso_week::year_weeknum_weekday monday{iso_week::year{year}, iso_week::weeknum{static_cast<unsigned>(week)},
                                              iso_week::mon};
  if (!monday.ok()) return std::nullopt;
  return Date{sys_days{monday}};
}

}  // namespace ugk::hours
