// A validation problem found while reading a bundle: where it is (file, record, line, field) and
// what is wrong (Hungarian, English in parentheses). Plain value type; thread-compatible.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace ugk::importers {

struct Problem {
  std::string file;                 // path relative to the bundle root, e.g. "procedures.json"
  std::string record;               // "id=..." / "ksh_code=..."; empty if file-level
  std::optional<std::size_t> line;  // 1-based
  std::string field;                // column or dotted field; empty if whole record/file
  std::string message;              // Hungarian (English)
  bool operator==(const Problem&) const = default;
};

// One line: "procedures.json:123: id=x: competence.authority: ismeretlen érték ...". Empty parts
// are left out.
std::string format(const Problem& problem);

}  // namespace ugk::importers
