// Checks the framing of the HTTP/1.x requests arriving on one connection before Pistache 0.0.5's
// parser sees them (ENGINEERING.md: that parser accepts conflicting Content-Lengths and odd
// Transfer-Encodings, reserves a declared body length up front, drops pipelined requests, waits for
// a timeout on garbage and answers its own errors as text/plain).
//
// The framer buffers a request's head until its blank line, checks it, and hands over one request at
// a time: the whole head, then its body bytes as they arrive, so the parser never holds more than one
// request and a declared length is refused before any body byte is read. The first refused request
// ends the connection: nothing after it is parsed (no request smuggling after an error).
//
// Pure logic, no Pistache types: unit-testable. Not thread-safe: one per connection.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/problem.h"

namespace ugk::api {

struct FramingLimits {
  std::size_t max_head_bytes = 16 * 1024;   // request line and headers; 431 above
  std::size_t max_request_bytes = 1 << 20;  // head and body; 413 above (declared length)
};

// A refused request: the problem to answer with (the connection is closed afterwards).
struct FramingRefusal {
  Problem problem;
  std::string path;  // the request target's path when the request line was readable (for Allow)
};

class RequestFramer {
 public:
  // Checks one header (name as sent, value without surrounding blanks) the way the HTTP layer will
  // parse it; false refuses the request with 400 naming the header.
  using HeaderCheck = std::function<bool(std::string_view name, std::string_view value)>;

  explicit RequestFramer(FramingLimits limits = {}, HeaderCheck check = {})
      : limits_(limits), check_(std::move(check)) {}

  struct Output {
    // Byte runs to parse in order; each ends at or before a request boundary, so feeding one at a
    // time never gives the parser bytes of two requests.
    std::vector<std::string> pieces;
    std::optional<FramingRefusal> refusal;  // set once; all later input is ignored
  };
  Output feed(std::string_view data);

  bool refused() const { return refused_; }
  // Ignores all further input (after an error the HTTP layer found in a request the framer passed).
  void close() { refused_ = true; }

 private:
  std::optional<FramingRefusal> check_head(std::string_view head);
  std::optional<FramingRefusal> check_partial_head() const;

  FramingLimits limits_;
  HeaderCheck check_;
  std::string head_;                // bytes of the current head not yet handed over
  std::size_t body_remaining_ = 0;  // body bytes of the current request still to come
  bool refused_ = false;
};

}  // namespace ugk::api
