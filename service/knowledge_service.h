// The running service's view of the knowledge base: the current catalog snapshot, the search index
// and the operations the API offers on them (search, route). Knows nothing of HTTP.
//
// Thread-safety: all public members may be called from any number of threads. The catalog is an
// immutable snapshot swapped atomically on refresh; searchers are leased from a pool.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kb/catalog.h"
#include "kb/routing.h"
#include "search/search_types.h"
#include "search/searcher_pool.h"
#include "service/data_dir.h"

namespace ugk::service {

struct Readiness {
  bool ready = false;
  std::int64_t store_version = 0;
  std::int64_t catalog_version = 0;
  std::optional<std::int64_t> index_version;
  std::string detail;  // why not ready
};

struct ProcedureCandidate {
  const kb::Procedure* procedure = nullptr;
  double score = 0;
};

class KnowledgeService {
 public:
  // Loads the catalog from the store and opens the index, rebuilding it when it lags behind the
  // store (a crash between an import's commit and its index build leaves exactly that state).
  explicit KnowledgeService(DataDir data_dir, std::size_t searchers = 4);

  std::shared_ptr<const kb::Catalog> catalog() const;

  // Reloads the catalog (and rebuilds the index if needed) when the store has changed, e.g. after an
  // `import` by another process. Returns true when something was reloaded.
  bool refresh();

  Readiness readiness() const;

  search::SearchResult search(const search::SearchRequest& request) const;

  // Procedures best matching `text`, best first (at most `limit`).
  std::vector<ProcedureCandidate> match_procedures(const kb::Catalog& catalog, const std::string& text,
                                                   std::size_t limit) const;

 private:
  std::shared_ptr<const kb::Catalog> load_catalog() const;
  void ensure_index(const kb::Catalog& catalog) const;

  DataDir data_dir_;
  mutable std::mutex mutex_;  // guards catalog_ and serialises refresh()
  std::shared_ptr<const kb::Catalog> catalog_;
  mutable search::SearcherPool searchers_;
};

}  // namespace ugk::service
