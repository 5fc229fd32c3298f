#include "api/route_table.h"

#include <gtest/gtest.h>

#include "api/problem.h"
#include "search/concurrent_read.h"
#include "search/errors.h"

namespace ugk::api {
namespace {

TEST(RouteTable, MatchesPatternsAndCollectsParameters) {
  std::map<std::string, std::string> params;
  EXPECT_TRUE(match_pattern("/v1/procedures/:id/supplements/:office", "/v1/procedures/p1/supplements/koh-1", &params));
  EXPECT_EQ(params["id"], "p1");
  EXPECT_EQ(params["office"], "koh-1");
  EXPECT_FALSE(match_pattern("/v1/offices/:id", "/v1/offices", nullptr));
  EXPECT_FALSE(match_pattern("/v1/offices/:id", "/v1/offices/a/b", nullptr));
  EXPECT_TRUE(match_pattern("/healthz", "/healthz/", nullptr));
}

TEST(RouteTable, ListsTheMethodsOfAPathForAllowHeaders) {
  RouteTable table;
  const Handler ok = [](const Request&) { return Response{}; };
  table.get("/v1/offices/:id", ok);
  table.add(Method::kPatch, "/v1/offices/:id", ok);
  table.add(Method::kPost, "/v1/offices", ok);
  EXPECT_EQ(table.methods_for("/v1/offices/x"), (std::vector<Method>{Method::kGet, Method::kPatch}));
  EXPECT_TRUE(table.methods_for("/v1/nothing").empty());
}

TEST(Dispatch, TurnsErrorsIntoProblemDetailsWithoutLeakingInternals) {
  const Response bad = dispatch([](const Request&) -> Response { throw bad_parameter("q", "hiányzik"); }, Request{});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.content_type, "application/problem+json");
  const Response boom =
      dispatch([](const Request&) -> Response { throw std::runtime_error("secret path /etc"); }, Request{});
  EXPECT_EQ(boom.status, 500);
  EXPECT_EQ(boom.body.find("secret"), std::string::npos);
  const Response odd = dispatch([](const Request&) -> Response { throw 42; }, Request{});
  EXPECT_EQ(odd.status, 500);
}

TEST(Dispatch, AnIndexThatKeepsChangingOrIsMissingIsA503WithRetryAfterNotA500) {
  // The real retry helper, with every attempt overtaken by a commit.
  int attempts = 0;
  const Response busy = dispatch(
      [&](const Request&) -> Response {
        return search::read_while_indexer_commits(
            [&]() -> Response {
              ++attempts;
              throw Xapian::DatabaseModifiedError("the indexer committed again");
            },
            [] {});
      },
      Request{});
  EXPECT_EQ(attempts, search::kConcurrentReadAttempts);
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.content_type, "application/problem+json");
  const auto retry =
      std::find_if(busy.headers.begin(), busy.headers.end(), [](const auto& h) { return h.first == "Retry-After"; });
  ASSERT_NE(retry, busy.headers.end());
  EXPECT_EQ(retry->second, "1");
  EXPECT_NE(busy.body.find("próbálja újra"), std::string::npos) << "says what to do next";
  const Response missing =
      dispatch([](const Request&) -> Response { throw search::IndexUnavailable("no index under /data"); }, Request{});
  EXPECT_EQ(missing.status, 503);
  EXPECT_EQ(missing.body.find("/data"), std::string::npos) << "no internals leak";
}

}  // namespace
}  // namespace ugk::api
