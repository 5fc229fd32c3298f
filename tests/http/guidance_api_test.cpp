// What the API gives the front end so that nobody is left guessing, over real HTTP: settlements as
// people write them, districts by name, addresses with their source, what is unknown about an office,
// related cases, the nearest suggestions when nothing is found, and a too-long text told apart.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "process.h"

namespace ugk::testing {
namespace {

using nlohmann::json;

class GuidanceApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ReferenceService>(); }
  static void TearDownTestSuite() { server_.reset(); }

  static httplib::Result get(const std::string& path, const httplib::Params& params = {}) {
    return server_->get(path, params);
  }

  static json get_json(const std::string& path, const httplib::Params& params, int status = 200) {
    auto res = get(path, params);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, status) << res->body;
    return json::parse(res->body);
  }

  static inline std::unique_ptr<ReferenceService> server_;
};

TEST_F(GuidanceApi, RouteAcceptsBudapestDistrictsAndPostalCodeWithNameAsPeopleWriteThem) {
  for (const char* input : {"Bp XIV", "XIV. kerület", "1145 Budapest"}) {
    json body = get_json("/v1/route", {{"settlement", input}, {"procedure", "hagyateki-eljaras-hagyateki-leltar"}});
    EXPECT_EQ(body["settlement"]["ksh_code"], "16337") << input;
    EXPECT_EQ(body["settlement"]["label"], "Budapest XIV. kerület") << input;
    EXPECT_TRUE(body["settlement"]["district_label"].is_null()) << "no doubled district label";
  }
  json folyas =
      get_json("/v1/route", {{"settlement", "4095 Folyás"}, {"procedure", "hagyateki-eljaras-hagyateki-leltar"}});
  EXPECT_EQ(folyas["settlement"]["ksh_code"], "34014");
  EXPECT_EQ(folyas["settlement"]["district_label"], "Hajdúnánási járás");
  // Budapest alone: 23 districts, each with a clean label.
  json budapest =
      get_json("/v1/route", {{"settlement", "Budapest"}, {"procedure", "hagyateki-eljaras-hagyateki-leltar"}}, 300);
  ASSERT_EQ(budapest["candidates"].size(), 23u);
  EXPECT_EQ(budapest["candidates"][13]["label"], "Budapest XIV. kerület");
  for (const auto& c : budapest["candidates"]) EXPECT_TRUE(c["district_label"].is_null()) << c;
}

TEST_F(GuidanceApi, DistrictsAreFoundByNameSeatOrSettlement) {
  json by_name = get_json("/v1/districts", {{"q", "Hajdúnánási"}});
  ASSERT_FALSE(by_name["results"].empty());
  EXPECT_EQ(by_name["results"][0]["code"], "099");
  EXPECT_EQ(by_name["results"][0]["label"], "Hajdúnánási járás");
  EXPECT_TRUE(by_name["results"][0]["via_settlement"].is_null());
  json by_settlement = get_json("/v1/districts", {{"q", "Folyás"}});
  ASSERT_EQ(by_settlement["results"].size(), 1u);
  EXPECT_EQ(by_settlement["results"][0]["code"], "099");
  EXPECT_EQ(by_settlement["results"][0]["via_settlement"]["name"], "Folyás");
  EXPECT_TRUE(get_json("/v1/districts", {{"q", "Atlantisz"}})["results"].empty());
  json missing = get_json("/v1/districts", {}, 400);
  EXPECT_EQ(missing["field"], "q");
  EXPECT_EQ(get_json("/v1/districts", {{"q", "Ha"}, {"limit", "0"}}, 400)["field"], "limit");
}

