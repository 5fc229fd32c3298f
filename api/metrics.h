// Operations metrics, rendered in the Prometheus text exposition format (version 0.0.4) by /metrics.
//
// One Metrics object is owned by whoever runs the server (cli `serve`) and handed to the server and
// the endpoint groups; there is no global registry. Request series are one per route of the route
// table (its method and pattern, never the raw path, so the label set stays bounded) plus one for
// requests that matched no route, each split by status code.
//
// Thread-safety: bind_routes() is called once before serving; every observe/count member is
// lock-free (relaxed atomics) and may be called from any thread; render() may run concurrently with
// them (a scrape sees each counter at some recent value).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/route_table.h"

namespace ugk::api {

// What the counters count besides requests; the label values are fixed here.
enum class RateLimited { kWrite, kAuth, kFeedback, kOpens };
enum class FeedbackOutcome { kStored, kDuplicate, kHoneypot, kTooFast };
enum class LinkOutcome { kOk, kCaution, kBroken };

class Metrics {
 public:
  // Latency histogram bucket bounds in seconds (+Inf is implicit).
  static constexpr std::array<double, 13> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                             0.1,    0.25,  0.5,    1,     2.5,  5};
  static constexpr std::size_t kStatusSlots = 8;  // distinct statuses per route; more go to status="other"

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One request series per route of `routes`, in its order (the index observe_request takes).
  void bind_routes(const RouteTable& routes);
  // The series of requests that matched no route (unknown paths, methods not allowed).
  std::size_t unmatched() const { return route_count_; }

  void observe_request(std::size_t route, int status, double seconds);
  void count_write(std::string_view kind);  // a record kind's collection name, e.g. "procedures"
  void count_rate_limited(RateLimited limit);
  void count_feedback(FeedbackOutcome outcome);
  void count_link_check(LinkOutcome outcome);

  // The counters above as exposition text (HELP, TYPE, samples), ending with a newline.
  std::string render() const;

 private:
  struct Series;
  std::vector<std::pair<std::string, std::string>> labels_;  // (method, pattern) per route, then unmatched
  std::unique_ptr<Series[]> series_;
  std::size_t route_count_ = 0;

  std::vector<std::string> write_kinds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> writes_;
  std::array<std::atomic<std::uint64_t>, 4> rate_limited_{};
  std::array<std::atomic<std::uint64_t>, 4> feedback_{};
  std::array<std::atomic<std::uint64_t>, 3> link_checks_{};
};

// A label value escaped for the text format (backslash, double quote, line feed).
std::string prometheus_label(std::string_view value);

}  // namespace ugk::api
