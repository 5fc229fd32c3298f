#include "api/metrics.h"

#include <cstdio>

#include "kb/record_kind.h"

namespace ugk::api {
namespace {

constexpr std::size_t kBuckets = Metrics::kLatencyBuckets.size() + 1;  // the last one is +Inf

constexpr std::array<const char*, 4> kRateLimitedNames = {"write", "auth", "feedback", "opens"};
constexpr std::array<const char*, 4> kFeedbackNames = {"stored", "duplicate", "honeypot", "too_fast"};
constexpr std::array<const char*, 3> kLinkNames = {"ok", "caution", "broken"};

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

template <std::size_t N>
void counter_family(std::string& out, const char* name, const char* help, const char* label,
                    const std::array<const char*, N>& names, const std::array<std::atomic<std::uint64_t>, N>& values) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n";
  for (std::size_t i = 0; i < N; ++i) {
    out += std::string(name) + "{" + label + "=\"" + names[i] + "\"} " +
           std::to_string(values[i].load(std::memory_order_relaxed)) + "\n";
  }
}

}  // namespace

struct Metrics::Series {
  struct Slot {
    std::atomic<int> status{0};  // 0: free; claimed once by compare-exchange, never released
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_ns{0};
    std::array<std::atomic<std::uint64_t>, kBuckets> buckets{};  // per bucket, not cumulative
  };
  std::array<Slot, kStatusSlots + 1> slots;  // the last one: status="other"
};

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

void Metrics::bind_routes(const RouteTable& routes) {
  labels_.clear();
  for (const Route& route : routes.routes()) labels_.emplace_back(std::string(to_string(route.method)), route.pattern);
  route_count_ = labels_.size();
  labels_.emplace_back("", "unmatched");
  series_ = std::make_unique<Series[]>(labels_.size());
  write_kinds_.clear();
  for (const kb::RecordKindInfo& info : kb::kRecordKinds) write_kinds_.emplace_back(info.collection);
  writes_ = std::make_unique<std::atomic<std::uint64_t>[]>(write_kinds_.size());
}

void Metrics::observe_request(std::size_t route, int status, double seconds) {
  if (!series_ || route >= labels_.size()) return;
  Series& series = series_[route];
  Series::Slot* slot = &series.slots[kStatusSlots];
  for (std::size_t i = 0; i < kStatusSlots; ++i) {
    int seen = series.slots[i].status.load(std::memory_order_acquire);
    if (seen == 0 && series.slots[i].status.compare_exchange_strong(seen, status, std::memory_order_acq_rel)) {
      seen = status;
    }
    if (seen == status) {
      slot = &series.slots[i];
      break;
    }
  }
  std::size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;
  slot->buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  slot->sum_ns.fetch_add(static_cast<std::uint64_t>(seconds * 1e9), std::memory_order_relaxed);
  slot->count.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::count_write(std::string_view kind) {
  for (std::size_t i = 0; i < write_kinds_.size(); ++i) {
    if (write_kinds_[i] == kind) writes_[i].fetch_add(1, std::memory_order_relaxed);
  }
}

void Metrics::count_rate_limited(RateLimited limit) {
  rate_limited_[static_cast<std::size_t>(limit)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::count_feedback(FeedbackOutcome outcome) {
  feedback_[static_cast<std::size_t>(outcome)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::count_link_check(LinkOutcome outcome) {
  link_checks_[static_cast<std::size_t>(outcome)].fetch_add(1, std::memory_order_relaxed);
}

std::string prometheus_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Metrics::render() const {
  std::string out;
  out +=
      "# HELP ugk_http_requests_total HTTP requests answered, per route template and status.\n"
      "# TYPE ugk_http_requests_total counter\n";
  std::string latency =
      "# HELP ugk_http_request_duration_seconds Time to answer a request (handler and rendering), per route "
      "template and status.\n"
      "# TYPE ugk_http_request_duration_seconds histogram\n";
  for (std::size_t r = 0; r < labels_.size(); ++r) {
    const Series& series = series_[r];
    for (std::size_t i = 0; i <= kStatusSlots; ++i) {
      const Series::Slot& slot = series.slots[i];
      const std::uint64_t count = slot.count.load(std::memory_order_relaxed);
      if (count == 0) continue;
      const std::string status = i == kStatusSlots ? "other" : std::to_string(slot.status.load());
      const std::string labels = "method=\"" + labels_[r].first + "\",route=\"" + prometheus_label(labels_[r].second) +
                                 "\",status=\"" + status + "\"";
      out += "ugk_http_requests_total{" + labels + "} " + std::to_string(count) + "\n";
      // Buckets are read one by one while requests continue: the cumulative counts are made
      // consistent with the +Inf bucket (= _count) by construction.
      std::uint64_t cumulative = 0;
      for (std::size_t b = 0; b < kLatencyBuckets.size(); ++b) {
        cumulative += slot.buckets[b].load(std::memory_order_relaxed);
        if (cumulative > count) cumulative = count;
        latency += "ugk_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number(kLatencyBuckets[b]) +
                   "\"} " + std::to_string(cumulative) + "\n";
      }
      latency += "ugk_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(count) + "\n";
      latency += "ugk_http_request_duration_seconds_sum{" + labels + "} " +
                 number(static_cast<double>(slot.sum_ns.load(std::memory_order_relaxed)) / 1e9) + "\n";
      latency += "ugk_http_request_duration_seconds_count{" + labels + "} " + std::to_string(count) + "\n";
    }
  }
  out += latency;
  out +=
      "# HELP ugk_writes_total Records written through the editing API, per record kind.\n"
      "# TYPE ugk_writes_total counter\n";
  for (std::size_t i = 0; i < write_kinds_.size(); ++i) {
    out += "ugk_writes_total{kind=\"" + write_kinds_[i] + "\"} " +
           std::to_string(writes_[i].load(std::memory_order_relaxed)) + "\n";
  }
  counter_family(out, "ugk_rate_limited_total", "Requests refused with 429, per limit.", "limit", kRateLimitedNames,
                 rate_limited_);
  counter_family(out, "ugk_feedback_total", "Citizen feedback submissions, per outcome.", "outcome", kFeedbackNames,
                 feedback_);
  counter_family(out, "ugk_link_checks_total", "Links checked by this process, per outcome.", "outcome", kLinkNames,
                 link_checks_);
  return out;
}

}  // namespace ugk::api
