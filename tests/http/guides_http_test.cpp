// Case guides through HTTP, as a front end uses them: the guide offered for a life event, walked one
// answer at a time by following what the server asks, the personalised outcome with its offices, an
// answer changed, bad answers refused naming the question, and invalid guides refused on save naming
// the node and field.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "process.h"

namespace ugk::testing {
namespace {

using nlohmann::json;

constexpr const char* kGuide = "haleset-a-csaladban";
constexpr const char* kFolyas = "34014";
constexpr const char* kDebrecen = "15130";

class GuidesApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    data_dir_ = import_reference(*dir_);
    admin_ = create_api_key(data_dir_, {"--name", "Kalauzszerkesztő", "--role", "admin"});
    server_ = std::make_unique<ServerProcess>(data_dir_);
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(20, 0);
    return c;
  }

  // GET of a path (already percent-encoded), the body with its status as "__status".
  static json get(const std::string& path) {
    auto res = client().Get(path);
    if (!res) throw std::runtime_error("no answer for " + path);
    json body = json::parse(res->body);
    body["__status"] = res->status;
    body["__type"] = res->get_header_value("Content-Type");
    return body;
  }

  static httplib::Result post_guide(const json& guide) {
    return client().Post("/v1/guides", httplib::Headers{{"Authorization", "Bearer " + admin_}}, guide.dump(),
                         "application/json");
  }

  // Answers the question the server asks with `answers[question id]`, until the outcome; returns it.
  static json walk(const std::map<std::string, std::string>& answers) {
    json answer = get(std::string("/v1/guides/") + kGuide + "/answer");
    for (int asked = 0; answer["status"] == "question"; ++asked) {
      EXPECT_LT(asked, 20) << "the guide keeps asking";
      if (asked >= 20) break;
      const std::string id = answer["question"]["id"];
      EXPECT_TRUE(answers.contains(id)) << "unexpected question " << id;
      if (!answers.contains(id)) break;
      EXPECT_EQ(answer["answers"].size(), static_cast<std::size_t>(asked)) << "your answers so far are listed";
      const std::string url = answer["self_url"].get<std::string>();
      answer = get(url + (url.find('?') == std::string::npos ? "?" : "&") + id + "=" + answers.at(id));
      EXPECT_EQ(answer["__status"], 200) << answer.dump();
    }
    return answer;
  }

  static json step_of(const json& outcome, const std::string& procedure_id) {
    for (const auto& step : outcome["steps"]) {
      if (step["procedure"]["id"] == procedure_id) return step;
    }
    return nullptr;
  }

  static json minimal_guide(const std::string& id) {
    return json{{"id", id},
                {"title", "Próba"},
                {"summary", "Próba kalauz."},
                {"keywords", {"próbaeset"}},
                {"start", "van_kutya"},
                {"questions",
                 {{{"id", "van_kutya"},
                   {"kind", "yes_no"},
                   {"text", "Van kutyája?"},
                   {"branches", {{{"when", "van_kutya == 'igen'"}, {"next", "osszeiras"}}}},
                   {"otherwise", "nincs_teendo"}}}},
                {"outcomes",
                 {{{"id", "osszeiras"}, {"title", "Ebösszeírás"}, {"steps", {{{"procedure_id", "ebosszeiras"}}}}},
                  {{"id", "nincs_teendo"},
                   {"title", "Nincs teendő"},
                   {"steps", json::array()},
                   {"notes", {{{"text", "Kutya nélkül nincs teendő."}}}}}}}};
  }

  static json errors_of(const httplib::Result& res) { return json::parse(res->body)["errors"]; }

