#include "importers/csv_reader.h"

#include <algorithm>
#include <stdexcept>

namespace ugk::importers {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct RawRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
  std::optional<std::string> error;  // quoting error, reported instead of the record
};

// Splits the text into records. A record ends at an unquoted line break; quoted fields may span
// lines, which is why the start line is kept per record.
std::vector<RawRecord> split_records(std::string_view text, char separator) {
  std::vector<RawRecord> records;
  std::size_t line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    RawRecord record;
    record.line = line;
    std::string field;
    bool record_done = false;
    while (!record_done) {
      if (i < n && text[i] == '"') {
        // Quoted field.
        ++i;
        bool closed = false;
        while (i < n) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        if (!closed && !record.error) {
          record.error = "lezáratlan idézőjel (unterminated quote)";
        }
        if (i < n && text[i] != separator && text[i] != '\n' && text[i] != '\r' && !record.error) {
          record.error = "szöveg a záró idézőjel után (text after closing quote)";
        }
      }
      // Unquoted part (or garbage after a quoted field, already reported).
      while (i < n && text[i] != separator && text[i] != '\n') {
        if (text[i] == '\r' && (i + 1 == n || text[i + 1] == '\n')) {
          ++i;
          continue;
        }
        field += text[i];
        ++i;
      }
      record.fields.push_back(std::move(field));
      field.clear();
      if (i >= n) {
        record_done = true;
      } else if (text[i] == separator) {
        ++i;
      } else {  // '\n'
        ++i;
        ++line;
        record_done = true;
      }
    }
    bool blank = record.fields.size() == 1 && record.fields[0].empty() && !record.error;
    if (!blank) records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.begin());
}

const std::string& CsvRow::operator[](std::string_view column) const {
  auto index = table_.column(column);
  if (!index || *index >= record_.fields.size()) {
    throw std::logic_error("CSV column not checked by parse_csv: " + std::string(column));
  }
  return record_.fields[*index];
}

char detect_separator(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (const char c : text.substr(0, text.find('\n'))) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == ',') ++commas;
    if (!quoted && c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

CsvParseResult parse_csv(std::string_view text, const std::string& file,
                         std::initializer_list<std::string_view> required_columns, char separator) {
  CsvParseResult result;
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  std::vector<RawRecord> raw = split_records(text, separator);
  if (raw.empty()) {
    result.problems.push_back({file, "", std::nullopt, "", "üres fájl, hiányzik a fejléc (empty file, no header row)"});
    return result;
  }
  RawRecord& head = raw.front();
  if (head.error) {
    result.problems.push_back({file, "", head.line, "", "hibás fejléc: " + *head.error + " (broken header row)"});
    return result;
  }
  result.table.header = std::move(head.fields);
  bool columns_ok = true;
  for (std::string_view name : required_columns) {
    if (!result.table.column(name)) {
      result.problems.push_back({file, "", head.line, std::string(name), "hiányzó oszlop (missing column)"});
      columns_ok = false;
    }
  }
  if (!columns_ok) return result;
  result.usable = true;
  const std::size_t width = result.table.header.size();
  for (std::size_t r = 1; r < raw.size(); ++r) {
    RawRecord& record = raw[r];
    // The first column is the key in every bundle CSV, so it names the record.
    std::string identity = result.table.header[0] + "=" + (record.fields.empty() ? "" : record.fields[0]);
    if (record.error) {
      result.problems.push_back({file, identity, record.line, "", *record.error});
      continue;
    }
    if (record.fields.size() != width) {
      std::string what =
          record.fields.size() < width ? "túl kevés mező (too few fields)" : "túl sok mező (too many fields)";
      result.problems.push_back({file, identity, record.line, "",
                                 what + ": " + std::to_string(record.fields.size()) + " / " + std::to_string(width)});
      continue;
    }
    result.table.records.push_back({record.line, std::move(record.fields)});
  }
  return result;
}

}  // namespace ugk::importers
