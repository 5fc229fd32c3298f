#include "service/knowledge_service.h"

#include <spdlog/spdlog.h>

#include "search/index_builder.h"
#include "search/searcher_pool.h"

namespace ugk::service {
namespace {

using nlohmann::json;

// How long an index may lag a committed write before readiness fails.
constexpr auto kIndexLagGrace = std::chrono::seconds(30);
// More changed records than this since the index's version: rebuild rather than update in place.
constexpr std::size_t kMaxIncrementalRecords = 2000;

kb::Store open_writer(const DataDir& dir) {
  if (!std::filesystem::exists(dir.database())) {
    throw std::runtime_error("no knowledge base in " + dir.root.string() + "; run `ugykalauz import --data-dir " +
                             dir.root.string() + " BUNDLE` first");
  }
  return kb::Store(dir.database(), kb::Store::Mode::kReadWrite);
}

std::shared_ptr<const kb::Catalog> load_catalog(const kb::Store& store) {
  return std::make_shared<const kb::Catalog>(store.load_all());
}

// A snapshot of `catalog`, reusing the previous hours calendar when its calendar tables are the same.
std::shared_ptr<const Snapshot> snapshot_of(std::shared_ptr<const kb::Catalog> catalog, const Snapshot* previous) {
  auto next = std::make_shared<Snapshot>();
  if (previous != nullptr && &previous->catalog->calendar_days() == &catalog->calendar_days() &&
      &previous->catalog->closures() == &catalog->closures()) {
    next->calendar = previous->calendar;
  } else {
    next->calendar = std::make_shared<const hours::HoursCalendar>(*catalog);
  }
  next->catalog = std::move(catalog);
  return next;
}

}  // namespace

KnowledgeService::KnowledgeService(DataDir data_dir, std::size_t searchers)
    : data_dir_(std::move(data_dir)), writer_(open_writer(data_dir_)) {
  auto catalog = load_catalog(writer_);
  const auto indexed = search::indexed_version(data_dir_.index());
  if (!indexed || *indexed != catalog->version()) {
    spdlog::warn("event=index_repair index_version={} store_version={}", indexed ? *indexed : -1, catalog->version());
    // A newer index than the store (a restored backup) or none at all: build from the store.
    if (!indexed || *indexed > catalog->version()) std::filesystem::remove_all(data_dir_.index());
    search::build_index(*catalog, data_dir_.index());
  }
  snapshot_ = snapshot_of(std::move(catalog), nullptr);
  searchers_ = std::make_unique<search::SearcherPool>(data_dir_.index(), searchers);
  indexer_ = std::jthread([this](std::stop_token stop) { run_indexer(stop); });
}

KnowledgeService::~KnowledgeService() {
  indexer_.request_stop();
  index_changed_.notify_all();
}

kb::Store KnowledgeService::read_store() const {
  return kb::Store(data_dir_.database(), kb::Store::Mode::kReadOnly);
}

std::shared_ptr<const Snapshot> KnowledgeService::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

void KnowledgeService::publish(std::shared_ptr<const kb::Catalog> catalog) {
  std::lock_guard lock(snapshot_mutex_);
  snapshot_ = snapshot_of(std::move(catalog), snapshot_.get());
}

bool KnowledgeService::refresh() {
  std::lock_guard write_lock(write_mutex_);
  const auto current = catalog();
  const std::int64_t stored = writer_.version();
  bool replaced = false;
  if (stored != current->version()) {
    publish(load_catalog(writer_));
    spdlog::info("event=catalog_refreshed version_before={} version_after={}", current->version(), stored);
    replaced = true;
  }
  const auto indexed = search::indexed_version(data_dir_.index());
  if (!indexed || *indexed < stored) schedule_index_update();
  return replaced;
}

std::shared_ptr<const kb::Catalog> KnowledgeService::transact(const Transaction& apply) {
  std::lock_guard write_lock(write_mutex_);
  kb::Store::WriteTransaction tx(writer_);
  std::shared_ptr<const kb::Catalog> base = catalog();
  // Another process (an import) changed the store since this catalog was loaded: decide on the
  // store's present state, read inside the transaction, never on a stale one.
  const bool stale = tx.version_before() != base->version();
  if (stale) base = load_catalog(writer_);
  const std::vector<Written> written = apply(tx, *base);
  tx.commit();
  std::shared_ptr<const kb::Catalog> next = base;
  for (const Written& w : written) next = next->with(w.kind, w.key, w.doc, w.version);
  publish(next);
  if (!written.empty() || stale) schedule_index_update();
  for (const Written& w : written) {
    spdlog::info("event=write kind={} id={} version={}", kb::to_string(w.kind), json(w.key).dump(), w.version);
  }
  return next;
}

void KnowledgeService::schedule_index_update() {
  {
    std::lock_guard lock(index_mutex_);
    index_dirty_ = true;
    if (!index_pending_since_) index_pending_since_ = std::chrono::steady_clock::now();
  }
  index_changed_.notify_all();
}

// Brings the index up to the newest catalog: the records changed since the index's version are
// re-indexed in place; a missing index or a long gap (a large import by another process) is rebuilt.
void KnowledgeService::update_index_once() {
  const auto snapshot = catalog();
  const auto indexed = search::indexed_version(data_dir_.index());
  if (indexed && *indexed >= snapshot->version()) return;
  if (indexed) {
    const auto changed = read_store().changed_records_since(*indexed, kMaxIncrementalRecords);
    if (changed.size() <= kMaxIncrementalRecords) {
      std::vector<search::RecordRef> refs;
      refs.reserve(changed.size());
      for (const auto& [kind, key] : changed) refs.push_back({kind, key});
      if (search::update_index(*snapshot, refs, data_dir_.index())) return;
    }
  }
  spdlog::info("event=index_rebuild index_version={} store_version={}", indexed ? *indexed : -1, snapshot->version());
  search::build_index(*snapshot, data_dir_.index());
}

// Coalesces bursts of writes: each round applies everything committed since the last one.
void KnowledgeService::run_indexer(std::stop_token stop) {
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(index_mutex_);
      index_changed_.wait(lock, stop, [this] { return index_dirty_; });
      if (stop.stop_requested()) return;
      index_dirty_ = false;
    }
    try {
      update_index_once();
    } catch (const std::exception& e) {
      spdlog::error("event=index_update_failed version={} error={}", catalog()->version(), json(e.what()).dump());
    }
    {
      std::lock_guard lock(index_mutex_);
      if (!index_dirty_) index_pending_since_.reset();
    }
    index_changed_.notify_all();
  }
}

