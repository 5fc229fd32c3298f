#include "importers/calendar_reader.h"

#include <set>

#include "importers/csv_reader.h"
#include "importers/text_checks.h"
#include "kb/enums.h"
#include "kb/formats.h"

namespace ugk::importers {

Read<kb::CalendarDay> read_holidays(std::string_view text, std::vector<Problem>& problems) {
  const std::string file(kHolidaysFile);
  auto parsed =
      parse_csv(text, file, {"date", "weekday", "type", "name_hu", "name_en", "source_or_basis", "certainty"});
  problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  Read<kb::CalendarDay> result;
  result.source.file = file;
  result.source.usable = parsed.usable;
  for (const auto& record : parsed.table.records) {
    CsvRow row(parsed.table, record);
    const std::string identity = "date=" + row["date"];
    std::size_t before = problems.size();
    auto fail = [&](std::string_view column, std::string message) {
      problems.push_back({file, identity, row.line(), std::string(column), std::move(message)});
    };
    kb::CalendarDay day;
    day.date = row["date"];
    day.weekday = row["weekday"];
    if (!kb::is_valid_date(day.date)) {
      fail("date", "érvénytelen dátum, ÉÉÉÉ-HH-NN szükséges (invalid date, expected YYYY-MM-DD): \"" + day.date + "\"");
    } else {
      std::string expected = weekday_of(day.date);
      if (day.weekday != expected) {
        fail("weekday", "a hét napja nem egyezik a dátummal (weekday does not match the date): \"" + day.weekday +
                            "\", helyesen (should be) " + expected);
      }
      if (!result.source.lines.emplace(day.date, row.line()).second) fail("date", "ismétlődő dátum (duplicate date)");
    }
    auto type = kb::parse_day_type(row["type"]);
    if (!type) {
      fail("type", "ismeretlen érték (unknown value): " + row["type"]);
    } else {
      day.type = *type;
    }
    day.name_hu = row["name_hu"];
    day.name_en = row["name_en"];
    day.source_or_basis = row["source_or_basis"];
    day.certainty = row["certainty"];
    if (problems.size() == before) {
      result.records.push_back(std::move(day));
    } else {
      result.source.rejected.insert(day.date);
    }
  }
  return result;
}

}  // namespace ugk::importers
