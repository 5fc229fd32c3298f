// JSON form of the domain types: the bundle's record format, the store's document format and the
// API's representation are one and the same, so there is exactly one mapping.
//
// Decoding is strict: a missing or mistyped field, an unknown enum value or an unknown field throws
// FieldError naming the field, so that importers can report "file, record, field" precisely.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.h"

namespace nlohmann {
template <typename T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& value) {
    if (value) {
      j = *value;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& value) {
    if (j.is_null()) {
      value.reset();
    } else {
      value = j.get<T>();
    }
  }
};
}  // namespace nlohmann

namespace ugk::kb {

class FieldError : public std::runtime_error {
 public:
  FieldError(std::string field, const std::string& message) : std::runtime_error(message), field_(std::move(field)) {}
  // Dotted path of the offending field, e.g. "competence.authority" or "fees[1].amount_huf".
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// Every field error of one record; the record's first error is the FieldError part.
class FieldErrors : public FieldError {
 public:
  explicit FieldErrors(std::vector<FieldError> errors) : FieldError(errors.front()), errors_(std::move(errors)) {}
  const std::vector<FieldError>& all() const { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

void to_json(nlohmann::json& j, const District& v);
void to_json(nlohmann::json& j, const Settlement& v);
void to_json(nlohmann::json& j, const Office& v);
void to_json(nlohmann::json& j, const Procedure& v);
void to_json(nlohmann::json& j, const Fee& v);
void to_json(nlohmann::json& j, const Form& v);
void to_json(nlohmann::json& j, const Visit& v);
void to_json(nlohmann::json& j, const CalendarDay& v);
void to_json(nlohmann::json& j, const Closure& v);
void to_json(nlohmann::json& j, const SearchSynonym& v);
void to_json(nlohmann::json& j, const BestBet& v);
void to_json(nlohmann::json& j, const LocalVariant& v);
void to_json(nlohmann::json& j, const Guide& v);

void from_json(const nlohmann::json& j, District& v);
void from_json(const nlohmann::json& j, Settlement& v);
void from_json(const nlohmann::json& j, Office& v);
void from_json(const nlohmann::json& j, Procedure& v);
void from_json(const nlohmann::json& j, Form& v);
void from_json(const nlohmann::json& j, Visit& v);
void from_json(const nlohmann::json& j, CalendarDay& v);
void from_json(const nlohmann::json& j, Closure& v);
void from_json(const nlohmann::json& j, SearchSynonym& v);
void from_json(const nlohmann::json& j, BestBet& v);
void from_json(const nlohmann::json& j, LocalVariant& v);
void from_json(const nlohmann::json& j, Guide& v);

// Calls `visit(c, offset)` for every byte of JSON `text` outside string literals, and for the quote
// that opens each (escapes handled), in order: what the structure scanners (depth limit, record line
// numbers) need without a parse.
template <typename Visit>
void scan_json_structure(std::string_view text, Visit&& visit) {
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    visit(c, i);
    if (c == '"') in_string = true;
  }
}

// Parses JSON text that nests at most `max_depth` arrays/objects; deeper input is refused before
// parsing (with nlohmann::json::parse_error-like std::invalid_argument), since serialising or
// comparing a value recurses once per level. Invalid UTF-8 is a parse error.
inline constexpr int kMaxJsonDepth = 32;
nlohmann::json parse_bounded_json(std::string_view text, int max_depth = kMaxJsonDepth);

// Thrown by parse_bounded_json for input nested deeper than allowed.
class JsonTooDeep : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace ugk::kb
