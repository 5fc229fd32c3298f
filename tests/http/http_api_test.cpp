// The REST API over real HTTP against the built binary serving the reference data on 127.0.0.1.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "process.h"

namespace ugk::testing {
namespace {

using nlohmann::json;

class HttpApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ReferenceService>(); }
  static void TearDownTestSuite() { server_.reset(); }

  static httplib::Client client() { return server_->client(); }

  static httplib::Result get(const std::string& path, const httplib::Params& params = {}) {
    auto c = client();
    return c.Get(path, params, httplib::Headers{});
  }

  // Asserts an RFC 9457 problem with the given status naming `field`.
  static void expect_problem(const httplib::Result& res, int status, const std::string& field) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u)
        << res->get_header_value("Content-Type");
    json body = json::parse(res->body);
    EXPECT_EQ(body["status"], status);
    EXPECT_TRUE(body.contains("type") && body.contains("title") && body.contains("detail")) << body;
    if (!field.empty()) EXPECT_EQ(body.value("field", ""), field) << body;
  }

  static inline std::unique_ptr<ReferenceService> server_;
};

TEST_F(HttpApi, HealthAndReadinessReportMatchingVersions) {
  auto health = get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto ready = get("/readyz");
  ASSERT_TRUE(ready);
  ASSERT_EQ(ready->status, 200) << ready->body;
  json body = json::parse(ready->body);
  EXPECT_EQ(body["store_version"], body["index_version"]);
  EXPECT_GT(body["store_version"].get<int>(), 0);
}

