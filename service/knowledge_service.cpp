#include "service/knowledge_service.h"

#include <spdlog/spdlog.h>

#include "kb/json_codec.h"
#include "search/index_builder.h"

namespace ugk::service {
namespace {

using nlohmann::json;

// How long an index may lag a committed write before readiness fails.
constexpr auto kIndexLagGrace = std::chrono::seconds(30);

kb::Store open_writer(const DataDir& dir) {
  if (!std::filesystem::exists(dir.database())) {
    throw std::runtime_error("no knowledge base in " + dir.root.string() + "; run `ugykalauz import --data-dir " +
                             dir.root.string() + " BUNDLE` first");
  }
  return kb::Store(dir.database(), kb::Store::Mode::kReadWrite);
}

// Replaces, adds or removes one record of a bundle vector in place.
template <typename T, typename KeyFn>
void patch_records(std::vector<T>& records, const std::string& id, const std::optional<json>& doc, KeyFn key) {
  auto it = std::find_if(records.begin(), records.end(), [&](const T& r) { return key(r) == id; });
  if (!doc) {
    if (it != records.end()) records.erase(it);
    return;
  }
  T value = doc->get<T>();
  if (it != records.end()) {
    *it = std::move(value);
  } else {
    records.push_back(std::move(value));
  }
}

void patch_bundle(kb::Bundle& b, const std::string& kind, const std::string& id, const std::optional<json>& doc) {
  auto by_id = [](const auto& r) -> const std::string& { return r.id; };
  if (kind == "offices") return patch_records(b.offices, id, doc, by_id);
  if (kind == "procedures") return patch_records(b.procedures, id, doc, by_id);
  if (kind == "forms") return patch_records(b.forms, id, doc, by_id);
  if (kind == "visits") return patch_records(b.visits, id, doc, by_id);
  if (kind == "closures") return patch_records(b.closures, id, doc, by_id);
  if (kind == "supplements") return patch_records(b.supplements, id, doc, by_id);
  if (kind == "calendar_days") {
    return patch_records(b.calendar_days, id, doc, [](const kb::CalendarDay& d) -> const std::string& { return d.date; });
  }
  if (kind == "settlements") {
    return patch_records(b.settlements, id, doc, [](const kb::Settlement& s) -> const std::string& { return s.ksh_code; });
  }
  if (kind == "districts") {
    return patch_records(b.districts, id, doc, [](const kb::District& d) -> const std::string& { return d.code; });
  }
  throw std::invalid_argument("unknown record kind " + kind);
}

}  // namespace

KnowledgeService::KnowledgeService(DataDir data_dir, std::size_t searchers)
    : data_dir_(std::move(data_dir)), searchers_(data_dir_.index(), searchers), writer_(open_writer(data_dir_)) {
  catalog_ = load_catalog(writer_);
  const auto indexed = search::indexed_version(data_dir_.index());
  if (!indexed || *indexed != catalog_->version()) {
    spdlog::warn("event=index_repair index_version={} store_version={}", indexed ? *indexed : -1, catalog_->version());
    search::build_index(catalog_->content(), catalog_->version(), data_dir_.index());
  }
  indexer_ = std::jthread([this](std::stop_token stop) { run_indexer(stop); });
}

KnowledgeService::~KnowledgeService() {
  indexer_.request_stop();
  index_changed_.notify_all();
}

kb::Store KnowledgeService::read_store() const { return kb::Store(data_dir_.database(), kb::Store::Mode::kReadOnly); }

std::shared_ptr<const kb::Catalog> KnowledgeService::load_catalog(const kb::Store& store) const {
  // Read the version before the content: if a write lands in between, the version is older than the
  // content and the next refresh loads again, never the other way round.
  const std::int64_t version = store.version();
  auto versions = store.record_versions();
  return std::make_shared<const kb::Catalog>(store.load(), version, std::move(versions));
}

std::shared_ptr<const kb::Catalog> KnowledgeService::catalog() const {
  std::lock_guard lock(catalog_mutex_);
  return catalog_;
}

void KnowledgeService::publish(std::shared_ptr<const kb::Catalog> catalog) {
  std::lock_guard lock(catalog_mutex_);
  catalog_ = std::move(catalog);
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

std::int64_t KnowledgeService::write(const WriteRequest& request) {
  std::lock_guard write_lock(write_mutex_);
  const std::int64_t seq = writer_.write(request.kind, request.id, request.doc, request.expected_version, request.actor);
  const auto current = catalog();
  kb::Bundle next = current->content();
  patch_bundle(next, request.kind, request.id, request.doc);
  auto versions = current->record_versions();
  versions[request.kind + "/" + request.id] = seq;
  publish(std::make_shared<const kb::Catalog>(std::move(next), seq, std::move(versions)));
  schedule_index_update();
  spdlog::info("event=write kind={} id=\"{}\" version={} actor={}", request.kind, request.id, seq, request.actor);
  return seq;
}

void KnowledgeService::verify(const std::string& kind, const std::string& id, const std::string& actor) {
  std::lock_guard write_lock(write_mutex_);
  writer_.verify(kind, id, actor);
}

void KnowledgeService::schedule_index_update() {
  {
    std::lock_guard lock(index_mutex_);
    index_dirty_ = true;
    if (!index_pending_since_) index_pending_since_ = std::chrono::steady_clock::now();
  }
  index_changed_.notify_all();
}

// Coalesces bursts of writes into one rebuild from the newest catalog.
void KnowledgeService::run_indexer(std::stop_token stop) {
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(index_mutex_);
      index_changed_.wait(lock, stop, [this] { return index_dirty_; });
      if (stop.stop_requested()) return;
      index_dirty_ = false;
    }
    const auto snapshot = catalog();
    try {
      search::build_index(snapshot->content(), snapshot->version(), data_dir_.index());
    } catch (const std::exception& e) {
      spdlog::error("event=index_update_failed version={} error=\"{}\"", snapshot->version(), e.what());
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
  r.catalog_version = catalog()->version();
  try {
    r.store_version = read_store().version();
  } catch (const std::exception& e) {
    r.detail = std::string("az adatbázis nem olvasható (store unreadable): ") + e.what();
    return r;
  }
  r.index_version = search::indexed_version(data_dir_.index());
  {
    std::lock_guard lock(index_mutex_);
    r.index_catching_up =
        index_pending_since_ && std::chrono::steady_clock::now() - *index_pending_since_ < kIndexLagGrace;
  }
  if (!r.index_version) {
    r.detail = "nincs keresőindex (no search index)";
  } else if (*r.index_version != r.store_version && !r.index_catching_up) {
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

std::vector<search::Suggestion> KnowledgeService::suggest(std::string_view prefix, std::size_t limit) const {
  auto searcher = searchers_.acquire();
  return searcher->suggest(prefix, limit);
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

std::vector<kb::Change> KnowledgeService::history(const std::string& kind, const std::string& id,
                                                  std::size_t limit) const {
  return read_store().history(kind, id, limit);
}

std::vector<kb::Change> KnowledgeService::changes_since(std::int64_t after_seq, std::size_t limit) const {
  return read_store().changes_since(after_seq, limit);
}

std::optional<kb::Verification> KnowledgeService::verification(const std::string& kind, const std::string& id) const {
  return read_store().verification(kind, id);
}

std::optional<kb::ApiKeyRecord> KnowledgeService::find_key(const std::string& id) const {
  for (auto& key : read_store().keys()) {
    if (key.id == id) return key;
  }
  return std::nullopt;
}

}  // namespace ugk::service
