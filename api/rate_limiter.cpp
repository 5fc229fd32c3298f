#include "api/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace ugk::api {
namespace {

// Bounds memory under a flood of distinct clients: forget idle entries once the tables grow large.
constexpr std::size_t kMaxTrackedClients = 10000;

std::chrono::seconds ceil_seconds(std::chrono::steady_clock::duration d) {
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(d));
}

}  // namespace

std::optional<std::chrono::seconds> RateLimiter::auth_failed(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  prune(now);
  Failures& f = failures_[client];
  if (f.locked_until && *f.locked_until > now) return ceil_seconds(*f.locked_until - now);
  if (f.count == 0 || now - f.window_start > limits_.failure_window || f.locked_until) {
    f = Failures{0, now, std::nullopt};
  }
  if (++f.count < limits_.max_auth_failures) return std::nullopt;
  f.locked_until = now + limits_.lockout;
  return ceil_seconds(limits_.lockout);
}

std::optional<std::chrono::seconds> RateLimiter::take_write(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  prune(now);
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{limits_.write_burst, now});
  Bucket& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.updated).count();
  b.tokens = std::min(limits_.write_burst, b.tokens + elapsed * limits_.writes_per_second);
  b.updated = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return std::nullopt;
  }
  return std::chrono::seconds(static_cast<long>(std::ceil((1 - b.tokens) / limits_.writes_per_second)));
}

void RateLimiter::prune(Clock::time_point now) {
  if (failures_.size() > kMaxTrackedClients) {
    std::erase_if(failures_, [&](const auto& e) {
      return now - e.second.window_start > limits_.failure_window &&
             (!e.second.locked_until || *e.second.locked_until <= now);
    });
  }
  if (buckets_.size() > kMaxTrackedClients) {
    std::erase_if(buckets_, [&](const auto& e) { return now - e.second.updated > std::chrono::minutes(5); });
  }
}

}  // namespace ugk::api
