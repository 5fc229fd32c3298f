// A pool of Searchers shared by request-handling threads: each request leases one Searcher for its
// duration, so no Xapian object is ever used by two threads at once and none is reopened per request.
//
//   SearcherPool pool(index_root);
//   auto lease = pool.acquire();          // may throw IndexUnavailable
//   SearchResult r = lease->search(req);
//
// Thread-safety: acquire() and lease destruction are thread-safe. A Lease is used by one thread. The
// pool must outlive its leases.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "search/searcher.h"

namespace ugk::search {

class SearcherPool {
 public:
  // Keeps at most `max_idle` Searchers open between requests; more are created under load and
  // closed when returned to a full pool.
  explicit SearcherPool(std::filesystem::path index_root, std::size_t max_idle = 16);
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;

  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Searcher* operator->() const { return searcher_.get(); }
    Searcher& operator*() const { return *searcher_; }

   private:
    friend class SearcherPool;
    Lease(SearcherPool* pool, std::unique_ptr<Searcher> searcher) : pool_(pool), searcher_(std::move(searcher)) {}
    void release();

    SearcherPool* pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  // An idle Searcher, or a newly opened one (which throws IndexUnavailable if there is no index).
  Lease acquire();

  std::size_t idle_count() const;

 private:
  void give_back(std::unique_ptr<Searcher> searcher);

  const std::filesystem::path root_;
  const std::size_t max_idle_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
};

}  // namespace ugk::search
