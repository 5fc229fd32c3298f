// RFC 4180 CSV parsing with line numbers, for the KSH and calendar files of the bundle.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importers/problem.h"

namespace ugk::importers {

struct CsvRecord {
  std::size_t line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> records;  // only records with exactly header.size() fields

  std::optional<std::size_t> column(std::string_view name) const;
};

// Access to one record's fields by column name; the column must exist (parse_csv checks the
// required ones).
class CsvRow {
 public:
  CsvRow(const CsvTable& table, const CsvRecord& record) : table_(table), record_(record) {}
  const std::string& operator[](std::string_view column) const;
  std::size_t line() const { return record_.line; }

 private:
  const CsvTable& table_;
  const CsvRecord& record_;
};

struct CsvParseResult {
  CsvTable table;
  std::vector<Problem> problems;
  // False when the table is unusable as a whole (no header, a required column missing).
  bool usable = false;
};

// Parses `text` (UTF-8, optional BOM, "\n" or "\r\n" line ends, quoted fields with commas, line
// breaks and doubled quotes). `file` only labels problems. Every name in `required_columns` must
// appear in the header. Records with the wrong number of fields or broken quoting are reported and
// left out; blank lines are skipped.
// `separator` is ',' for the bundle; a spreadsheet saved in a Hungarian locale writes ';'.
CsvParseResult parse_csv(std::string_view text, const std::string& file,
                         std::initializer_list<std::string_view> required_columns, char separator = ',');

// The separator of a spreadsheet's CSV: ';' when its header line has more unquoted semicolons than
// commas, ',' otherwise.
char detect_separator(std::string_view text);

}  // namespace ugk::importers