TEST_F(GuidanceApi, OfficesShowARegisterAddressWithItsSourceAndSayWhatIsUnknown) {
  // Görbeháza keeps its own mayor's office; offices.json gives it no address, the 2013 register does.
  json body = get_json("/v1/route", {{"settlement", "Görbeháza"}, {"procedure", "hagyateki-eljaras-hagyateki-leltar"}});
  ASSERT_FALSE(body["offices"].empty());
  const json& office = body["offices"][0];
  EXPECT_EQ(office["id"], "ph-16568");
  EXPECT_TRUE(office["address"].is_null()) << "the register's address is not the office's own";
  EXPECT_EQ(office["location"]["origin"], "register");
  EXPECT_TRUE(office["location"]["address"].get<std::string>().starts_with("4075 Görbeháza")) << office["location"];
  EXPECT_EQ(office["location"]["note"], "cím: törzskönyvi nyilvántartás, 2013 (azóta változhatott)");
  EXPECT_NE(office["contact_note"].get<std::string>().find("telefonszáma és e-mail-címe"), std::string::npos);
  // A government window with its own address: the address is the office's, phone and e-mail unknown.
  json window = get_json("/v1/route", {{"settlement", "Bp XIV"}, {"procedure", "szemelyi-igazolvany-potlasa"}});
  bool seen = false;
  for (const auto& o : window["offices"]) {
    if (o["kind"] != "kormanyablak" || o["address"].is_null()) continue;
    seen = true;
    EXPECT_EQ(o["location"]["origin"], "office");
    EXPECT_TRUE(o["location"]["note"].is_null());
    EXPECT_NE(o["contact_note"].get<std::string>().find("1818"), std::string::npos);
  }
  EXPECT_TRUE(seen) << window["offices"];
}

TEST_F(GuidanceApi, TheAnswerLinksRelatedCases) {
  json death = get_json("/v1/route", {{"settlement", "Folyás"}, {"procedure", "haleset-anyakonyvezese"}});
  ASSERT_FALSE(death["related"].empty());
  EXPECT_EQ(death["related"][0]["id"], "hagyateki-eljaras-hagyateki-leltar");
  EXPECT_EQ(death["related"][0]["title"], "Hagyatéki eljárás – hagyatéki leltár");
  EXPECT_TRUE(death["related"][0]["note"].is_string());
  json none = get_json("/v1/route", {{"settlement", "Folyás"}, {"procedure", "ebosszeiras"}});
  EXPECT_TRUE(none["related"].is_array());
  EXPECT_TRUE(none["related"].empty());
}

TEST_F(GuidanceApi, NothingFoundComesWithTheNearestSuggestionsAndDidYouMean) {
  json typo = get_json("/v1/search", {{"q", "hagyatekk"}, {"type", "procedure"}});
  EXPECT_FALSE(typo["results"].empty()) << "a typo within the budget is corrected";
  json far = get_json("/v1/search", {{"q", "hagyatkxyzw"}, {"type", "procedure"}});
  ASSERT_TRUE(far["results"].empty()) << far;
  ASSERT_FALSE(far["suggestions"].empty()) << far;
  EXPECT_NE(far["suggestions"][0]["text"].get<std::string>().find("agyaték"), std::string::npos) << far["suggestions"];
  json gibberish = get_json("/v1/search", {{"q", "asdfgh"}, {"type", "procedure"}});
  EXPECT_TRUE(gibberish["results"].empty());
  EXPECT_TRUE(gibberish["suggestions"].is_array());
  EXPECT_EQ(gibberish["total"], 0);
  // Emoji and punctuation only: an empty answer, not an error.
  for (const char* q : {"😀", "%", "?!"}) {
    json empty = get_json("/v1/search", {{"q", q}, {"type", "procedure"}});
    EXPECT_TRUE(empty["results"].empty()) << q;
  }
}

TEST_F(GuidanceApi, ATooLongTextIsItsOwnProblemTypeNamingTheLimit) {
  json body = get_json("/v1/search", {{"q", std::string(529, 'a')}}, 400);
  EXPECT_EQ(body["type"], "/problems/text-too-long");
  EXPECT_EQ(body["field"], "q");
  EXPECT_EQ(body["max_bytes"], 500);
}

}  // namespace
}  // namespace ugk::testing
