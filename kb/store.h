// SQLite store: the source of truth of the knowledge base.
//
// Thread-safety: a Store owns one SQLite connection and must not be shared between threads; open
// one Store per thread (WAL mode lets readers run beside the single writer).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <SQLiteCpp/Database.h>

#include "kb/model.h"

namespace ugk::kb {

struct ChangeCounts {
  int added = 0;
  int changed = 0;
  int removed = 0;
  int unchanged = 0;
  bool operator==(const ChangeCounts&) const = default;
};

struct ImportSummary {
  // Keyed by record kind: "districts", "settlements", "offices", "procedures", "forms", "visits",
  // "calendar_days", "closures".
  std::map<std::string, ChangeCounts> by_kind;
  std::int64_t version_before = 0;
  std::int64_t version_after = 0;
  bool changed() const { return version_after != version_before; }
};

class Store {
 public:
  enum class Mode { kReadOnly, kReadWrite };

  // Opens the database file (creating it in read-write mode) and brings the schema up to date.
  explicit Store(const std::filesystem::path& db_file, Mode mode = Mode::kReadWrite);

  // Schema version (PRAGMA user_version) this build writes.
  static int latest_schema_version();
  int schema_version() const;

  // Id of the last recorded change; 0 for an empty store. Equal versions mean equal content.
  std::int64_t version() const;

  Bundle load() const;

  // Makes the stored content equal to `bundle` in one IMMEDIATE transaction: all or nothing.
  // Unchanged records are not touched, so re-importing the same bundle changes nothing.
  ImportSummary replace_contents(const Bundle& bundle, std::string_view source);

 private:
  mutable SQLite::Database db_;
};

}  // namespace ugk::kb
