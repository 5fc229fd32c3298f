// The pool hands each thread its own Searcher for the duration of a lease and reuses them.
#include "search/searcher_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "search/errors.h"
#include "search/index_builder.h"
#include "test_support.h"

namespace ugk::search {
namespace {

TEST(SearcherPool, ALeaseReturnsItsSearcherForReuse) {
  const testing::TempDir dir;
  build_index(testing::data_bundle(), 1, dir.path());
  SearcherPool pool(dir.path());
  Searcher* first = nullptr;
  {
    auto lease = pool.acquire();
    first = &*lease;
    EXPECT_FALSE(lease->search({"hagyaték", {}, 1, 0}).hits.empty());
    EXPECT_EQ(pool.idle_count(), 0u);
  }
  EXPECT_EQ(pool.idle_count(), 1u);
  auto again = pool.acquire();
  EXPECT_EQ(&*again, first);
}

TEST(SearcherPool, ConcurrentLeasesGetDistinctSearchers) {
  const testing::TempDir dir;
  build_index(testing::data_bundle(), 1, dir.path());
  SearcherPool pool(dir.path());
  auto a = pool.acquire();
  auto b = pool.acquire();
  EXPECT_NE(&*a, &*b);
}

TEST(SearcherPool, KeepsAtMostMaxIdleSearchers) {
  const testing::TempDir dir;
  build_index(testing::data_bundle(), 1, dir.path());
  SearcherPool pool(dir.path(), 1);
  {
    auto a = pool.acquire();
    auto b = pool.acquire();
  }
  EXPECT_EQ(pool.idle_count(), 1u);
}

TEST(SearcherPool, AMovedLeaseReturnsItsSearcherOnce) {
  const testing::TempDir dir;
  build_index(testing::data_bundle(), 1, dir.path());
  SearcherPool pool(dir.path());
  {
    auto a = pool.acquire();
    auto b = std::move(a);
    EXPECT_EQ(b->kb_version(), 1);
  }
  EXPECT_EQ(pool.idle_count(), 1u);
}

TEST(SearcherPool, ManyThreadsSearchConcurrentlyWhileTheIndexIsRebuilt) {
  const testing::TempDir dir;
  build_index(testing::data_bundle(), 1, dir.path());
  SearcherPool pool(dir.path(), 4);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto lease = pool.acquire();
        if (lease->search({"lakcímkártya", DocType::kProcedure, 3, 0}).hits.empty()) ++failures;
      }
    });
  }
  for (std::int64_t version = 2; version <= 4; ++version) build_index(testing::data_bundle(), version, dir.path());
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(pool.acquire()->kb_version(), 4);
}

TEST(SearcherPool, AcquireThrowsIndexUnavailableWithoutAnIndex) {
  const testing::TempDir dir;
  SearcherPool pool(dir.path());
  EXPECT_THROW(pool.acquire(), IndexUnavailable);
}

}  // namespace
}  // namespace ugk::search
