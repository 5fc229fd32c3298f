// SQLite store: the source of truth of the knowledge base.
//
// Thread-safety: a Store owns one SQLite connection and must not be shared between threads; open
// one Store per thread (WAL mode lets readers run beside the single writer).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

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

// A stored record's JSON document and its version (the id of its last change; the ETag).
struct StoredRecord {
  nlohmann::json doc;
  std::int64_t version = 0;
};

// One entry of the change log: what changed, when, by whom, and which fields (old and new values).
struct Change {
  std::int64_t seq = 0;
  std::string at;
  std::string kind;
  std::string record_id;
  std::string op;      // add, change, remove
  std::string actor;   // "import" or the API key id
  std::string source;  // bundle path or "api"
  nlohmann::json diff;  // [{"field", "old", "new"}]; field "*" for a whole added/removed record
};

struct Verification {
  std::string at;
  std::string actor;
};

struct ApiKeyRecord {
  std::string id;
  std::string name;
  std::string role;  // admin, editor, reader
  std::vector<std::string> offices;
  std::vector<std::string> origins;
  std::string secret_hash;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// A write whose expected version is not the record's current one (0 = the record does not exist).
class VersionConflict : public std::runtime_error {
 public:
  explicit VersionConflict(std::int64_t current)
      : std::runtime_error("record version conflict"), current_(current) {}
  std::int64_t current() const { return current_; }

 private:
  std::int64_t current_;
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

  // --- Single records (the editing API). `kind` is a table name: "offices", "procedures", ...
  static bool is_record_kind(std::string_view kind);
  std::optional<StoredRecord> get(std::string_view kind, std::string_view id) const;
  std::int64_t record_version(std::string_view kind, std::string_view id) const;
  // Creates, replaces (`doc`) or deletes (nullopt) one record in one IMMEDIATE transaction, provided
  // its current version is `expected_version` (0: it must not exist); else throws VersionConflict.
  // Returns the new change id.
  std::int64_t write(std::string_view kind, std::string_view id, const std::optional<nlohmann::json>& doc,
                     std::int64_t expected_version, std::string_view actor);

  // Newest first.
  std::vector<Change> history(std::string_view kind, std::string_view id, std::size_t limit) const;
  // Commit order, after `after_seq`.
  std::vector<Change> changes_since(std::int64_t after_seq, std::size_t limit) const;
  // "kind/id" -> version, for every record ever changed.
  std::unordered_map<std::string, std::int64_t> record_versions() const;

  void verify(std::string_view kind, std::string_view id, std::string_view actor);
  std::optional<Verification> verification(std::string_view kind, std::string_view id) const;

  void add_key(const ApiKeyRecord& key);
  std::vector<ApiKeyRecord> keys() const;
  bool revoke_key(std::string_view id);

 private:
  std::int64_t append_change(std::string_view kind, std::string_view id, std::string_view op, std::string_view actor,
                             std::string_view source, const nlohmann::json& diff);

  mutable SQLite::Database db_;
};

}  // namespace ugk::kb
