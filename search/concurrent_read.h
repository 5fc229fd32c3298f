// Reading a Xapian database that the indexer commits to in place can fail for that moment: a reader
// two commits behind gets DatabaseModifiedError, an open that meets a commit DatabaseOpeningError.
// Both are transient, so the read is tried again (after `recover`, e.g. a reopen), a few times; the
// last failure becomes IndexBusy (a 503 for the client, never a 500). Under a steady stream of writes
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
    } catch (const Xapian::DatabaseOpeningError& e) {
      if (attempt == kConcurrentReadAttempts)
        throw IndexBusy("the index could not be opened during a commit: " + e.get_msg());
    }
    recover();
  }
}

}  // namespace ugk::search
