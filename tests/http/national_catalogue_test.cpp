// One national catalogue, through HTTP: a generated multi-office bundle (every office of two
// districts with local variants, local-only procedures per county) served by the real binary. The
// cases are read from the generated files, so the tests follow the generator instead of restating it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "process.h"

namespace ugk::testing {
namespace {

using nlohmann::json;

json read_json_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

class NationalCatalogue : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    bundle_ = dir_->path() / "bundle";
    const CommandResult generated =
        run_ugykalauz({"generate-bundle", "--from", UGK_SOURCE_DIR "/data", "--to", bundle_.string(), "--districts",
                       "099,193", "--variant-share", "1", "--local-procedures-per-county", "3", "--quiet"});
    ASSERT_EQ(generated.exit_code, 0) << generated.output;
    data_dir_ = dir_->path() / "kb";
    const CommandResult imported =
        run_ugykalauz({"import", "--data-dir", data_dir_.string(), bundle_.string(), "--quiet"});
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    admin_ = create_api_key(data_dir_, {"--name", "Országos adminisztrátor", "--role", "admin"});
    variants_ = read_json_file(bundle_ / "local_variants.json");
    local_procedures_ = read_json_file(bundle_ / "local_procedures.json");
    server_ = std::make_unique<ServerProcess>(data_dir_);
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }

  static json get(const std::string& path, const httplib::Params& params = {}) {
    httplib::Client c("127.0.0.1", server_->port());
    auto res = c.Get(path, params, httplib::Headers{});
    if (!res) throw std::runtime_error("no answer for " + path);
    json body = json::parse(res->body);
    body["__status"] = res->status;
    return body;
  }

  static httplib::Result send(const std::string& method, const std::string& path, const json& body) {
    httplib::Client c("127.0.0.1", server_->port());
    auto current = c.Get(path);
    httplib::Headers headers{{"Authorization", "Bearer " + admin_}};
    if (current && current->status == 200) headers.emplace("If-Match", current->get_header_value("ETag"));
    if (method == "PUT") return c.Put(path, headers, body.dump(), "application/json");
    return c.Patch(path, headers, body.dump(), "application/json");
  }

  // The ids of the offices whose local texts apply to a settlement, as the service tells.
  static std::set<std::string> offices_of(const std::string& ksh) {
    std::set<std::string> out;
    const json settlement = get("/v1/settlements/" + ksh);
    for (const auto& o : settlement["offices"]) out.insert(o["id"].get<std::string>());
    return out;
  }

  // A settlement an office serves.
  static std::string settlement_served_by(const std::string& office_id) {
    const json office = get("/v1/offices/" + office_id);
    if (office.contains("member_settlements") && !office["member_settlements"].empty()) {
      return office["member_settlements"][0]["ksh_code"];
    }
    return office["settlement_ksh"];
  }

