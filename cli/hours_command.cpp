#include "cli/hours_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "hours/batch_eval.h"
#include "importers/calendar_reader.h"
#include "kb/enums.h"

namespace ugk::cli {

int run_hours_check(const std::string& value) {
  const hours::ParseResult parsed = hours::parse(value);
  if (!parsed.ok()) {
    std::cout << value << "\n"
              << std::string(parsed.error->position, ' ') << "^\n"
              << "hiba a(z) " << parsed.error->position + 1 << ". karakternél: " << parsed.error->message_hu << "\n"
              << "error at character " << parsed.error->position + 1 << ": " << parsed.error->message_en << "\n";
    return kExitInvalidData;
  }
  std::cout << "normalised: " << hours::normalise(*parsed.schedule) << "\n"
            << "magyarul:   " << hours::to_hungarian(*parsed.schedule) << "\n";
  return kExitOk;
}

int run_hours_eval(const HoursEvalOptions& options) {
  std::ifstream file(options.bundle / importers::kHolidaysFile);
  if (!file) {
    std::cerr << "cannot read " << (options.bundle / importers::kHolidaysFile).string() << "\n";
    return kExitFailure;
  }
  std::stringstream text;
  text << file.rdbuf();
  std::vector<importers::Problem> problems;
  const auto days = importers::read_holidays(text.str(), problems);
  if (!problems.empty()) {
    std::cerr << "invalid " << importers::kHolidaysFile << "\n";
    return kExitInvalidData;
  }
  const hours::HolidayCalendar calendar(days.records);
  hours::EvaluationOptions evaluation;
  const auto rule = kb::parse_worked_saturday_rule(options.worked_saturday);
  if (!rule) {
    std::cerr << "--worked-saturday: swapped_weekday, as_written or closed\n";
    return kExitUsage;
  }
  evaluation.worked_saturday = *rule;
  hours::eval_json_lines(std::cin, std::cout, calendar, evaluation, options.horizon_days);
  return kExitOk;
}

}  // namespace ugk::cli
