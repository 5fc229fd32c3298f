// `ugykalauz hours …`: the opening-hours engine from the command line (validation and evaluation).
#pragma once

#include <filesystem>
#include <string>

namespace ugk::cli {

struct HoursEvalOptions {
  std::filesystem::path bundle;  // for calendar/holidays.csv
  std::string worked_saturday = "swapped_weekday";
  int horizon_days = 400;
};

// Validates one value: prints the normalised form and the Hungarian text, or the error with its
// position (exit 2).
int run_hours_check(const std::string& value);

// Reads JSON lines {"value": "...", "instant": "2026-01-10T09:00"} from stdin and prints one JSON line
// per input: {"ok", "state", "next_change", "comment", "day_kind"} or {"ok": false, "error": {...}}.
int run_hours_eval(const HoursEvalOptions& options);

}  // namespace ugk::cli
