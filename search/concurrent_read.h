// Reading a Xapian database that the indexer commits to in place can fail for that moment: a reader
// two commits behind gets DatabaseModifiedError, an open that meets a commit DatabaseOpeningError.
// Both are transient, so the read is tried again (after `recover`, e.g. a reopen), a few times; the
// last failure is rethrown. Under a steady stream of writes one retry can be overtaken by the next
// commit (seen as a 500 in the soak and a flapping /readyz under load).
#pragma once

#include <xapian.h>

namespace ugk::search {

inline constexpr int kConcurrentReadAttempts = 5;

template <typename Read, typename Recover>
auto read_while_indexer_commits(Read&& read, Recover&& recover) {
  for (int attempt = 1;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kConcurrentReadAttempts) throw;
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt == kConcurrentReadAttempts) throw;
    }
    recover();
  }
}

}  // namespace ugk::search
