// The endpoint functions in-process: the real route table over a KnowledgeService on the reference
// data, called with plain Requests (no socket), as handlers are unit-tested (userver style).
#include "api/endpoints.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "api/openapi_document.h"
#include "api/problem.h"
#include "importers/bundle_reader.h"
#include "kb/store.h"
#include "tests/support/temp_dir.h"

namespace ugk::api {
namespace {

using nlohmann::json;

class Endpoints : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    auto read = importers::read_bundle(std::filesystem::path(UGK_SOURCE_DIR) / "data");
    ASSERT_TRUE(read.ok());
    {
      kb::Store store(service::DataDir{dir_->path()}.database());
      store.replace_contents(read.bundle, "test");
    }
    service_ = std::make_unique<service::KnowledgeService>(service::DataDir{dir_->path()});
    table_ = std::make_unique<RouteTable>(make_route_table(*service_));
  }
  static void TearDownTestSuite() {
    table_.reset();
    service_.reset();
    dir_.reset();
  }

  static Response call(const std::string& method, const std::string& path,
                       std::map<std::string, std::string> query = {}, std::string body = "",
                       std::map<std::string, std::string> headers = {}) {
    Request request;
    request.method = method;
    request.path = path;
    request.client = "127.0.0.1";
    request.query = std::move(query);
    request.body = std::move(body);
    request.headers = std::move(headers);
    for (const Route& route : table_->routes()) {
      if (std::string(to_string(route.method)) != method) continue;
      request.path_params.clear();
      if (!match_pattern(route.pattern, path, &request.path_params)) continue;
      return dispatch(route.handler, request);
    }
    ADD_FAILURE() << "no route for " << method << " " << path;
    return {};
  }

  static json body(const Response& r) { return json::parse(r.body); }

  static inline std::unique_ptr<testing::TempDir> dir_;
  static inline std::unique_ptr<service::KnowledgeService> service_;
  static inline std::unique_ptr<RouteTable> table_;
};

TEST_F(Endpoints, RouteAnswersACaseWithReasonCodesAndMergedTextOrigins) {
  const Response r = call("GET", "/v1/route", {{"settlement", "Folyás"}, {"q", "hagyaték"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const json answer = body(r);
  EXPECT_EQ(answer["procedure"]["id"], "hagyateki-eljaras-hagyateki-leltar");
  ASSERT_FALSE(answer["offices"].empty());
  EXPECT_EQ(answer["offices"][0]["id"], "koh-22406");
  EXPECT_EQ(answer["offices"][0]["reason_code"], "joint_office_member");
  EXPECT_EQ(answer["procedure"]["origin"]["title"], "national");
  EXPECT_FALSE(answer["match"]["ambiguous"].get<bool>());
}

TEST_F(Endpoints, SearchWithoutAQueryIsA400NamingIt) {
  const Response r = call("GET", "/v1/search");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(body(r)["field"], "q");
}

TEST_F(Endpoints, AnAmbiguousSettlementIsA300WithCandidates) {
  const Response r = call("GET", "/v1/search", {{"q", "hagyaték"}, {"settlement", "Budapest"}});
  EXPECT_EQ(r.status, 300);
  EXPECT_EQ(body(r)["candidates"].size(), 23u);
}

TEST_F(Endpoints, UnknownRecordsAre404AndIntegerParametersAreChecked) {
  EXPECT_EQ(call("GET", "/v1/offices/ph-00000").status, 404);
  const Response limit = call("GET", "/v1/search", {{"q", "a"}, {"limit", "99999999999999999999"}});
  EXPECT_EQ(limit.status, 400);
  EXPECT_EQ(body(limit)["field"], "limit");
}

TEST_F(Endpoints, WritesNeedAKey) {
  const Response r = call("PATCH", "/v1/offices/koh-22406", {}, R"({"phone": "+36 1 234 567"})");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(body(r)["field"], "Authorization");
}

// Issue 15, item 2: invalid UTF-8 in a path or query parameter was an unauthenticated 500 (the
// problem's detail quoted it and serialising it threw). Now a 400 naming the parameter.
TEST_F(Endpoints, InvalidUtf8InAParameterIsA400NamingIt) {
  for (const char* path : {"/v1/offices/\xFF", "/v1/procedures/\xC3", "/v1/forms/a\xED\xA0\x80"}) {
    const Response r = call("GET", path);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_EQ(body(r)["field"], "id") << r.body;
  }
  for (const auto& [name, query] : std::map<std::string, std::map<std::string, std::string>>{
           {"settlement", {{"settlement", "\xFF"}, {"q", "hagyaték"}}},
           {"q", {{"q", "a\x80"}}},
           {"district", {{"district", "\xFE"}}},
           {"query", {{"\xFF", "x"}, {"q", "hagyaték"}}}}) {
    const std::string path = name == "q" ? "/v1/suggest" : name == "district" ? "/v1/snapshot" : "/v1/route";
    const Response r = call("GET", path, query);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(body(r)["field"], name) << r.body;
  }
}

TEST(Problems, RenderEvenWhenTheDetailQuotesInvalidUtf8) {
  const Response r = to_response(Problem{404, "not-found", "Nem található", "Nincs „\xFF\xFE”.", "id", json::object()});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["field"], "id");
}

// A path shape with its parameters unnamed, as OpenAPI compares templates: "/v1/offices/:id" (route
// syntax) and "/v1/offices/{id}" (OpenAPI) both become "/v1/offices/{}".
std::string path_shape(const std::string& path) {
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    const bool segment_start = i == 0 || path[i - 1] == '/';
    if (segment_start && (path[i] == ':' || path[i] == '{')) {
      const std::size_t end = std::min(path.find('/', i), path.size());
      out += "{}";
      i = end;
    } else {
      out += path[i++];
    }
  }
  return out;
}

// Derived from the route table the server registers: every (method, path) it serves is an operation
// of docs/openapi.json, and every documented operation is served.
TEST_F(Endpoints, EveryRouteIsDocumentedAndEveryDocumentedOperationIsRouted) {
  const json doc = json::parse(kOpenApiDocument);
  std::set<std::pair<std::string, std::string>> documented;  // (path shape, lower-case method)
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method != "parameters" && method != "summary" && method != "description" && method != "servers") {
        documented.insert({path_shape(path), method});
      }
    }
  }
  std::set<std::pair<std::string, std::string>> routed;
  for (const Route& route : table_->routes()) {
    std::string method(to_string(route.method));
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    routed.insert({path_shape(route.pattern), method});
    EXPECT_TRUE(documented.contains({path_shape(route.pattern), method}))
        << to_string(route.method) << " " << route.pattern << " is served but not documented in docs/openapi.json";
  }
  EXPECT_GT(routed.size(), 60u);
  for (const auto& [shape, method] : documented) {
    EXPECT_TRUE(routed.contains({shape, method})) << method << " " << shape << " is documented but not routed";
  }
}

}  // namespace
}  // namespace ugk::api
