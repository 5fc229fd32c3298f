// The service side of the web front end: CORS policy, the embedded static files and the district
// snapshot, tested as plain functions and through the route table.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "../kb/reference_data.h"
#include "api/cors.h"
#include "api/endpoints.h"
#include "api/snapshot.h"
#include "api/web_assets.h"
#include "hours/syntax.h"
#include "kb/enums.h"
#include "kb/wording_hu.h"

namespace ugk::api {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::optional<std::string> find(const Headers& headers, const std::string& name) {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return std::nullopt;
}

TEST(Cors, ListedOriginIsEchoedAndVariesByOrigin) {
  const CorsPolicy policy{{"https://www.hajdunanas.hu", "http://127.0.0.1:9000"}};
  const Headers h = cors_headers(policy, "http://127.0.0.1:9000", false);
  EXPECT_EQ(find(h, "Access-Control-Allow-Origin"), "http://127.0.0.1:9000");
  EXPECT_EQ(find(h, "Vary"), "Origin");
  EXPECT_FALSE(find(h, "Access-Control-Allow-Methods"));
}

TEST(Cors, OriginsCompareWithoutCaseOrTrailingSlash) {
  const CorsPolicy policy{{"https://WWW.Hajdunanas.hu/"}};
  EXPECT_EQ(find(cors_headers(policy, "https://www.hajdunanas.hu", false), "Access-Control-Allow-Origin"),
            "https://www.hajdunanas.hu");
}

TEST(Cors, UnlistedOriginMissingOriginOrEmptyPolicyGetNothing) {
  const CorsPolicy policy{{"https://www.hajdunanas.hu"}};
  EXPECT_TRUE(cors_headers(policy, "https://evil.example", true).empty());
  EXPECT_TRUE(cors_headers(policy, std::nullopt, true).empty());
  EXPECT_TRUE(cors_headers(CorsPolicy{}, "https://www.hajdunanas.hu", true).empty());
}

TEST(Cors, WildcardAnswersStarAndPreflightNamesMethodsAndHeaders) {
  const Headers h = cors_headers(CorsPolicy{{"*"}}, "https://any.example", true);
  EXPECT_EQ(find(h, "Access-Control-Allow-Origin"), "*");
  EXPECT_FALSE(find(h, "Vary"));
  EXPECT_NE(find(h, "Access-Control-Allow-Methods").value_or("").find("GET"), std::string::npos);
  EXPECT_NE(find(h, "Access-Control-Allow-Headers").value_or("").find("Content-Type"), std::string::npos);
  EXPECT_TRUE(find(h, "Access-Control-Max-Age"));
}

TEST(Cors, SpacesAroundConfiguredOriginsAreIgnored) {
  // UGK_CORS_ORIGINS="https://a.hu, https://b.hu" is split at the comma only.
  EXPECT_FALSE(cors_headers(CorsPolicy{{" https://b.hu"}}, "https://b.hu", false).empty());
  EXPECT_EQ(find(cors_headers(CorsPolicy{{" *"}}, "https://c.hu", false), "Access-Control-Allow-Origin"), "*");
}

const WebAsset* asset(std::string_view path) {
  for (const WebAsset& a : web_assets()) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

TEST(WebAssets, TheAppTheWidgetAndTheServiceWorkerAreCompiledIn) {
  for (const char* path :
       {"/index.html", "/app.js", "/components.js", "/core.js", "/format.js", "/guide.js", "/offline.js",
        "/search-hu.js", "/snowball-hungarian.js", "/sw.js", "/widget.js", "/manifest.webmanifest", "/icon.svg"}) {
    ASSERT_NE(asset(path), nullptr) << path;
    EXPECT_FALSE(asset(path)->body.empty()) << path;
  }
}

TEST(WebAssets, WidgetIsOneClassicScriptWithoutModuleSyntax) {
  const std::string_view widget = asset("/widget.js")->body;
  EXPECT_EQ(widget.find("\nimport "), std::string_view::npos);
  EXPECT_EQ(widget.find("\nexport "), std::string_view::npos);
  EXPECT_NE(widget.find("customElements.define('ugykalauz-search'"), std::string_view::npos);
  EXPECT_NE(widget.find("function mountSearch"), std::string_view::npos);
}

TEST(WebAssets, ServiceWorkerCacheIsNamedAfterTheBuild) {
  const std::string_view sw = asset("/sw.js")->body;
  EXPECT_EQ(sw.find("@UGK_WEB_VERSION@"), std::string_view::npos);
  EXPECT_NE(sw.find(web_version()), std::string_view::npos);
}

Response get(const RouteTable& table, const std::string& path, std::map<std::string, std::string> headers = {}) {
  for (const Route& route : table.routes()) {
    if (route.pattern == path) {
      Request request;
      request.path = path;
      request.headers = std::move(headers);
      return dispatch(route.handler, request);
    }
  }
  return Response{404};
}

std::optional<std::string> header(const Response& r, const std::string& name) {
  return find(r.headers, name);
}

TEST(StaticRoutes, ServeWithContentTypeCacheControlAndETag) {
  RouteTable table;
  add_static_routes(table);
  const Response page = get(table, "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html");
  EXPECT_NE(page.body.find("<html lang=\"hu\">"), std::string::npos);
  EXPECT_EQ(header(page, "Cache-Control"), "no-cache");
  const Response widget = get(table, "/widget.js");
  EXPECT_EQ(widget.content_type, "text/javascript");
  EXPECT_EQ(header(widget, "Cache-Control"), "public, max-age=3600");
  EXPECT_EQ(get(table, "/manifest.webmanifest").content_type, "application/manifest+json");
  EXPECT_EQ(get(table, "/icon.svg").content_type, "image/svg+xml");
  EXPECT_EQ(header(get(table, "/sw.js"), "Service-Worker-Allowed"), "/");
}

TEST(StaticRoutes, MatchingETagIsAnsweredWith304AndNoBody) {
  RouteTable table;
  add_static_routes(table);
  const std::string etag = *header(get(table, "/app.js"), "ETag");
  const Response again = get(table, "/app.js", {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(get(table, "/app.js", {{"if-none-match", "\"other\""}}).status, 200);
}

TEST(DistrictSnapshot, HoldsTheDistrictsSettlementsAndTheirCompetentOffices) {
  const kb::Catalog& catalog = testing::reference_catalog();
  const nlohmann::json snap = district_snapshot(catalog, "099", "2026-11-22T10:00:00Z");
  EXPECT_EQ(snap["version"], catalog.version());
  EXPECT_EQ(snap["generated_at"], "2026-11-22T10:00:00Z");
  EXPECT_EQ(snap["district"]["name"], "Hajdúnánási");
  EXPECT_EQ(snap["settlements"].size(), catalog.settlements_in_district("099").size());
  EXPECT_EQ(snap["procedures"].size(), catalog.procedures().size());
  EXPECT_TRUE(snap["procedures"][0].contains("description")) << "the offline search indexes it, as the service does";
  EXPECT_FALSE(snap["procedures"][0].contains("legal_basis")) << "provenance stays online";
  // The offline search analyses and ranks with the index's own settings.
  const auto& analysis = snap["analysis"];
  EXPECT_EQ(analysis["stemmer"], "snowball-hungarian");
  EXPECT_GT(analysis["stopwords"].size(), 100u);
  EXPECT_NE(analysis["synonyms"].get<std::string>().find("jogsi\tvezetői engedély"), std::string::npos);
  EXPECT_EQ(analysis["field_weights"]["title"], 5);
  EXPECT_EQ(analysis["bm25"]["b"], 0.5);
  EXPECT_EQ(analysis["one_typo_from_chars"], 4);
  // Offices carry the address the answer shows and what is unknown; procedures their related cases.
  for (const auto& o : snap["offices"]) {
    EXPECT_TRUE(o.contains("location") && o.contains("contact_note")) << o["id"];
  }
  const auto death = std::find_if(snap["procedures"].begin(), snap["procedures"].end(),
                                  [](const nlohmann::json& p) { return p["id"] == "haleset-anyakonyvezese"; });
  ASSERT_NE(death, snap["procedures"].end());
  ASSERT_FALSE((*death)["related"].empty());
  EXPECT_EQ((*death)["related"][0]["title"], "Hagyatéki eljárás – hagyatéki leltár");
  // Folyás (34014) is a member of the Hajdúnánás joint office: notary cases go there.
  const auto& notary = snap["routes"]["34014"]["jegyzo"]["offices"];
  ASSERT_FALSE(notary.empty());
  EXPECT_EQ(notary.back()["id"], "koh-22406");
  EXPECT_EQ(notary.back()["reason"],
            "Folyás a Hajdúnánási Közös Önkormányzati Hivatalhoz tartozik (székhely: Hajdúnánás); "
            "a hivatal jegyzője jár el.");
  EXPECT_EQ(notary.back()["reason_code"], "joint_office_member");
  EXPECT_EQ(notary.back()["reason_params"]["office_id"], "koh-22406");
  // Every office a route names is in the snapshot, with its opening hours.
  std::set<std::string> ids;
  for (const auto& o : snap["offices"]) ids.insert(o["id"].get<std::string>());
  ASSERT_EQ(snap["routes"].size(), snap["settlements"].size());
  std::size_t routed_offices = 0;
  for (const auto& [ksh, by_authority] : snap["routes"].items()) {
    for (const auto& [authority, routed] : by_authority.items()) {
      for (const auto& o : routed["offices"]) {
        EXPECT_TRUE(ids.count(o["id"].get<std::string>())) << ksh << authority;
        ++routed_offices;
      }
    }
  }
  EXPECT_GE(routed_offices, snap["routes"].size()) << "every settlement routes to an office at least once";
  // The texts the browser shows come worded from the server: hints, hours, central authorities.
  EXPECT_EQ(snap["territory_hints"].size(), 6u);
  for (kb::Territory t : kb::all_territories()) {
    EXPECT_EQ(snap["territory_hints"][std::string(kb::to_string(t))], kb::territory_hint_text(t));
  }
  for (kb::SettlementRole role : kb::all_settlement_roles()) {
    EXPECT_EQ(snap["settlement_roles"][std::string(kb::to_string(role))], kb::settlement_role_text(role));
  }
  for (const auto& o : snap["offices"]) {
    const auto text =
        o["opening_hours"].is_string() ? hours::hungarian_text(o["opening_hours"].get<std::string>()) : std::nullopt;
    EXPECT_EQ(o["opening_hours_text"], text ? nlohmann::json(*text) : nlohmann::json(nullptr)) << o["id"];
  }
  for (const auto& v : snap["visits"]) EXPECT_TRUE(v["schedule_text"].is_string()) << v["id"];
  for (const auto& p : snap["procedures"]) {
    const bool central = p["competence"]["authority"] == "kozponti";
    EXPECT_EQ(p.contains("central_authority"), central) << p["id"];
  }
}

}  // namespace
}  // namespace ugk::api
