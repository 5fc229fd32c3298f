#include "service/knowledge_service.h"

#include <spdlog/spdlog.h>

#include "kb/store.h"
#include "search/index_builder.h"

namespace ugk::service {

KnowledgeService::KnowledgeService(DataDir data_dir, std::size_t searchers)
    : data_dir_(std::move(data_dir)), searchers_(data_dir_.index(), searchers) {
  if (!std::filesystem::exists(data_dir_.database())) {
    throw std::runtime_error("no knowledge base in " + data_dir_.root.string() +
                             "; run `ugykalauz import --data-dir " + data_dir_.root.string() + " BUNDLE` first");
  }
  catalog_ = load_catalog();
  ensure_index(*catalog_);
}

std::shared_ptr<const kb::Catalog> KnowledgeService::load_catalog() const {
  kb::Store store(data_dir_.database(), kb::Store::Mode::kReadOnly);
  // Read the version before the content: if a write lands in between, the version is older than the
  // content and the next refresh loads again, never the other way round.
  const std::int64_t version = store.version();
  return std::make_shared<const kb::Catalog>(store.load(), version);
}

void KnowledgeService::ensure_index(const kb::Catalog& catalog) const {
  const auto indexed = search::indexed_version(data_dir_.index());
  if (indexed && *indexed == catalog.version()) return;
  spdlog::warn("index at version {} lags the store at version {}: rebuilding", indexed ? *indexed : -1,
               catalog.version());
  search::build_index(catalog.content(), catalog.version(), data_dir_.index());
}

std::shared_ptr<const kb::Catalog> KnowledgeService::catalog() const {
  std::lock_guard lock(mutex_);
  return catalog_;
}

bool KnowledgeService::refresh() {
  std::lock_guard lock(mutex_);
  const std::int64_t stored = kb::Store(data_dir_.database(), kb::Store::Mode::kReadOnly).version();
  const auto indexed = search::indexed_version(data_dir_.index());
  if (stored == catalog_->version() && indexed && *indexed == stored) return false;
  auto fresh = stored == catalog_->version() ? catalog_ : load_catalog();
  ensure_index(*fresh);
  spdlog::info("knowledge base refreshed: version {} -> {}", catalog_->version(), fresh->version());
  catalog_ = std::move(fresh);
  return true;
}

Readiness KnowledgeService::readiness() const {
  Readiness r;
  r.catalog_version = catalog()->version();
  try {
    r.store_version = kb::Store(data_dir_.database(), kb::Store::Mode::kReadOnly).version();
  } catch (const std::exception& e) {
    r.detail = std::string("az adatbázis nem olvasható (store unreadable): ") + e.what();
    return r;
  }
  r.index_version = search::indexed_version(data_dir_.index());
  if (!r.index_version) {
    r.detail = "nincs keresőindex (no search index)";
  } else if (*r.index_version != r.store_version) {
    r.detail = "a keresőindex nem az adatbázis aktuális változatát tükrözi (index version differs from store version)";
  } else if (r.catalog_version != r.store_version) {
    r.detail = "a betöltött tudásbázis elavult (catalog version differs from store version)";
  } else {
    r.ready = true;
  }
  return r;
}

search::SearchResult KnowledgeService::search(const search::SearchRequest& request) const {
  auto searcher = searchers_.acquire();
  return searcher->search(request);
}

std::vector<ProcedureCandidate> KnowledgeService::match_procedures(const kb::Catalog& catalog,
                                                                   const std::string& text,
                                                                   std::size_t limit) const {
  search::SearchRequest request;
  request.text = text;
  request.type = search::DocType::kProcedure;
  request.limit = limit;
  std::vector<ProcedureCandidate> out;
  for (const auto& hit : search(request).hits) {
    // The index may be a moment ahead of or behind this catalog snapshot: skip ids it lacks.
    if (const kb::Procedure* p = catalog.procedure(hit.id)) out.push_back({p, hit.score});
  }
  return out;
}

}  // namespace ugk::service