  static json first_variant_where(const std::function<bool(const json&)>& wanted) {
    for (const auto& v : variants_) {
      if (wanted(v)) return v;
    }
    return nullptr;
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::filesystem::path bundle_, data_dir_;
  static inline std::string admin_;
  static inline json variants_, local_procedures_;
  static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(NationalCatalogue, TheGeneratedBundleHasVariantsAndLocalProceduresForTheTestedDistricts) {
  ASSERT_GE(variants_.size(), 20u);
  ASSERT_GE(local_procedures_.size(), 2u);
  std::set<std::string> procedures;
  for (const auto& v : variants_) procedures.insert(v["procedure_id"].get<std::string>());
  EXPECT_GE(procedures.size(), 5u) << "variants of several procedures";
}

TEST_F(NationalCatalogue, AFolyasUserNeverSeesAnotherOfficesVariant) {
  const std::set<std::string> folyas = offices_of("34014");
  ASSERT_TRUE(folyas.contains("koh-22406"));
  std::set<std::string> queries;
  for (const auto& v : variants_) {
    queries.insert(get("/v1/procedures/" + v["procedure_id"].get<std::string>())["title"].get<std::string>());
  }
  ASSERT_GE(queries.size(), 5u);
  std::size_t local_hits = 0;
  for (const std::string& q : queries) {
    const json hits = get("/v1/search", {{"q", q}, {"settlement", "Folyás"}, {"type", "procedure"}, {"limit", "20"}});
    ASSERT_EQ(hits["__status"], 200) << q;
    std::set<std::string> seen;
    for (const auto& hit : hits["results"]) {
      EXPECT_TRUE(seen.insert(hit["id"].get<std::string>()).second) << "procedure shown twice for " << q;
      if (hit["local"].is_null()) continue;
      ++local_hits;
      EXPECT_TRUE(folyas.contains(hit["local"]["office_id"].get<std::string>())) << q << ": " << hit;
    }
    // Without a settlement no office's local text is shown at all.
    const json national_hits = get("/v1/search", {{"q", q}, {"type", "procedure"}, {"limit", "20"}});
    for (const auto& hit : national_hits["results"]) {
      EXPECT_TRUE(hit["local"].is_null()) << q << ": " << hit;
    }
    const json route = get("/v1/route", {{"settlement", "Folyás"}, {"q", q}});
    ASSERT_EQ(route["__status"], 200) << q;
    if (!route["procedure"]["local"].is_null()) {
      EXPECT_TRUE(folyas.contains(route["procedure"]["local"]["office_id"].get<std::string>())) << q;
    }
    for (const auto& other : route["other_procedures"]) {
      EXPECT_NE(other["id"], route["procedure"]["id"]) << "another office's copy offered for " << q;
    }
  }
  EXPECT_GT(local_hits, 0u) << "Folyás's own office has variants, so some hits must show them";
}

TEST_F(NationalCatalogue, ALocalFeeAndFormOverrideTheNationalOnesAndAreLabelledLocal) {
  const json v = first_variant_where([](const json& v) { return v.contains("fees") && v.contains("forms"); });
  ASSERT_FALSE(v.is_null()) << "the generator writes variants with a local fee and form";
  const std::string procedure = v["procedure_id"];
  const std::string settlement = settlement_served_by(v["office_id"]);
  const json route = get("/v1/route", {{"settlement", settlement}, {"procedure", procedure}});
  ASSERT_EQ(route["__status"], 200) << route;
  EXPECT_EQ(route["procedure"]["local"]["office_id"], v["office_id"]);
  EXPECT_EQ(route["procedure"]["origin"]["fees"], "local");
  EXPECT_EQ(route["procedure"]["origin"]["forms"], "local");
  EXPECT_EQ(route["procedure"]["origin"]["title"], "national");
  ASSERT_EQ(route["fees"].size(), v["fees"].size());
  for (std::size_t i = 0; i < v["fees"].size(); ++i) {
    EXPECT_EQ(route["fees"][i]["label"], v["fees"][i]["label"]);
    EXPECT_EQ(route["fees"][i]["amount_huf"], v["fees"][i]["amount_huf"]);
    EXPECT_EQ(route["fees"][i]["origin"], "local");
  }
  ASSERT_EQ(route["forms"].size(), v["forms"].size());
  for (std::size_t i = 0; i < v["forms"].size(); ++i) {
    if (v["forms"][i].contains("form_id")) {
      EXPECT_EQ(route["forms"][i]["id"], v["forms"][i]["form_id"]);
      EXPECT_EQ(route["forms"][i]["origin"], "national");
    } else {
      EXPECT_EQ(route["forms"][i]["title"], v["forms"][i]["title"]);
      EXPECT_EQ(route["forms"][i]["origin"], "local");
    }
  }
  // Where no office has a variant, the national fees are shown, labelled national.
  const json national = get("/v1/procedures/" + procedure);
  const json elsewhere = get("/v1/route", {{"settlement", "Budapest 14. ker."}, {"procedure", procedure}});
  ASSERT_EQ(elsewhere["__status"], 200);
  EXPECT_TRUE(elsewhere["procedure"]["local"].is_null());
  ASSERT_EQ(elsewhere["fees"].size(), national["fees"].size());
  for (const auto& fee : elsewhere["fees"]) EXPECT_EQ(fee["origin"], "national");
}

TEST_F(NationalCatalogue, ALocalOnlyProcedureIsFoundOnlyForItsSettlements) {
  const json& local = local_procedures_.at(0);
  const std::string id = local["id"], office = local["office_id"], title = local["title"];
  const std::string home = settlement_served_by(office);
  // A settlement of the other tested district, which that office does not serve.
  const std::string district = get("/v1/offices/" + office)["district_code"];
  const std::string away = district == "099" ? "Zalavár" : "Folyás";
  ASSERT_FALSE(offices_of(get("/v1/settlements", {{"q", away}})["results"][0]["ksh_code"]).contains(office));

  auto found = [&](const json& hits) {
    return std::any_of(hits["results"].begin(), hits["results"].end(), [&](const json& h) { return h["id"] == id; });
  };
  const json at_home = get("/v1/search", {{"q", title}, {"settlement", home}});
  EXPECT_TRUE(found(at_home)) << at_home;
  EXPECT_FALSE(found(get("/v1/search", {{"q", title}, {"settlement", away}})));
  EXPECT_FALSE(found(get("/v1/search", {{"q", title}})));
  const json route_home = get("/v1/route", {{"settlement", home}, {"procedure", id}});
  ASSERT_EQ(route_home["__status"], 200) << route_home;
  EXPECT_EQ(route_home["procedure"]["origin"]["title"], "local");
  const json route_away = get("/v1/route", {{"settlement", away}, {"procedure", id}});
  EXPECT_EQ(route_away["__status"], 404) << route_away;
  EXPECT_EQ(route_away["field"], "procedure");
  // Completions too.
  const std::string prefix = title.substr(0, 9);
  auto suggested = [&](const json& s) {
    return std::any_of(s["suggestions"].begin(), s["suggestions"].end(), [&](const json& x) { return x["id"] == id; });
  };
  EXPECT_TRUE(suggested(get("/v1/suggest", {{"q", prefix}, {"settlement", home}, {"limit", "20"}})));
  EXPECT_FALSE(suggested(get("/v1/suggest", {{"q", prefix}, {"limit", "20"}})));
}

TEST_F(NationalCatalogue, ANationalChangeFlagsExactlyTheVariantsThatOverrideTheChangedFields) {
  const std::string procedure = "ebosszeiras";
  std::vector<json> generated;
  for (const auto& v : variants_) {
    if (v["procedure_id"] == procedure) generated.push_back(v);
  }
  ASSERT_GE(generated.size(), 2u);
  for (const auto& v : generated)
    ASSERT_TRUE(v.contains("deadline")) << "the generator's dog-census variants set a deadline";
  // A variant that overrides only its note: the deadline change must leave it alone.
  // An office outside the generated districts: no variant of its own yet.
  const std::string note_only_office = "ph-16337";
  ASSERT_TRUE(get("/v1/offices/" + note_only_office)["variants"].empty());
  auto created = send("PUT", "/v1/procedures/" + procedure + "/variants/" + note_only_office,
                      {{"note", "Az adatlap a portán is leadható."}});
  ASSERT_EQ(created->status, 201) << created->body;

  auto changed =
      send("PATCH", "/v1/procedures/" + procedure, {{"deadline", "Új határidő: az összeírás évének március 31."}});
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(changed->get_header_value("Ugk-Reviews-Flagged"), std::to_string(generated.size()));
  for (const auto& v : generated) {
    const json reviews = get("/v1/offices/" + v["office_id"].get<std::string>() + "/reviews")["reviews"];
    const auto mine =
        std::find_if(reviews.begin(), reviews.end(), [&](const json& r) { return r["variant_id"] == v["id"]; });
    ASSERT_NE(mine, reviews.end()) << v["id"];
    EXPECT_EQ((*mine)["fields"], json::array({"deadline"}));
  }
  EXPECT_TRUE(get("/v1/offices/" + note_only_office + "/reviews")["reviews"].empty());
  const json district = get("/v1/districts/099/reviews");
  EXPECT_GE(district["total"].get<int>(), 1);

  // A change of a field nobody overrides flags nobody.
  auto documents = send("PATCH", "/v1/procedures/" + procedure, {{"title_en", "Dog census (changed)"}});
  ASSERT_EQ(documents->status, 200);
  EXPECT_TRUE(documents->get_header_value("Ugk-Reviews-Flagged").empty());

  // Verifying the variant clears its review.
  const json& first = generated.front();
  httplib::Client c("127.0.0.1", server_->port());
  auto verified =
      c.Post("/v1/procedures/" + procedure + "/variants/" + first["office_id"].get<std::string>() + "/verify",
             httplib::Headers{{"Authorization", "Bearer " + admin_}}, "", "application/json");
  ASSERT_EQ(verified->status, 200) << verified->body;
  EXPECT_EQ(json::parse(verified->body)["reviews_cleared"], 1);
  const json after = get("/v1/offices/" + first["office_id"].get<std::string>() + "/reviews")["reviews"];
  EXPECT_TRUE(std::none_of(after.begin(), after.end(), [&](const json& r) { return r["variant_id"] == first["id"]; }));
}

TEST_F(NationalCatalogue, AWriteIsSearchableWithoutARebuildAndTheIndexCatchesUpWithTheStore) {
  const auto generation = [&] {
    std::ifstream in(data_dir_ / "index" / "CURRENT");
    std::string name;
    std::getline(in, name);
    return name;
  };
  const std::string before = generation();
  ASSERT_FALSE(before.empty());
  const json v = first_variant_where([](const json& v) { return v["office_id"] == "koh-22406"; });
  ASSERT_FALSE(v.is_null());
  const std::string path = "/v1/procedures/" + v["procedure_id"].get<std::string>() + "/variants/koh-22406";
  auto res = send("PATCH", path, {{"title", "Zöldövezeti helyi ügyintézés"}});
  ASSERT_EQ(res->status, 200) << res->body;
  bool found = false;
  for (int i = 0; i < 100 && !found; ++i) {
    const json hits = get("/v1/search", {{"q", "zöldövezeti"}, {"settlement", "Folyás"}});
    found = !hits["results"].empty() && hits["results"][0]["title"] == "Zöldövezeti helyi ügyintézés";
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(generation(), before) << "updated in place, not rebuilt";
  const json ready = get("/readyz");
  EXPECT_EQ(ready["index_version"], ready["store_version"]) << ready;
  // Another office's user does not get this office's title.
  const json elsewhere = get("/v1/search", {{"q", "zöldövezeti"}, {"settlement", "Zalavár"}});
  for (const auto& hit : elsewhere["results"]) EXPECT_NE(hit["title"], "Zöldövezeti helyi ügyintézés");
}

TEST_F(NationalCatalogue, FacetsCountProceduresNotCopies) {
  const json v = first_variant_where([](const json& v) { return v["procedure_id"] == "telepulesi-tamogatas"; });
  ASSERT_FALSE(v.is_null());
  const std::string settlement = settlement_served_by(v["office_id"]);
  // Matches the national text and the office's own summary: two documents, one procedure.
  const json hits = get(
      "/v1/search",
      {{"q", "települési támogatás lakhatási"}, {"settlement", settlement}, {"type", "procedure"}, {"limit", "100"}});
  ASSERT_EQ(hits["__status"], 200);
  ASSERT_FALSE(hits["results"].empty());
  EXPECT_EQ(hits["facets"]["type"]["procedure"], hits["results"].size());
  EXPECT_EQ(hits["total"], hits["results"].size());
  std::size_t by_category = 0;
  for (const auto& [category, count] : hits["facets"]["category"].items()) by_category += count.get<std::size_t>();
  EXPECT_EQ(by_category, hits["results"].size());
}

}  // namespace
}  // namespace ugk::testing