TEST_F(HttpApi, RouteForFolyasAndHagyatekNamesItsJointOfficeFirstWithAReason) {
  auto res = get("/v1/route", {{"settlement", "Folyás"}, {"q", "hagyaték"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  EXPECT_EQ(body["procedure"]["id"], "hagyateki-eljaras-hagyateki-leltar");
  EXPECT_EQ(body["settlement"]["ksh_code"], "34014");
  ASSERT_FALSE(body["offices"].empty());
  const json& first = body["offices"][0];
  EXPECT_EQ(first["id"], "koh-22406");
  EXPECT_EQ(first["kind"], "kozos_onkormanyzati_hivatal");
  EXPECT_NE(first["reason"].get<std::string>().find("Folyás"), std::string::npos);
  EXPECT_EQ(first["reason_code"], "joint_office_member");
  EXPECT_EQ(
      first["reason_params"],
      (json{{"settlement_ksh", "34014"}, {"office_id", "koh-22406"}, {"seat_ksh", "22406"}, {"authority", "jegyzo"}}));
  EXPECT_TRUE(first.contains("opening_hours") && first.contains("address"));
  EXPECT_EQ(first["opening_hours_text"],
            "H,K,Cs 7:30–12:00, 12:30–16:00; Sze 7:30–12:00, 12:30–17:00; P 7:30–12:00; ünnepnap zárva");
  EXPECT_EQ(body["territory_hint_code"], "residence");
  EXPECT_TRUE(body["other_procedures"].is_array());
  EXPECT_FALSE(body["documents"].empty());
  EXPECT_FALSE(body["forms"].empty());
  EXPECT_TRUE(body["fees"].is_array());
  EXPECT_TRUE(body["channels"].contains("in_person"));
}

TEST_F(HttpApi, RouteByProcedureIdAndUnaccentedSettlement) {
  auto res = get("/v1/route", {{"settlement", "ujtikos"}, {"procedure", "ado-es-ertekbizonyitvany"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  EXPECT_EQ(body["offices"][0]["id"], "kir-11925");
  EXPECT_EQ(body["offices"][0]["role"], "local_branch");
  EXPECT_EQ(body["offices"][1]["id"], "koh-22406");
  EXPECT_FALSE(body.contains("other_procedures"));
}

TEST_F(HttpApi, AmbiguousSettlementsAnswerWithCandidatesNeverAGuess) {
  auto budapest = get("/v1/route", {{"settlement", "Budapest"}, {"procedure", "hagyateki-eljaras-hagyateki-leltar"}});
  expect_problem(budapest, 300, "settlement");
  EXPECT_EQ(json::parse(budapest->body)["candidates"].size(), 23u);

  auto shared_postal_code = get("/v1/route", {{"settlement", "3261"}, {"q", "hagyaték"}});
  expect_problem(shared_postal_code, 300, "settlement");
  EXPECT_EQ(json::parse(shared_postal_code->body)["candidates"].size(), 2u);
}

TEST_F(HttpApi, RouteRejectsBadInputNamingTheParameter) {
  expect_problem(get("/v1/route", {{"q", "hagyaték"}}), 400, "settlement");
  expect_problem(get("/v1/route", {{"settlement", "Folyás"}}), 400, "procedure");
  expect_problem(get("/v1/route", {{"settlement", "Folyás"}, {"q", "x"}, {"procedure", "y"}}), 400, "procedure");
  expect_problem(get("/v1/route", {{"settlement", "Atlantisz"}, {"q", "hagyaték"}}), 404, "settlement");
  expect_problem(get("/v1/route", {{"settlement", "Folyás"}, {"procedure", "nincs-ilyen"}}), 404, "procedure");
}

TEST_F(HttpApi, SearchRanksAnIdCardLossProcedureFirstForAColloquialUnaccentedQuery) {
  auto res = get("/v1/search", {{"q", "elvesztettem a szemelyimet"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  ASSERT_FALSE(body["results"].empty());
  const std::set<std::string> expected{"szemelyi-igazolvany-elvesztesenek-bejelentese", "szemelyi-igazolvany-potlasa"};
  EXPECT_TRUE(expected.contains(body["results"][0]["id"].get<std::string>())) << body["results"][0];
  for (const char* key : {"type", "id", "title", "snippet", "score"})
    EXPECT_TRUE(body["results"][0].contains(key)) << key;
  EXPECT_GE(body["total"].get<int>(), 1);
}

TEST_F(HttpApi, SearchFiltersByTypeAndPaginates) {
  auto forms = json::parse(get("/v1/search", {{"q", "nyomtatvány lakcím"}, {"type", "form"}})->body);
  ASSERT_GE(forms["results"].size(), 2u) << forms;  // the address-registration forms, at least
  for (const auto& hit : forms["results"]) EXPECT_EQ(hit["type"], "form");
  auto page1 = json::parse(get("/v1/search", {{"q", "hivatal"}, {"limit", "2"}})->body);
  auto page2 = json::parse(get("/v1/search", {{"q", "hivatal"}, {"limit", "2"}, {"offset", "2"}})->body);
  ASSERT_EQ(page1["results"].size(), 2u);
  ASSERT_EQ(page2["results"].size(), 2u);
  EXPECT_NE(page1["results"][0]["id"], page2["results"][0]["id"]);
}

TEST_F(HttpApi, SearchRejectsBadParametersNamingThem) {
  expect_problem(get("/v1/search"), 400, "q");
  expect_problem(get("/v1/search", {{"q", "   "}}), 400, "q");
  expect_problem(get("/v1/search", {{"q", "x"}, {"type", "kutya"}}), 400, "type");
  expect_problem(get("/v1/search", {{"q", "x"}, {"limit", "0"}}), 400, "limit");
  expect_problem(get("/v1/search", {{"q", "x"}, {"limit", "abc"}}), 400, "limit");
  expect_problem(get("/v1/search", {{"q", "x"}, {"offset", "-1"}}), 400, "offset");
  expect_problem(get("/v1/search", {{"q", std::string(600, 'a')}}), 400, "q");
}

TEST_F(HttpApi, ChangeFeedCursorBeyondInt64IsA400NamingSince) {
  expect_problem(get("/v1/changes", {{"since", "9223372036854775808"}}), 400, "since");
  expect_problem(get("/v1/changes", {{"since", "-1"}}), 400, "since");
  expect_problem(get("/v1/changes", {{"since", "12x"}}), 400, "since");
  auto last = get("/v1/changes", {{"since", "9223372036854775807"}});
  ASSERT_TRUE(last);
  EXPECT_EQ(last->status, 200) << last->body;
  EXPECT_TRUE(json::parse(last->body)["changes"].empty());
}

TEST_F(HttpApi, RecordsAreReadableByIdAndUnknownIdsGive404) {
  auto procedure = get("/v1/procedures/hagyateki-eljaras-hagyateki-leltar");
  ASSERT_EQ(procedure->status, 200);
  EXPECT_EQ(json::parse(procedure->body)["competence"]["authority"], "jegyzo");

  auto office = json::parse(get("/v1/offices/koh-22406")->body);
  std::set<std::string> members;
  for (const auto& m : office["member_settlements"]) members.insert(m["name"]);
  EXPECT_TRUE(members.contains("Folyás"));

  auto derived = get("/v1/offices/jh-001");
  ASSERT_EQ(derived->status, 200);
  EXPECT_EQ(json::parse(derived->body)["kind"], "jarasi_hivatal");

  EXPECT_EQ(get("/v1/forms/lakcimbejelento-lap")->status, 200);
  auto district = json::parse(get("/v1/districts/099")->body);
  EXPECT_EQ(district["settlement_list"].size(), 6u);
  auto settlement = json::parse(get("/v1/settlements/34014")->body);
  EXPECT_EQ(settlement["name"], "Folyás");

  expect_problem(get("/v1/procedures/nincs"), 404, "id");
  expect_problem(get("/v1/offices/nincs"), 404, "id");
  expect_problem(get("/v1/forms/nincs"), 404, "id");
  expect_problem(get("/v1/districts/999"), 404, "code");
  expect_problem(get("/v1/settlements/00000"), 404, "ksh");
  expect_problem(get("/v1/nincs-ilyen-vegpont"), 404, "");
}

TEST_F(HttpApi, SettlementSearchByNamePrefixOrPostalCode) {
  auto by_name = json::parse(get("/v1/settlements", {{"q", "folya"}})->body);
  ASSERT_FALSE(by_name["results"].empty());
  EXPECT_EQ(by_name["results"][0]["name"], "Folyás");
  auto by_postal = json::parse(get("/v1/settlements", {{"q", "4095"}})->body);
  ASSERT_FALSE(by_postal["results"].empty());
  EXPECT_EQ(by_postal["results"][0]["ksh_code"], "34014");
  expect_problem(get("/v1/settlements"), 400, "q");
}

TEST_F(HttpApi, WrongMethodsGet405WithAllowHeader) {
  auto c = client();
  auto post = c.Post("/v1/search", "{}", "application/json");
  expect_problem(post, 405, "");
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD, OPTIONS");
  expect_problem(c.Delete("/v1/settlements/34014"), 405, "");
  expect_problem(c.Delete("/v1/procedures/hagyateki-eljaras-hagyateki-leltar"), 401, "Authorization");
  expect_problem(c.Put("/healthz", "", "text/plain"), 405, "");
  // A method the API uses elsewhere (PATCH on offices) is still refused where it is not routed.
  auto patch_search = c.Patch("/v1/search", "{}", "application/json");
  expect_problem(patch_search, 405, "");
  EXPECT_EQ(patch_search->get_header_value("Allow"), "GET, HEAD, OPTIONS");
  auto post_office = c.Post("/v1/offices/koh-22406", "{}", "application/json");
  expect_problem(post_office, 405, "");
  EXPECT_EQ(post_office->get_header_value("Allow"), "GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
}

// Every GET route answers HEAD: the GET's status, headers and length, no body (issue 15).
TEST_F(HttpApi, HeadAnswersEveryGetRouteWithoutABody) {
  auto c = client();
  for (const char* path : {"/healthz", "/readyz", "/v1/procedures/hagyateki-eljaras-hagyateki-leltar",
                           "/v1/offices/koh-22406", "/openapi.json"}) {
    auto get = c.Get(path);
    auto head = c.Head(path);
    ASSERT_TRUE(get && head) << path;
    EXPECT_EQ(head->status, get->status) << path;
    EXPECT_TRUE(head->body.empty()) << path;
    EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(get->body.size())) << path;
    EXPECT_EQ(head->get_header_value("ETag"), get->get_header_value("ETag")) << path;
  }
  auto missing = c.Head("/v1/offices/nincs-ilyen");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("Content-Type").rfind("application/problem+json", 0), 0U);
}

TEST_F(HttpApi, OpenApiDocumentDescribesEveryEndpoint) {
  auto res = get("/openapi.json");
  ASSERT_EQ(res->status, 200);
  json doc = json::parse(res->body);
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* path :
       {"/healthz", "/readyz", "/v1/search", "/v1/route", "/v1/procedures", "/v1/procedures/{id}", "/v1/offices/{id}",
        "/v1/forms/{id}", "/v1/districts/{code}", "/v1/settlements", "/v1/settlements/{ksh}"}) {
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  }
}

TEST(HttpServer, StopsGracefullyOnSigterm) {
  TempDir dir;
  ASSERT_EQ(run_ugykalauz({"import", "--data-dir", (dir.path() / "kb").string(), UGK_SOURCE_DIR "/data", "--quiet"})
                .exit_code,
            0);
  ServerProcess server(dir.path() / "kb");
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_NE(server.log().find("event=stopped"), std::string::npos) << server.log();
}

TEST(HttpServer, RepairsAMissingIndexAtStartUp) {
  TempDir dir;
  const auto data_dir = dir.path() / "kb";
  ASSERT_EQ(run_ugykalauz({"import", "--data-dir", data_dir.string(), UGK_SOURCE_DIR "/data", "--quiet"}).exit_code, 0);
  std::filesystem::remove_all(data_dir / "index");
  ServerProcess server(data_dir);
  httplib::Client c("127.0.0.1", server.port());
  auto ready = c.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
}

TEST(HttpServer, PicksUpANewImportWhileRunning) {
  TempDir dir;
  const auto data_dir = dir.path() / "kb";
  ASSERT_EQ(run_ugykalauz({"import", "--data-dir", data_dir.string(), UGK_SOURCE_DIR "/data", "--quiet"}).exit_code, 0);
  ServerProcess server(data_dir, {"--refresh-seconds", "1"});
  httplib::Client c("127.0.0.1", server.port());
  const auto before = json::parse(c.Get("/readyz")->body)["store_version"].get<int>();

  const auto bundle = dir.path() / "bundle";
  copy_reference_bundle(bundle);
  {
    std::ifstream in(bundle / "forms.json");
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    const std::string from = "\"title\": \"Lakcímbejelentő lap\"";
    text.replace(text.find(from), from.size(), "\"title\": \"Lakcímbejelentő lap (új kiadás)\"");
    std::ofstream(bundle / "forms.json") << text;
  }
  ASSERT_EQ(run_ugykalauz({"import", "--data-dir", data_dir.string(), bundle.string(), "--quiet"}).exit_code, 0);
  json form;
  for (int i = 0; i < 50; ++i) {
    form = json::parse(c.Get("/v1/forms/lakcimbejelento-lap")->body);
    if (form["title"] != "Lakcímbejelentő lap") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(form["title"], "Lakcímbejelentő lap (új kiadás)");
  auto ready = json::parse(c.Get("/readyz")->body);
  EXPECT_GT(ready["store_version"].get<int>(), before);
  EXPECT_EQ(ready["store_version"], ready["index_version"]);
}

}  // namespace
}  // namespace ugk::testing