  static bool names_field(const httplib::Result& res, const std::string& field) {
    for (const auto& e : errors_of(res)) {
      if (e["field"] == field) return true;
    }
    return false;
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::filesystem::path data_dir_;
  static inline std::string admin_;
  static inline std::unique_ptr<ServerProcess> server_;
};

const std::map<std::string, std::string> kDeathInFolyas{{"hol_halt_meg", "otthon"},     {"halal_napja", "2026-11-30"},
                                                        {"halal_helye", "Foly%C3%A1s"}, {"ugyanott_lakott", "nem"},
                                                        {"lakohely", kDebrecen},        {"vagyon", "ingatlan,bank"},
                                                        {"sajat_lakohely", kFolyas}};

TEST_F(GuidesApi, ALifeEventSearchOffersTheGuide) {
  const json search = get("/v1/search?q=meghalt%20az%20%C3%A9desap%C3%A1m");
  ASSERT_FALSE(search["guides"].empty());
  EXPECT_EQ(search["guides"][0]["id"], kGuide);
  const json route = get("/v1/route?settlement=Foly%C3%A1s&q=meghalt%20az%20%C3%A9desap%C3%A1m");
  ASSERT_EQ(route["__status"], 200);
  EXPECT_EQ(route["guides"][0]["id"], kGuide) << "the route answer offers the whole life event too";
  EXPECT_TRUE(get("/v1/search?q=szem%C3%A9lyi%20igazolv%C3%A1ny%20csere")["guides"].empty() ||
              get("/v1/search?q=szem%C3%A9lyi%20igazolv%C3%A1ny%20csere")["guides"][0]["id"] != kGuide);
  const json list = get("/v1/guides");
  EXPECT_GE(list["count"].get<int>(), 1);
}

TEST_F(GuidesApi, TheProbateOfficeComesFromTheDeceasedsLastResidenceNotFromThePlaceOfDeath) {
  const json answer = walk(kDeathInFolyas);
  ASSERT_EQ(answer["status"], "outcome") << answer.dump();
  const json& outcome = answer["outcome"];
  const json death = step_of(outcome, "haleset-anyakonyvezese");
  const json probate = step_of(outcome, "hagyateki-eljaras-hagyateki-leltar");
  ASSERT_FALSE(death.is_null());
  ASSERT_FALSE(probate.is_null());
  EXPECT_EQ(death["settlement"]["ksh_code"], kFolyas);
  EXPECT_EQ(probate["settlement"]["ksh_code"], kDebrecen);
  EXPECT_EQ(probate["settlement_role"], "deceased_residence");
  // The same offices /v1/route gives for each case and settlement.
  const json debrecen =
      get(std::string("/v1/route?settlement=") + kDebrecen + "&procedure=hagyateki-eljaras-hagyateki-leltar");
  const json folyas =
      get(std::string("/v1/route?settlement=") + kFolyas + "&procedure=hagyateki-eljaras-hagyateki-leltar");
  ASSERT_NE(debrecen["offices"][0]["id"], folyas["offices"][0]["id"]) << "the test needs two different offices";
  EXPECT_EQ(probate["route"]["offices"][0]["id"], debrecen["offices"][0]["id"]);
  EXPECT_EQ(probate["route"]["territory_hint"],
            "A megadott települést az elhunyt utolsó lakóhelyeként vettük figyelembe.");
  // What to bring follows the estate: property and a bank account, no car.
  const auto has = [](const json& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  };
  EXPECT_TRUE(has(probate["documents"], "Tulajdoni lap az ingatlanokról"));
  EXPECT_TRUE(has(probate["documents"], "Utolsó bankszámlakivonat"));
  EXPECT_FALSE(has(probate["documents"], "A jármű forgalmi engedélye"));
  EXPECT_TRUE(has(probate["documents"], "Halotti anyakönyvi kivonat")) << "unconditional documents always apply";
  ASSERT_EQ(probate["fees"].size(), 1u);
  EXPECT_EQ(probate["fees"][0]["amount_huf"], 0);
  EXPECT_FALSE(step_of(outcome, "tulajdoni-lap-masolat").is_null()) << "property in the estate: the land register";
  // The answer can be shared: its own URL gives the same outcome.
  const json again = get(answer["self_url"].get<std::string>());
  EXPECT_EQ(again["outcome"], answer["outcome"]);
}

TEST_F(GuidesApi, AnAnswerCanBeChangedAndTheOthersAreKept) {
  const json answer = walk(kDeathInFolyas);
  ASSERT_EQ(answer["status"], "outcome");
  std::string change_url;
  for (const auto& a : answer["answers"]) {
    if (a["question"] == "ugyanott_lakott") change_url = a["change_url"];
  }
  ASSERT_FALSE(change_url.empty());
  const json asked = get(change_url);
  EXPECT_EQ(asked["status"], "question");
  EXPECT_EQ(asked["question"]["id"], "ugyanott_lakott");
  EXPECT_EQ(asked["answers"].size(), 3u) << "the answers before it stay";
  const json same_place = get(change_url + "&ugyanott_lakott=igen");
  ASSERT_EQ(same_place["status"], "outcome");
  EXPECT_EQ(step_of(same_place["outcome"], "hagyateki-eljaras-hagyateki-leltar")["settlement"]["ksh_code"], kFolyas);
  EXPECT_EQ(same_place["unused_answers"], json::array({"lakohely"})) << "the residence answer no longer applies";
}

TEST_F(GuidesApi, AnUnusableAnswerIsRefusedNamingTheQuestion) {
  const std::string base = std::string("/v1/guides/") + kGuide + "/answer";
  const json not_option = get(base + "?hol_halt_meg=valahol");
  EXPECT_EQ(not_option["__status"], 400);
  EXPECT_EQ(not_option["__type"].get<std::string>().rfind("application/problem+json", 0), 0u);
  EXPECT_EQ(not_option["field"], "hol_halt_meg");
  EXPECT_EQ(not_option["code"], "not_an_option");
  EXPECT_NE(not_option["detail"].get<std::string>().find("Hol történt a haláleset?"), std::string::npos);
  EXPECT_EQ(get(base + "?hol_halt_meg=otthon&halal_napja=2026-02-30")["field"], "halal_napja");
  EXPECT_EQ(get(base + "?hol_halt_meg=otthon&halal_napja=2026-11-30&halal_helye=Nincsilyenfalva")["code"],
            "unknown_settlement");
  EXPECT_EQ(get(base + "?kor=3")["code"], "unknown_question");
  EXPECT_EQ(get("/v1/guides/nincs-ilyen-kalauz/answer")["__status"], 404);
}

TEST_F(GuidesApi, AnInvalidGuideIsRefusedOnSaveNamingTheNodeAndField) {
  json dangling = minimal_guide("proba-lógó");
  dangling["id"] = "proba-logo";
  dangling["questions"][0]["otherwise"] = "sehova";
  auto res = post_guide(dangling);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_TRUE(names_field(res, "questions[0].otherwise")) << res->body;

  json cycle = minimal_guide("proba-kor");
  cycle["questions"][0]["branches"][0]["next"] = "van_kutya";
  res = post_guide(cycle);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_NE(res->body.find("kör"), std::string::npos) << res->body;

  json unknown = minimal_guide("proba-ismeretlen");
  unknown["questions"][0]["branches"][0]["when"] = "macska == 'igen'";
  res = post_guide(unknown);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_TRUE(names_field(res, "questions[0].branches[0].when")) << res->body;

  json invented = minimal_guide("proba-kitalalt");
  invented["outcomes"][0]["steps"][0]["documents"] = {{{"text", "Kitalált igazolás"}}};
  res = post_guide(invented);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_TRUE(names_field(res, "outcomes[0].steps[0].documents[0].text")) << res->body;
}

TEST_F(GuidesApi, ASavedGuideAnswersAtOnceAndKeepsItsHistory) {
  auto res = post_guide(minimal_guide("kutyatartas-proba"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json answer = get("/v1/guides/kutyatartas-proba/answer?van_kutya=igen");
  ASSERT_EQ(answer["status"], "outcome") << answer.dump();
  EXPECT_EQ(answer["outcome"]["steps"][0]["procedure"]["id"], "ebosszeiras");
  EXPECT_EQ(get("/v1/guides/kutyatartas-proba/answer?van_kutya=nem")["outcome"]["notes"][0],
            "Kutya nélkül nincs teendő.");
  const json history = get("/v1/guides/kutyatartas-proba/history");
  EXPECT_EQ(history["__status"], 200);
  EXPECT_FALSE(history["revisions"].empty()) << history.dump();
  const json search = get("/v1/search?q=pr%C3%B3baeset");
  ASSERT_FALSE(search["guides"].empty()) << "a new guide is offered by its keywords without a restart";
  EXPECT_EQ(search["guides"][0]["id"], "kutyatartas-proba");
}

TEST_F(GuidesApi, TheRouteAnswerAsksForTheSettlementByItsRole) {
  const json route =
      get(std::string("/v1/route?settlement=") + kFolyas + "&procedure=hagyateki-eljaras-hagyateki-leltar");
  EXPECT_EQ(route["settlement_role"], "deceased_residence");
  EXPECT_EQ(route["settlement_question"], "Melyik településen volt az elhunyt utolsó lakóhelye?");
  const json birth = get(std::string("/v1/route?settlement=") + kFolyas + "&procedure=szuletes-anyakonyvezese");
  EXPECT_EQ(birth["settlement_role"], "event_place");
  const json snapshot = get("/v1/snapshot?district=099");
  ASSERT_FALSE(snapshot["guides"].empty()) << "the field app gets the guides for offline use";
}

}  // namespace
}  // namespace ugk::testing
