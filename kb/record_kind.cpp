#include "kb/record_kind.h"

namespace ugk::kb {

const RecordKindInfo& info(RecordKind kind) {
  for (const auto& row : kRecordKinds) {
    if (row.kind == kind) return row;
  }
  return kRecordKinds.front();  // unreachable: the table has a row for every kind
}

std::string_view to_string(RecordKind kind) {
  return info(kind).name;
}

std::optional<RecordKind> parse_record_kind(std::string_view name) {
  for (const auto& row : kRecordKinds) {
    if (row.name == name) return row.kind;
  }
  return std::nullopt;
}

std::optional<RecordKind> kind_of_collection(std::string_view collection) {
  for (const auto& row : kRecordKinds) {
    if (row.collection == collection) return row.kind;
  }
  return std::nullopt;
}

}  // namespace ugk::kb
