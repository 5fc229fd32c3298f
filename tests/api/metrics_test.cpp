// api::Metrics: one series per route template and status, cumulative histogram buckets, counters.
#include "api/metrics.h"

#include <gtest/gtest.h>

#include <thread>

namespace ugk::api {
namespace {

RouteTable two_routes() {
  RouteTable table;
  table.get("/v1/offices/:id", [](const Request&) { return Response{}; });
  table.add(Method::kPost, "/v1/feedback", [](const Request&) { return Response{}; });
  return table;
}

TEST(MetricsTest, RequestSeriesPerRouteAndStatus) {
  const RouteTable table = two_routes();
  Metrics metrics;
  metrics.bind_routes(table);
  metrics.observe_request(0, 200, 0.0007);
  metrics.observe_request(0, 200, 0.3);
  metrics.observe_request(0, 404, 0.0001);
  metrics.observe_request(metrics.unmatched(), 404, 0.0001);
  const std::string text = metrics.render();
  EXPECT_NE(text.find("ugk_http_requests_total{method=\"GET\",route=\"/v1/offices/:id\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ugk_http_requests_total{method=\"GET\",route=\"/v1/offices/:id\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("ugk_http_requests_total{method=\"\",route=\"unmatched\",status=\"404\"} 1\n"),
            std::string::npos);
  // Cumulative: 1 at 1 ms, 2 from 0.5 s.
  EXPECT_NE(text.find("route=\"/v1/offices/:id\",status=\"200\",le=\"0.001\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("route=\"/v1/offices/:id\",status=\"200\",le=\"0.25\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("route=\"/v1/offices/:id\",status=\"200\",le=\"0.5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("route=\"/v1/offices/:id\",status=\"200\",le=\"+Inf\"} 2\n"), std::string::npos);
  // A route nobody asked for has no samples.
  EXPECT_EQ(text.find("route=\"/v1/feedback\""), std::string::npos);
}

TEST(MetricsTest, MoreStatusesThanSlotsGoToOther) {
  const RouteTable table = two_routes();
  Metrics metrics;
  metrics.bind_routes(table);
  for (int status = 200; status < 200 + static_cast<int>(Metrics::kStatusSlots) + 3; ++status) {
    metrics.observe_request(1, status, 0.001);
  }
  EXPECT_NE(metrics.render().find("route=\"/v1/feedback\",status=\"other\"} 3\n"), std::string::npos);
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  const RouteTable table = two_routes();
  Metrics metrics;
  metrics.bind_routes(table);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&metrics, t] {
        for (int i = 0; i < 10000; ++i) metrics.observe_request(0, 200 + (i + t) % 3, 0.001);
      });
    }
  }
  const std::string text = metrics.render();
  std::uint64_t total = 0;
  for (int status : {200, 201, 202}) {
    const std::string key =
        "ugk_http_requests_total{method=\"GET\",route=\"/v1/offices/:id\",status=\"" + std::to_string(status) + "\"} ";
    const auto at = text.find(key);
    ASSERT_NE(at, std::string::npos) << status;
    total += std::stoull(text.substr(at + key.size()));
  }
  EXPECT_EQ(total, 40000u);
}

TEST(MetricsTest, CountersAndLabelEscaping) {
  Metrics metrics;
  metrics.bind_routes(RouteTable{});
  metrics.count_write("procedures");
  metrics.count_rate_limited(RateLimited::kFeedback);
  metrics.count_feedback(FeedbackOutcome::kHoneypot);
  metrics.count_link_check(LinkOutcome::kBroken);
  const std::string text = metrics.render();
  EXPECT_NE(text.find("ugk_writes_total{kind=\"procedures\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ugk_rate_limited_total{limit=\"feedback\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("ugk_feedback_total{outcome=\"honeypot\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("ugk_link_checks_total{outcome=\"broken\"} 1\n"), std::string::npos);
  EXPECT_EQ(prometheus_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace ugk::api
