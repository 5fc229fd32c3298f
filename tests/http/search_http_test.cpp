// Search as a citizen uses it, over real HTTP against the built binary: facets and filters,
// did-you-mean, highlights, everyday words, search-box completions, and the free-text route saying
// when it is unsure. Bad parameters are 400 problems naming the parameter.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "process.h"

namespace ugk::testing {
namespace {

using nlohmann::json;

class SearchHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ReferenceService>(); }
  static void TearDownTestSuite() { server_.reset(); }

  static json get_json(const std::string& path, const httplib::Params& params, int status = 200) {
    const auto res = server_->get(path, params);
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, status) << res->body;
    return json::parse(res->body);
  }

  static std::vector<std::string> ids(const json& body, const char* list = "results") {
    std::vector<std::string> out;
    for (const auto& item : body[list]) out.push_back(item["id"]);
    return out;
  }

  static inline std::unique_ptr<ReferenceService> server_;
};

TEST_F(SearchHttp, ResultsCarryFacetCountsAndPlainSnippetsWithHighlights) {
  const json body = get_json("/v1/search", {{"q", "hagyatéki leltár"}});
  ASSERT_TRUE(body.contains("facets")) << body;
  for (const char* facet : {"category", "authority", "type"}) EXPECT_TRUE(body["facets"].contains(facet)) << facet;
  EXPECT_GT(body["facets"]["authority"].value("jegyzo", 0), 0);
  const json& first = body["results"].at(0);
  EXPECT_EQ(first["id"], "hagyateki-eljaras-hagyateki-leltar");
  const std::string snippet = first["snippet"];
  EXPECT_EQ(snippet.find('<'), std::string::npos);
  ASSERT_FALSE(first["highlights"].empty());
  for (const auto& range : first["highlights"]) {
    const std::size_t begin = range.at(0), end = range.at(1);
    ASSERT_LT(begin, end);
    ASSERT_LE(end, snippet.size());
  }
}

TEST_F(SearchHttp, FiltersByCategoryAuthorityAndType) {
  const json traffic = get_json("/v1/search", {{"q", "igazolvány"}, {"category", "Közlekedés"}, {"type", "procedure"}});
  ASSERT_FALSE(traffic["results"].empty());
  for (const auto& hit : traffic["results"]) EXPECT_EQ(hit["type"], "procedure");
  EXPECT_EQ(traffic["facets"]["category"].size(), 1u) << traffic["facets"];
  const json notary = get_json("/v1/search", {{"q", "igazolvány"}, {"authority", "jegyzo"}});
  ASSERT_FALSE(notary["results"].empty()) << notary;
  ASSERT_EQ(notary["facets"]["authority"].size(), 1u) << notary["facets"];
  for (const auto& [value, count] : notary["facets"]["authority"].items()) EXPECT_EQ(value, "jegyzo");
}

TEST_F(SearchHttp, FacetsCanBeTurnedOff) {
  EXPECT_FALSE(get_json("/v1/search", {{"q", "kutya"}, {"facets", "false"}}).contains("facets"));
}

TEST_F(SearchHttp, TypoGetsResultsAndADidYouMean) {
  const json body = get_json("/v1/search", {{"q", "hagyatéki eljárs"}, {"type", "procedure"}});
  EXPECT_EQ(body.value("did_you_mean", ""), "hagyatéki eljaras");
  EXPECT_EQ(ids(body).at(0), "hagyateki-eljaras-hagyateki-leltar");
  EXPECT_FALSE(get_json("/v1/search", {{"q", "hagyatéki eljárás"}}).contains("did_you_mean"));
}

TEST_F(SearchHttp, EverydayWordsAndCompoundsFindTheProcedure) {
  const auto priusz = ids(get_json("/v1/search", {{"q", "priusz"}, {"type", "procedure"}, {"limit", "3"}}));
  EXPECT_NE(std::find(priusz.begin(), priusz.end(), "hatosagi-erkolcsi-bizonyitvany"), priusz.end());
  const auto apart = ids(get_json("/v1/search", {{"q", "lakcím kártya pótlása"}, {"type", "procedure"}}));
  EXPECT_EQ(apart.at(0), "lakcimkartya-potlasa");
}

TEST_F(SearchHttp, SuggestCompletesTheSearchBox) {
  const json body = get_json("/v1/suggest", {{"q", "lakcimk"}, {"limit", "3"}});
  EXPECT_EQ(body["query"], "lakcimk");
  ASSERT_FALSE(body["suggestions"].empty());
  EXPECT_LE(body["suggestions"].size(), 3u);
  const json& first = body["suggestions"].at(0);
  EXPECT_EQ(first["id"], "lakcimkartya-potlasa");
  EXPECT_EQ(first["type"], "procedure");
  EXPECT_EQ(first["kind"], "title");
  EXPECT_TRUE(std::string(first["text"]).starts_with("Lakcímkártya"));
}

TEST_F(SearchHttp, BadParametersAreProblemsNamingTheParameter) {
  const std::pair<std::string, httplib::Params> cases[] = {
      {"q", {}},
      {"limit", {{"q", "lak"}, {"limit", "0"}}},
      {"limit", {{"q", "lak"}, {"limit", "abc"}}},
  };
  for (const auto& [field, params] : cases) {
    const json body = get_json("/v1/suggest", params, 400);
    EXPECT_EQ(body.value("field", ""), field) << body;
  }
  EXPECT_EQ(get_json("/v1/search", {{"q", "kutya"}, {"authority", "király"}}, 400).value("field", ""), "authority");
  EXPECT_EQ(get_json("/v1/search", {{"q", "kutya"}, {"facets", "maybe"}}, 400).value("field", ""), "facets");
}

TEST_F(SearchHttp, FreeTextRouteSaysWhenSeveralProceduresFit) {
  const json vague = get_json("/v1/route", {{"settlement", "Folyás"}, {"q", "személyi igazolvány"}});
  EXPECT_TRUE(vague["match"]["ambiguous"].get<bool>()) << vague["match"];
  EXPECT_TRUE(vague["match"].contains("note"));
  ASSERT_FALSE(vague["other_procedures"].empty());
  EXPECT_TRUE(vague["other_procedures"][0].contains("score"));

  const json clear = get_json("/v1/route", {{"settlement", "Folyás"}, {"q", "hagyatéki leltár"}});
  EXPECT_FALSE(clear["match"]["ambiguous"].get<bool>()) << clear["match"];
  EXPECT_FALSE(clear["match"].contains("note"));
}

}  // namespace
}  // namespace ugk::testing
