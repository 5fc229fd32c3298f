#include "search/searcher_pool.h"

namespace ugk::search {

SearcherPool::SearcherPool(std::filesystem::path index_root, std::size_t max_idle)
    : root_(std::move(index_root)), max_idle_(max_idle) {}

SearcherPool::Lease SearcherPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Searcher> searcher = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(searcher));
    }
  }
  // Opening reads the index from disk: do it outside the lock so other threads are not held up.
  return Lease(this, std::make_unique<Searcher>(root_));
}

std::size_t SearcherPool::idle_count() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(searcher));
}

SearcherPool::Lease::Lease(Lease&& other) noexcept : pool_(other.pool_), searcher_(std::move(other.searcher_)) {}

SearcherPool::Lease& SearcherPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = other.pool_;
    searcher_ = std::move(other.searcher_);
  }
  return *this;
}

SearcherPool::Lease::~Lease() {
  release();
}

void SearcherPool::Lease::release() {
  if (searcher_) pool_->give_back(std::move(searcher_));
}

}  // namespace ugk::search
