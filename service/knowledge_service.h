// The running service's view of the knowledge base: the current catalog snapshot, the search index,
// the single writer, and the operations the API offers on them. Knows nothing of HTTP.
//
// Thread-safety: all public members may be called from any number of threads. Readers get an
// immutable catalog snapshot (swapped atomically, never waiting on a write or an index build);
// writes are serialised on one SQLite connection; the index is rebuilt by a background thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "kb/catalog.h"
#include "kb/routing.h"
#include "kb/store.h"
#include "search/search_types.h"
#include "search/searcher_pool.h"
#include "service/data_dir.h"

namespace ugk::service {

struct Readiness {
  bool ready = false;
  std::int64_t store_version = 0;
  std::int64_t catalog_version = 0;
  std::optional<std::int64_t> index_version;
  bool index_catching_up = false;  // a rebuild after a recent write is under way
  std::string detail;              // why not ready
};

struct ProcedureCandidate {
  const kb::Procedure* procedure = nullptr;
  double score = 0;
};

// One record write: create or replace (`doc`) or delete (nullopt), if its version is still
// `expected_version` (0: must not exist).
struct WriteRequest {
  std::string kind;  // store table: "offices", "visits", "supplements", ...
  std::string id;
  std::optional<nlohmann::json> doc;
  std::int64_t expected_version = 0;
  std::string actor;
};

class KnowledgeService {
 public:
  // Loads the catalog from the store and repairs the index when it lags behind the store (a crash
  // between a commit and its index update leaves exactly that state).
  explicit KnowledgeService(DataDir data_dir, std::size_t searchers = 4);
  ~KnowledgeService();
  KnowledgeService(const KnowledgeService&) = delete;
  KnowledgeService& operator=(const KnowledgeService&) = delete;

  std::shared_ptr<const kb::Catalog> catalog() const;

  // Reloads the catalog when the store was changed by another process (an `import`) and schedules
  // an index rebuild when the index lags. Returns true when the catalog was replaced.
  bool refresh();

  Readiness readiness() const;

  search::SearchResult search(const search::SearchRequest& request) const;

  // Search-box completions (titles, keywords) for `prefix`, best first.
  std::vector<search::Suggestion> suggest(std::string_view prefix, std::size_t limit) const;
  std::vector<ProcedureCandidate> match_procedures(const kb::Catalog& catalog, const std::string& text,
                                                   std::size_t limit) const;

  // Commits one record change, publishes a catalog with it, and schedules the index update.
  // Returns the record's new version. Throws kb::VersionConflict.
  std::int64_t write(const WriteRequest& request);
  void verify(const std::string& kind, const std::string& id, const std::string& actor);

  // Read-only store queries (each on its own short-lived connection).
  std::vector<kb::Change> history(const std::string& kind, const std::string& id, std::size_t limit) const;
  std::vector<kb::Change> changes_since(std::int64_t after_seq, std::size_t limit) const;
  std::optional<kb::Verification> verification(const std::string& kind, const std::string& id) const;
  std::optional<kb::ApiKeyRecord> find_key(const std::string& id) const;

  // Blocks until the index reflects at least `version` or `timeout` passes (tests, CLI).
  bool wait_for_index(std::int64_t version, std::chrono::milliseconds timeout) const;

 private:
  std::shared_ptr<const kb::Catalog> load_catalog(const kb::Store& store) const;
  kb::Store read_store() const;
  void publish(std::shared_ptr<const kb::Catalog> catalog);
  void schedule_index_update();
  void run_indexer(std::stop_token stop);

  DataDir data_dir_;
  mutable search::SearcherPool searchers_;

  mutable std::mutex catalog_mutex_;  // guards catalog_ only; held for a pointer copy or swap
  std::shared_ptr<const kb::Catalog> catalog_;

  std::mutex write_mutex_;  // serialises writes and refreshes
  kb::Store writer_;

  mutable std::mutex index_mutex_;
  mutable std::condition_variable_any index_changed_;
  bool index_dirty_ = false;
  std::optional<std::chrono::steady_clock::time_point> index_pending_since_;
  std::jthread indexer_;  // last member: stopped and joined first
};

}  // namespace ugk::service
