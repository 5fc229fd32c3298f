#include "importers/json_records.h"

#include <algorithm>

namespace ugk::importers {
namespace {

struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

// 1-based line and column of the byte at `offset` (0-based); columns count bytes.
TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition pos;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

// Start lines of the top-level array elements. nlohmann keeps no positions, so the (already
// validated) text is scanned once more, which costs one pass over a few hundred kilobytes.
std::vector<std::size_t> element_lines(std::string_view text) {
  std::vector<std::size_t> lines;
  std::size_t line = 1;
  std::size_t counted = 0;  // bytes whose newlines are in `line`
  int depth = 0;
  bool expecting_element = false;
  kb::scan_json_structure(text, [&](char c, std::size_t offset) {
    // Newlines inside strings are escaped in JSON, so counting them outside strings is enough;
    // strings can only hide the count, never add to it.
    for (; counted < offset; ++counted) {
      if (text[counted] == '\n') ++line;
    }
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (depth == 1 && expecting_element && !space && c != ']') {
      lines.push_back(line);
      expecting_element = false;
    }
    switch (c) {
      case '[':
      case '{':
        ++depth;
        if (depth == 1) expecting_element = true;
        break;
      case ']':
      case '}':
        --depth;
        break;
      case ',':
        if (depth == 1) expecting_element = true;
        break;
      default:
        break;
    }
  });
  return lines;
}

}  // namespace

std::string json_record_identity(const nlohmann::json& value, std::size_t index) {
  if (value.is_object()) {
    auto it = value.find("id");
    if (it != value.end() && it->is_string()) return "id=" + it->get<std::string>();
  }
  return "#" + std::to_string(index + 1);
}

Read<JsonRecord> parse_json_records(std::string_view text, const std::string& file, std::vector<Problem>& problems) {
  Read<JsonRecord> result;
  result.source.file = file;
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // parse_error::byte is the 1-based index of the last byte read, i.e. where parsing stopped.
    std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
    TextPosition pos = position_of(text, offset);
    std::string message = e.what();
    // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line L, column C: ".
    if (auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    problems.push_back({file, "", pos.line, "",
                        "hibás JSON a(z) " + std::to_string(pos.column) + ". oszlopnál (invalid JSON at column " +
                            std::to_string(pos.column) + "): " + message});
    return result;
  }
  if (!document.is_array()) {
    problems.push_back({file, "", 1, "", "JSON-tömb szükséges (expected a JSON array)"});
    return result;
  }
  std::vector<std::size_t> lines = element_lines(text);
  result.source.usable = true;
  result.records.reserve(document.size());
  for (std::size_t i = 0; i < document.size(); ++i) {
    result.records.push_back({std::move(document[i]), i < lines.size() ? lines[i] : 0});
  }
  return result;
}

}  // namespace ugk::importers
