// The running service's view of the knowledge base: the current snapshot (catalog and hours
// calendar), the search index, the single writer, and the reads the API offers on them. Knows
// nothing of HTTP; its header pulls in neither Xapian nor SQLite's C++ wrapper beyond kb/store.h.
//
// Thread-safety: all public members may be called from any number of threads. Readers get an
// immutable snapshot (swapped atomically, never waiting on a write or an index update); writes are
// serialised on one SQLite connection; a background thread applies each write to the index in
// place, within about a second (a full rebuild only when the index is missing or far behind).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "hours/office_hours.h"
#include "kb/catalog.h"
#include "kb/store.h"
#include "search/search_types.h"
#include "service/data_dir.h"

namespace ugk::search {
class SearcherPool;
}

namespace ugk::service {

struct Readiness {
  bool ready = false;
  std::int64_t store_version = 0;
  std::int64_t catalog_version = 0;
  std::optional<std::int64_t> index_version;
  bool index_catching_up = false;  // an update after a recent write is under way
  bool write_in_progress = false;  // a write or refresh held the writer while the versions were read
  std::string detail;              // why not ready
};

// What one request reads: a catalog and the hours calendar of its calendar days and closures.
struct Snapshot {
  std::shared_ptr<const kb::Catalog> catalog;
  std::shared_ptr<const hours::HoursCalendar> calendar;
};

struct ProcedureCandidate {
  const kb::Procedure* procedure = nullptr;
  double score = 0;
};

// Procedures matching a free text, and whether the search had to relax it (search::SearchResult).
struct ProcedureMatches {
  std::vector<ProcedureCandidate> candidates;
  bool relaxed = false;
  std::vector<std::string> dropped_words;
};

// A record a write transaction wrote: its new document (nullopt: deleted) and version.
struct Written {
  kb::RecordKind kind = kb::RecordKind::kOffice;
  std::string key;
  std::optional<nlohmann::json> doc;
  std::int64_t version = 0;
};

class KnowledgeService {
 public:
  // Loads the catalog from the store (migrating its schema) and repairs the index when it lags
  // behind the store (a crash between a commit and its index update leaves exactly that state).
  explicit KnowledgeService(DataDir data_dir, std::size_t searchers = 4);
  ~KnowledgeService();
  KnowledgeService(const KnowledgeService&) = delete;
  KnowledgeService& operator=(const KnowledgeService&) = delete;

  std::shared_ptr<const Snapshot> snapshot() const;
  std::shared_ptr<const kb::Catalog> catalog() const { return snapshot()->catalog; }

  // Reloads the catalog when the store was changed by another process (an `import`) and schedules
  // an index update when the index lags. Returns true when the catalog was replaced.
  bool refresh();

  Readiness readiness() const;

  search::SearchResult search(const search::SearchRequest& request) const;
  // Search-box completions (titles, keywords) for `prefix`, best first; `offices` as in
  // SearchRequest::offices.
  std::vector<search::Suggestion> suggest(std::string_view prefix, std::size_t limit,
                                          const std::vector<std::string>& offices = {}) const;
  // Procedures (national, or local-only of `offices`) matching a free text, best first.
  ProcedureMatches match_procedures(const kb::Catalog& catalog, const std::string& text, std::size_t limit,
                                    const std::vector<std::string>& offices = {}) const;

  // Runs `apply` in one IMMEDIATE transaction of the single writer, with the catalog that the
  // transaction's starting state is (reloaded first when another process changed the store). Commits,
  // publishes a snapshot with the records `apply` returns, schedules the index update, and returns the
  // new catalog. An exception from `apply` rolls everything back and propagates.
  using Transaction = std::function<std::vector<Written>(kb::Store::WriteTransaction&, const kb::Catalog&)>;
  std::shared_ptr<const kb::Catalog> transact(const Transaction& apply);

  // Read-only store queries (each on its own short-lived connection).
  std::vector<kb::Change> history(kb::RecordKind kind, const std::string& id, std::size_t limit) const;
  std::vector<kb::Change> changes_since(std::int64_t after_seq, std::size_t limit) const;
  std::map<std::int64_t, std::string> change_times(const std::vector<std::int64_t>& seqs) const;
  std::optional<std::int64_t> first_change_since(std::string_view at) const;
  std::optional<kb::Verification> verification(kb::RecordKind kind, const std::string& id) const;
  std::vector<kb::Review> open_reviews(const std::optional<std::string>& office_id) const;
  std::optional<kb::ApiKeyRecord> find_key(const std::string& id) const;

  // Blocks until the index reflects at least `version` or `timeout` passes (tests, CLI).
  bool wait_for_index(std::int64_t version, std::chrono::milliseconds timeout) const;

 private:
  kb::Store read_store() const;
  void publish(std::shared_ptr<const kb::Catalog> catalog);
  void schedule_index_update();
  void run_indexer(std::stop_token stop);
  void update_index_once();

  DataDir data_dir_;
  std::unique_ptr<search::SearcherPool> searchers_;

  mutable std::mutex snapshot_mutex_;  // guards snapshot_ only; held for a pointer copy or swap
  std::shared_ptr<const Snapshot> snapshot_;

  mutable std::mutex write_mutex_;  // serialises writes and refreshes; readiness try-locks it
  kb::Store writer_;

  mutable std::mutex index_mutex_;
  mutable std::condition_variable_any index_changed_;
  bool index_dirty_ = false;
  std::optional<std::chrono::steady_clock::time_point> index_pending_since_;
  std::jthread indexer_;  // last member: stopped and joined first
};

}  // namespace ugk::service
