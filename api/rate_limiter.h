// Throttling of failed authentications and of write floods. Thread-safe.
//
// Authentication failures are counted per client address *and* presented key id, and only ever turn
// a failure (401) into a slower failure (429): a valid key is always accepted, so neither a guessing
// neighbour behind the same reverse proxy nor someone replaying a known key id can lock an editor out.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace ugk::api {

struct RateLimits {
  int max_auth_failures = 10;  // within the window, then failures answer 429
  std::chrono::seconds failure_window{60};
  std::chrono::seconds lockout{60};  // how long failures keep answering 429
  double writes_per_second = 20;     // token bucket per client
  double write_burst = 60;
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimits limits = {}) : limits_(limits) {}

  // Records a failed authentication by `client` ("<address>|<presented key id>"); returns the wait to
  // announce when its failures exceeded the limit (answer 429 rather than 401 then).
  std::optional<std::chrono::seconds> auth_failed(const std::string& client, Clock::time_point now = Clock::now());
  // Takes one write token; the wait in seconds when there is none.
  std::optional<std::chrono::seconds> take_write(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Failures {
    int count = 0;
    Clock::time_point window_start;
    std::optional<Clock::time_point> locked_until;
  };
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void prune(Clock::time_point now);

  RateLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace ugk::api
