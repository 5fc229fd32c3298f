// Turns a bundle JSON file (an array of objects) into decoded domain records: a syntax error
// becomes one file-level Problem with line and column; each record that the strict codec rejects
// becomes one Problem naming the record and field, and the other records are still decoded.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "importers/problem.h"
#include "importers/source_info.h"
#include "kb/json_codec.h"

namespace ugk::importers {

struct JsonRecord {
  nlohmann::json value;
  std::size_t line = 0;  // line where the record's value starts
};

// Parses a JSON array; on a syntax error (or a non-array top level) reports it and returns a
// source that is not usable.
Read<JsonRecord> parse_json_records(std::string_view text, const std::string& file, std::vector<Problem>& problems);

// "id=<id>" when the record has a string id, else "#<1-based index>".
std::string json_record_identity(const nlohmann::json& value, std::size_t index);

// Decodes every record with the strict codec (T is one of the id-carrying JSON types). A record
// the codec rejects, or whose id repeats an earlier one, is reported and left out.
template <typename T>
Read<T> decode_records(const Read<JsonRecord>& records, std::vector<Problem>& problems) {
  Read<T> result;
  result.source.file = records.source.file;
  result.source.usable = records.source.usable;
  for (std::size_t i = 0; i < records.records.size(); ++i) {
    const JsonRecord& record = records.records[i];
    std::string identity = json_record_identity(record.value, i);
    try {
      T value;
      kb::from_json(record.value, value);
      auto [first, inserted] = result.source.lines.emplace(value.id, record.line);
      if (inserted) {
        result.records.push_back(std::move(value));
      } else {
        problems.push_back({result.source.file, identity, record.line, "id",
                            "ismétlődő azonosító, első előfordulása a(z) " + std::to_string(first->second) +
                                ". sorban (duplicate id, first on line " + std::to_string(first->second) + ")"});
      }
      continue;
    } catch (const kb::FieldErrors& errors) {
      for (const auto& e : errors.all()) {
        std::string field = e.field() == "$" ? std::string() : e.field();
        problems.push_back({result.source.file, identity, record.line, std::move(field), e.what()});
      }
    } catch (const kb::FieldError& e) {
      std::string field = e.field() == "$" ? std::string() : e.field();
      problems.push_back({result.source.file, identity, record.line, std::move(field), e.what()});
    } catch (const nlohmann::json::exception& e) {
      // The codec maps every expected failure to FieldError; this is a safety net.
      problems.push_back(
          {result.source.file, identity, record.line, "", std::string("hibás rekord (malformed record): ") + e.what()});
    }
    if (record.value.is_object() && record.value.contains("id") && record.value["id"].is_string()) {
      result.source.rejected.insert(record.value["id"].get<std::string>());
    }
  }
  return result;
}

}  // namespace ugk::importers
