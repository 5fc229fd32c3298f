// Full-text search over the current index generation.
//
// Thread-safety: not thread-safe (Xapian objects are not); use one Searcher per thread, e.g. through
// SearcherPool. A Searcher is cheap to keep open: each search first checks (one stat call) whether
// CURRENT changed and switches to the new generation if so.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/analyzer.h"
#include "search/compounds.h"
#include "search/query_builder.h"
#include "search/search_types.h"
#include "search/synonyms.h"

namespace ugk::search {

class Searcher {
 public:
  // Opens the current generation. Throws IndexUnavailable if there is none.
  explicit Searcher(std::filesystem::path index_root);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Empty or stop-word-only text gives an empty result. Throws IndexUnavailable only if the index
  // has become unreadable; Xapian errors other than a concurrent modification propagate.
  SearchResult search(const SearchRequest& request);

  // Completions of `prefix` (procedure/form titles and keywords whose text, or one of whose words,
  // starts with it; accents and case ignored), best first: matches at the start of the text, then
  // the offices' own titles, procedures, titles and shorter texts first. Local titles are offered
  // only for `offices` (see SearchRequest::offices). Empty for an empty prefix.
  std::vector<Suggestion> suggest(std::string_view prefix, std::size_t limit,
                                  const std::vector<std::string>& offices = {});

  // Knowledge-base version the current generation was built from.
  std::int64_t kb_version();

 private:
  // Identity of the CURRENT file as last seen; a rename gives a new inode.
  struct CurrentStamp {
    std::uint64_t inode = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t size = 0;
    bool operator==(const CurrentStamp&) const = default;
  };

  void open_current();
  void refresh_if_changed();
  // Picks up in-place updates of the open generation (cheap when there is none).
  void reopen_generation();
  SearchResult run(const SearchRequest& request);
  Xapian::Query filtered(Xapian::Query query, const SearchRequest& request) const;
  // Whether any document in the request's scope matches `query`.
  bool matches_any(const Xapian::Query& query, const SearchRequest& request) const;
  // Relaxation (see SearchResult::relaxed): the query to run instead of `parsed.query`, with the flag
  // and the dropped words set in `result`; `parsed.query` itself when every word matches together.
  // `loosened`: the words were loosened (nothing matched any of them as typed).
  Xapian::Query relaxed_query(ParsedQuery& parsed, const SearchRequest& request, SearchResult& result, bool& loosened);
  std::vector<Suggestion> nearest_suggestions(const SearchRequest& request);

  std::filesystem::path root_;
  CurrentStamp stamp_;
  std::uint64_t generation_ = 0;
  Xapian::Database db_;
  std::int64_t kb_version_ = 0;
  std::string analysis_revision_;
  // Everything below is rebuilt per generation: stop words, synonyms, the compound lexicon and the
  // completions come from the index.
  struct Generation;
  std::unique_ptr<Generation> current_;
};

}  // namespace ugk::search
