// Throttling of failed authentications and of write floods, per client. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace ugk::api {

struct RateLimits {
  int max_auth_failures = 10;                      // within the window, then locked out
  std::chrono::seconds failure_window{60};
  std::chrono::seconds lockout{60};
  double writes_per_second = 20;                   // token bucket per client
  double write_burst = 60;
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimits limits = {}) : limits_(limits) {}

  // Seconds to wait when `client` is locked out after repeated authentication failures.
  std::optional<std::chrono::seconds> locked_out(const std::string& client, Clock::time_point now = Clock::now());
  void record_auth_failure(const std::string& client, Clock::time_point now = Clock::now());
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
