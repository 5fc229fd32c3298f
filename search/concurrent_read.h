// Reading a Xapian database that the indexer commits to in place can fail for that moment: a reader
// two commits behind gets DatabaseModifiedError, an open that meets a commit DatabaseOpeningError.
// Both are transient, so the read is tried again (after `recover`, e.g. a reopen), a few times; the
// last DatabaseModifiedError becomes IndexBusy (a 503 for the client, never a 500); an open that keeps
// failing is rethrown for the caller to report the index unavailable. Under a steady stream of writes
// one retry can be overtaken by the next commit (seen as a 500 in the soak and a flapping /readyz).
#pragma once

#include <xapian.h>

#include "search/errors.h"

namespace ugk::search {

inline constexpr int kConcurrentReadAttempts = 5;

template <typename Read, typename Recover>
auto read_while_indexer_commits(Read&& read, Recover&& recover) {
  for (int attempt = 1;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kConcurrentReadAttempts) throw IndexBusy("the index changed during every read: " + e.get_msg());
    } catch (const Xapian::DatabaseOpeningError&) {
      // Still unopenable after the retries: no longer a commit in progress but a missing or broken
      // generation, which the caller reports as such (IndexUnavailable).
      if (attempt == kConcurrentReadAttempts) throw;
    }
    recover();
  }
}

}  // namespace ugk::search
