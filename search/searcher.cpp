#include "search/searcher.h"

#include <sys/stat.h>

#include <charconv>
#include <limits>

#include "search/document_builder.h"
#include "search/errors.h"
#include "search/index_layout.h"
#include "search/snippet.h"
#include "search/terms.h"

namespace ugk::search {
namespace {

// BM25 with milder length normalisation than the default b=0.75: procedures have long descriptions
// and should not lose against a short office record that merely mentions a word.
constexpr double kK1 = 1.2;
constexpr double kK2 = 0.0;
constexpr double kK3 = 1.0;
constexpr double kB = 0.5;
constexpr double kMinNormLen = 0.5;

std::optional<std::int64_t> parse_version(const std::string& value) {
  std::int64_t version = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return version;
}

// Xapian counts documents in 32 bits; larger offsets or limits mean "everything" anyway.
Xapian::doccount to_doccount(std::size_t n) {
  constexpr auto kMax = std::numeric_limits<Xapian::doccount>::max();
  return n > kMax ? kMax : static_cast<Xapian::doccount>(n);
}

}  // namespace

Searcher::Searcher(std::filesystem::path index_root) : root_(std::move(index_root)) { open_current(); }

void Searcher::open_current() {
  // Stamp first: if CURRENT changes between the stat and the read, the next search sees a changed
  // stamp and opens again, so a swap is never missed.
  struct stat st {};
  if (::stat(layout::current_file(root_).c_str(), &st) != 0) {
    throw IndexUnavailable("no search index under " + root_.string());
  }
  const CurrentStamp stamp{static_cast<std::uint64_t>(st.st_ino),
                           static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
                           static_cast<std::int64_t>(st.st_size)};
  const auto generation = layout::read_current(root_);
  if (!generation) throw IndexUnavailable("malformed " + layout::current_file(root_).string());
  if (analyzer_ && *generation == generation_) {
    stamp_ = stamp;
    return;
  }

  Xapian::Database db;
  try {
    db = Xapian::Database(layout::generation_dir(root_, *generation).string());
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw IndexUnavailable("cannot open search index generation " + std::to_string(*generation) + ": " +
                           e.get_msg());
  }
  const auto version = parse_version(db.get_metadata(std::string(terms::kKbVersionKey)));
  if (!version) throw IndexUnavailable("search index generation without kb_version");

  auto analyzer =
      std::make_unique<Analyzer>(parse_stopwords(db.get_metadata(std::string(terms::kStopWordsKey))));
  auto query_builder = std::make_unique<QueryBuilder>(*analyzer);
  db_ = std::move(db);
  generation_ = *generation;
  kb_version_ = *version;
  stamp_ = stamp;
  analyzer_ = std::move(analyzer);
  query_builder_ = std::move(query_builder);
}

void Searcher::refresh_if_changed() {
  struct stat st {};
  // A vanished CURRENT (index root being cleaned up) keeps the open generation serving.
  if (::stat(layout::current_file(root_).c_str(), &st) != 0) return;
  const CurrentStamp stamp{static_cast<std::uint64_t>(st.st_ino),
                           static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
                           static_cast<std::int64_t>(st.st_size)};
  if (stamp != stamp_) open_current();
}

std::int64_t Searcher::kb_version() {
  refresh_if_changed();
  return kb_version_;
}

SearchResult Searcher::search(const SearchRequest& request) {
  refresh_if_changed();
  try {
    return run(request);
  } catch (const Xapian::DatabaseModifiedError&) {
    // Generations are immutable, so this is rare; reopen() catches up and one retry suffices.
    db_.reopen();
    return run(request);
  }
}

SearchResult Searcher::run(const SearchRequest& request) {
  const ParsedQuery parsed = query_builder_->build(request.text, db_);
  if (parsed.query.empty()) return {};

  Xapian::Query query = parsed.query;
  if (request.type) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(terms::type_term(*request.type)));
  }
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(kK1, kK2, kK3, kB, kMinNormLen));
  const Xapian::MSet mset = enquire.get_mset(to_doccount(request.offset), to_doccount(request.limit));

  SearchResult result;
  result.total = mset.get_matches_estimated();
  result.hits.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    StoredDocument stored = decode_stored_document(it.get_document().get_data());
    Hit hit;
    hit.type = stored.type;
    hit.id = std::move(stored.id);
    hit.title = std::move(stored.title);
    hit.snippet = make_snippet(stored.text, *analyzer_, parsed);
    hit.score = it.get_weight();
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace ugk::search
