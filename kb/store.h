// SQLite store: the source of truth of the knowledge base.
//
// Every record kind of kb/record_kind.h is a table of (key, JSON document); every change is logged
// with its field diff, and its log id is the record's version (its ETag) and the store's version.
//
// Thread-safety: a Store owns one SQLite connection and must not be shared between threads; open
// one Store per thread (WAL mode lets readers run beside the single writer).
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/api_key_record.h"
#include "kb/content.h"
#include "kb/model.h"
#include "kb/quality.h"
#include "kb/record_kind.h"

namespace ugk::kb {

struct ChangeCounts {
  int added = 0;
  int changed = 0;
  int removed = 0;
  int unchanged = 0;
  bool operator==(const ChangeCounts&) const = default;
};

struct ImportSummary {
  std::map<RecordKind, ChangeCounts> by_kind;  // kinds the bundle carried
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
  RecordKind kind = RecordKind::kOffice;
  std::string record_id;
  std::string op;       // add, change, remove
  std::string actor;    // "import", "migration" or the API key id
  std::string source;   // bundle path, "api" or the migration
  nlohmann::json diff;  // [{"field", "old", "new"}]; field "*" for a whole added/removed record
};

struct Verification {
  std::string at;
  std::string actor;
};

// A local variant that a change of its national procedure may have made outdated: the change touched
// fields the variant overrides. Open until the office verifies or edits the variant.
struct Review {
  std::int64_t id = 0;
  std::string variant_id;
  std::string procedure_id;
  std::string office_id;
  std::int64_t change_seq = 0;      // the national change
  std::vector<std::string> fields;  // variant fields that override what the change touched
  std::string flagged_at;
  std::string flagged_by;  // who changed the national text
  std::optional<std::string> cleared_at;
  std::optional<std::string> cleared_by;
};

// A write whose expected version is not the record's current one (0 = the record does not exist).
class VersionConflict : public std::runtime_error {
 public:
  explicit VersionConflict(std::int64_t current) : std::runtime_error("record version conflict"), current_(current) {}
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
  // Content, version and record versions from one read transaction: consistent with each other.
  StoredContent load_all() const;

  // Makes the stored content equal to `bundle` in one IMMEDIATE transaction: all or nothing.
  // Kinds in `absent` (optional files the bundle does not have) are left as they are. Unchanged
  // records are not touched, so re-importing the same bundle changes nothing.
  ImportSummary replace_contents(const Bundle& bundle, std::string_view source,
                                 const std::set<RecordKind>& absent = {});

  std::optional<StoredRecord> get(RecordKind kind, std::string_view id) const;
  std::int64_t record_version(RecordKind kind, std::string_view id) const;

  // One IMMEDIATE transaction of record writes and their side effects (reviews, verifications):
  // everything is committed together by commit(), or nothing if the transaction is destroyed first.
  class WriteTransaction {
   public:
    explicit WriteTransaction(Store& store);
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    // The store version when the transaction began (nobody else can write until it ends).
    std::int64_t version_before() const { return version_before_; }
    std::optional<StoredRecord> get(RecordKind kind, std::string_view id) const;
    // Creates or replaces (`doc`) or deletes (nullopt) a record, provided its current version is
    // `expected_version` (0: it must not exist); else throws VersionConflict. Returns the change id.
    std::int64_t put(RecordKind kind, std::string_view id, const std::optional<nlohmann::json>& doc,
                     std::int64_t expected_version, std::string_view actor);
    void flag_review(const Review& review);
    // Closes every open review of the variant; returns how many were open.
    int clear_reviews(std::string_view variant_id, std::string_view actor);
    void verify(RecordKind kind, std::string_view id, std::string_view actor);
    void commit();

   private:
    Store& store_;
    SQLite::Transaction tx_;
    std::int64_t version_before_;
  };

  // Newest first.
  std::vector<Change> history(RecordKind kind, std::string_view id, std::size_t limit) const;
  // Commit order, after `after_seq`.
  std::vector<Change> changes_since(std::int64_t after_seq, std::size_t limit) const;
  // The distinct records changed after `after_seq` (kind, key), at most `limit` + 1 so that a caller
  // can tell "more than limit" without reading them all.
  std::vector<std::pair<RecordKind, std::string>> changed_records_since(std::int64_t after_seq,
                                                                        std::size_t limit) const;

  // When each of the changes `seqs` was made (UTC, "YYYY-MM-DDTHH:MM:SSZ"); unknown seqs are left out.
  std::map<std::int64_t, std::string> change_times(const std::vector<std::int64_t>& seqs) const;
  // The first change made at or after `at` (same format), or nullopt when there is none: a record
  // whose version is at least that seq was changed at or after `at`.
  std::optional<std::int64_t> first_change_since(std::string_view at) const;

  std::optional<Verification> verification(RecordKind kind, std::string_view id) const;
  // Open reviews, of one office or of all (nullopt), oldest first.
  std::vector<Review> open_reviews(const std::optional<std::string>& office_id) const;

  void add_key(const ApiKeyRecord& key);
  std::vector<ApiKeyRecord> keys() const;
  std::optional<ApiKeyRecord> key(std::string_view id) const;
  bool revoke_key(std::string_view id);

  // Service quality (kb/quality.h; store_quality.cpp). Feedback is appended, never changed.
  void add_feedback(const Feedback& feedback);
  // Feedback counted by office, week and answers, since `since_day` ("YYYY-MM-DD"; nullopt: all).
  std::vector<FeedbackCount> feedback_counts(const std::optional<std::string>& since_day) const;
  // The newest feedback with a comment, newest first.
  std::vector<Feedback> recent_comments(std::size_t limit) const;
  // Replaces the stored result of each checked URL (one transaction) and bumps links_run().
  void put_link_checks(const std::vector<LinkCheck>& checks);
  std::vector<LinkCheck> link_checks() const;
  // Increases with every put_link_checks, so readers can tell when to reload.
  std::int64_t links_run() const;
  // Search analytics (kb/quality.h): adds the counts to the stored daily roll-ups (one transaction).
  void add_search_counts(const std::vector<SearchDayCount>& searches, const std::vector<OpenDayCount>& opens);
  // The roll-ups of the days from `filter.since_day` on, summed by week, query or surface; with
  // `failed_only` only queries that found nothing or only by relaxing; the largest `limit` groups
  // (by searches) for queries and surfaces, every week in order for weeks.
  std::vector<SearchTotal> search_totals(const SearchFilter& filter, SearchGroup group, std::size_t limit,
                                         bool failed_only = false) const;
  // The most opened results of the days from `filter.since_day` on.
  std::vector<OpenTotal> open_totals(const SearchFilter& filter, std::size_t limit) const;
  // Deletes the roll-ups of days before `before_day` (the retention limit); returns the rows deleted.
  std::int64_t prune_search_counts(const std::string& before_day);
  // When each verified record was last verified: (table name of its kind, id) -> UTC time.
  std::map<std::pair<std::string, std::string>, std::string> verification_times() const;

  // Online backup into `target` (SQLite's backup API: consistent while writers continue).
  void backup_to(const std::filesystem::path& target) const;

 private:
  std::int64_t append_change(RecordKind kind, std::string_view id, std::string_view op, std::string_view actor,
                             std::string_view source, const nlohmann::json& diff);

  mutable SQLite::Database db_;
};

}  // namespace ugk::kb
