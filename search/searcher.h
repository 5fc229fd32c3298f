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

#include "search/analyzer.h"
#include "search/query_builder.h"
#include "search/search_types.h"

namespace ugk::search {

class Searcher {
 public:
  // Opens the current generation. Throws IndexUnavailable if there is none.
  explicit Searcher(std::filesystem::path index_root);

  // Empty or stop-word-only text gives an empty result. Throws IndexUnavailable only if the index
  // has become unreadable; Xapian errors other than a concurrent modification propagate.
  SearchResult search(const SearchRequest& request);

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
  SearchResult run(const SearchRequest& request);

  std::filesystem::path root_;
  CurrentStamp stamp_;
  std::uint64_t generation_ = 0;
  Xapian::Database db_;
  std::int64_t kb_version_ = 0;
  std::unique_ptr<Analyzer> analyzer_;  // rebuilt per generation: stop words come from the index
  std::unique_ptr<QueryBuilder> query_builder_;
};

}  // namespace ugk::search
