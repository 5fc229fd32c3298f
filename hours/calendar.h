// The Hungarian working-day calendar: public holidays, bridge rest days and worked Saturdays.
//
// Built once from the bundle's calendar rows (data/calendar/holidays.csv, one decree per year); years
// with no rows fall back to the statutory list with the movable feasts computed, so an unknown year
// is never "all working days". Immutable after construction; thread-safe to read.
#pragma once

#include <date/date.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.h"

namespace ugk::hours {

using Date = date::year_month_day;

enum class DayKind {
  kOrdinary,
  kPublicHoliday,   // munkaszüneti nap
  kBridgeRestDay,   // áthelyezett pihenőnap: closed like a public holiday
  kWorkedSaturday,  // áthelyezett munkanap
};

struct CalendarDayInfo {
  DayKind kind = DayKind::kOrdinary;
  std::string name_hu;
  // Worked Saturday: the bridge rest day it makes up for (its weekday gives the hours).
  // Bridge rest day: the Saturday on which it is worked off.
  std::optional<Date> swap_partner;
};

// Gregorian Easter Sunday (anonymous Gregorian algorithm).
Date easter_sunday(int year);

class HolidayCalendar {
 public:
  explicit HolidayCalendar(const std::vector<kb::CalendarDay>& days);

  CalendarDayInfo day(Date date) const;
  // Public holiday or bridge rest day: what OSM "PH" means for Hungarian offices.
  bool is_rest_day(Date date) const;
  // Years whose swaps come from a decree in the data (others have statutory holidays only).
  bool has_decree_data(int year) const { return data_years_.count(year) > 0; }

 private:
  std::map<date::sys_days, CalendarDayInfo> days_;
  std::set<int> data_years_;
};

// Weekday index 0 = Monday … 6 = Sunday.
int weekday_index(Date date);
// "YYYY-MM-DD"; nullopt when malformed or not a real date.
std::optional<Date> parse_iso_date(const std::string& text);
std::string iso_date(Date date);
// The Monday of an ISO 8601 week written "YYYY-Www" ("2026-W02" -> 2026-01-05); nullopt when malformed,
// when the year has no such week, or outside the years 1900-2200.
std::optional<Date> parse_iso_week(std::string_view text);

}  // namespace ugk::hours