bool KnowledgeService::wait_for_index(std::int64_t version, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto indexed = search::indexed_version(data_dir_.index());
    if (indexed && *indexed >= version) return true;
    std::unique_lock lock(index_mutex_);
    index_changed_.wait_for(lock, std::chrono::milliseconds(20));
  }
  return false;
}

Readiness KnowledgeService::readiness() const {
  Readiness r;
  // A write in this process commits to the store, then publishes the catalog and schedules the index
  // update, all under write_mutex_. Versions read while a write is between those steps differ without
  // anything being wrong, in whichever order they are read. So the three versions are read while
  // holding the write lock when it is free (a consistent view: the catalog and the index schedule
  // reflect every commit of this process), and a difference seen while a write holds it is that
  // write in flight. try_lock: a probe never waits for a long write.
  std::unique_lock write_lock(write_mutex_, std::try_to_lock);
  r.write_in_progress = !write_lock.owns_lock();
  try {
    r.store_version = read_store().version();
  } catch (const std::exception& e) {
    r.detail = std::string("az adatbázis nem olvasható (store unreadable): ") + e.what();
    return r;
  }
  r.catalog_version = catalog()->version();
  r.index_version = search::indexed_version(data_dir_.index());
  {
    std::lock_guard lock(index_mutex_);
    r.index_catching_up =
        r.write_in_progress ||
        (index_pending_since_ && std::chrono::steady_clock::now() - *index_pending_since_ < kIndexLagGrace);
  }
  if (!r.index_version) {
    r.detail = "nincs keresőindex (no search index)";
  } else if (*r.index_version < r.store_version && !r.index_catching_up) {
    r.detail = "a keresőindex nem az adatbázis aktuális változatát tükrözi (index version is behind the store)";
  } else if (r.catalog_version < r.store_version && !r.write_in_progress) {
    r.detail = "a betöltött tudásbázis elavult (catalog version is behind the store)";
  } else {
    r.ready = true;
  }
  return r;
}

search::SearchResult KnowledgeService::search(const search::SearchRequest& request) const {
  auto searcher = searchers_->acquire();
  return searcher->search(request);
}

std::vector<search::Suggestion> KnowledgeService::suggest(std::string_view prefix, std::size_t limit,
                                                          const std::vector<std::string>& offices) const {
  auto searcher = searchers_->acquire();
  return searcher->suggest(prefix, limit, offices);
}

ProcedureMatches KnowledgeService::match_procedures(const kb::Catalog& catalog, const std::string& text,
                                                    std::size_t limit, const std::vector<std::string>& offices) const {
  search::SearchRequest request;
  request.text = text;
  request.type = search::DocType::kProcedure;
  request.limit = limit;
  request.offices = offices;
  const search::SearchResult result = search(request);
  ProcedureMatches out;
  out.relaxed = result.relaxed;
  out.dropped_words = result.dropped_words;
  for (const auto& hit : result.hits) {
    // The index may be a moment ahead of or behind this catalog snapshot: skip ids it lacks.
    if (const kb::Procedure* p = catalog.procedure(hit.id)) out.candidates.push_back({p, hit.score});
  }
  return out;
}

std::vector<kb::Change> KnowledgeService::history(kb::RecordKind kind, const std::string& id, std::size_t limit) const {
  return read_store().history(kind, id, limit);
}

std::map<std::int64_t, std::string> KnowledgeService::change_times(const std::vector<std::int64_t>& seqs) const {
  return read_store().change_times(seqs);
}

std::optional<std::int64_t> KnowledgeService::first_change_since(std::string_view at) const {
  return read_store().first_change_since(at);
}

std::vector<kb::Change> KnowledgeService::changes_since(std::int64_t after_seq, std::size_t limit) const {
  return read_store().changes_since(after_seq, limit);
}

std::optional<kb::Verification> KnowledgeService::verification(kb::RecordKind kind, const std::string& id) const {
  return read_store().verification(kind, id);
}

std::vector<kb::Review> KnowledgeService::open_reviews(const std::optional<std::string>& office_id) const {
  return read_store().open_reviews(office_id);
}

std::optional<kb::ApiKeyRecord> KnowledgeService::find_key(const std::string& id) const {
  return read_store().key(id);
}

}  // namespace ugk::service
