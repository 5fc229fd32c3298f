// Maps calendar/holidays.csv to calendar days, checking dates and weekdays. Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "importers/ksh_reader.h"
#include "importers/problem.h"
#include "kb/model.h"

namespace ugk::importers {

inline constexpr std::string_view kHolidaysFile = "calendar/holidays.csv";

Read<kb::CalendarDay> read_holidays(std::string_view text, std::vector<Problem>& problems);

}  // namespace ugk::importers
