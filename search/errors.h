// Exceptions of the search library. Expected conditions (empty query, no match) are results, not errors.
#pragma once

#include <stdexcept>
#include <string>

namespace ugk::search {

// There is no usable index under the index root (never built, CURRENT missing or pointing nowhere).
// Callers typically answer 503 and/or trigger a rebuild.
class IndexUnavailable : public std::runtime_error {
 public:
  explicit IndexUnavailable(const std::string& message) : std::runtime_error(message) {}
};

// The index kept changing under a read (the indexer committed every time it was tried again): a
// transient state, answered 503 with Retry-After rather than as a failure.
class IndexBusy : public std::runtime_error {
 public:
  explicit IndexBusy(const std::string& message) : std::runtime_error(message) {}
};

// Building or reading the index failed (I/O, corruption, a Xapian error); a std::exception so that
// callers need no Xapian headers to catch it.
class IndexError : public std::runtime_error {
 public:
  explicit IndexError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace ugk::search
