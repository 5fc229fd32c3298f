// One rule per record kind: the same invalid record is refused by `ugykalauz check` (a bundle file) and
// by the editing API (a 422), naming the same fields.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "process.h"

namespace ugk::testing {
namespace {

using nlohmann::json;

struct Case {
  const char* name;
  const char* file;        // bundle file holding records of the kind
  const char* collection;  // API collection
  // The invalid record, made from a valid one of the reference data.
  std::function<json(const json& records)> make;
  std::set<std::string> fields;  // what both must name
};

json read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

json by_id(const json& records, const std::string& id) {
  for (const auto& r : records) {
    if (r["id"] == id) return r;
  }
  throw std::runtime_error("no record " + id);
}

std::vector<Case> cases() {
  return {
      {"a visit by a mayor's office",
       "visits.json",
       "visits",
       [](const json& visits) {
         json v = visits.at(0);
         v["id"] = "v-rossz-hivatal";
         v["office_id"] = "ph-16568";
         return v;
       },
       {"office_id"}},
      {"a procedure of unknown certainty, dated without a basis",
       "procedures.json",
       "procedures",
       [](const json& procedures) {
         json p = by_id(procedures, "hagyateki-eljaras-hagyateki-leltar");
         p["id"] = "hagyatek-masolat";
         p["certainty"] = "talán";
         p["as_of"] = "2025-02-30";
         p["as_of_basis"] = nullptr;
         p["forms"] = json::array();
         return p;
       },
       {"certainty", "as_of", "as_of_basis"}},
      {"a form of an unknown format, linked one-sidedly",
       "forms.json",
       "forms",
       [](const json& forms) {
         json f = forms.at(0);
         f["id"] = "uj-urlap";
         f["format"] = "docx";
         f["procedures"] = json::array({"hagyateki-eljaras-hagyateki-leltar"});
         return f;
       },
       {"format", "procedures[0]"}},
      {"an office with a bad website, e-mail and hours",
       "offices.json",
       "offices",
       [](const json& offices) {
         json o = by_id(offices, "ka-j099");
         o["id"] = "ka-teszt";
         o["website"] = "https//nem-url";
         o["email"] = "nincs kukac";
         o["opening_hours"] = "hétköznap 8-tól";
         return o;
       },
       {"website", "email", "opening_hours"}},
      {"a closure ending before it starts",
       "calendar/closures.json",
       "closures",
       [](const json& closures) {
         json c = closures.at(0);
         c["id"] = "forditott-szunet";
         c["to"] = "2025-12-01";
         c["reopens"] = "2025-12-02";
         return c;
       },
       {"to"}},
  };
}

// The fields `ugykalauz check` names for record `id` of a bundle holding `record` in `file`.
std::set<std::string> check_fields(const Case& c, const json& record) {
  TempDir dir;
  copy_reference_bundle(dir.path() / "bundle");
  const auto file = dir.path() / "bundle" / c.file;
  json records = read_file(file);
  records.push_back(record);
  std::ofstream(file, std::ios::trunc) << records.dump(2);
  const CommandResult r = run_ugykalauz({"check", (dir.path() / "bundle").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  std::set<std::string> fields;
  std::istringstream lines(r.output);
  const std::string marker = ": id=" + record["id"].get<std::string>() + ": ";
  for (std::string line; std::getline(lines, line);) {
    const auto at = line.find(marker);
    if (at == std::string::npos) continue;
    const std::string rest = line.substr(at + marker.size());
    fields.insert(rest.substr(0, rest.find(": ")));
  }
  return fields;
}

class SharedRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ = std::make_unique<ReferenceService>();
    admin_ = create_api_key(service_->data_dir(), {"--name", "admin", "--role", "admin"});
  }
  static void TearDownTestSuite() { service_.reset(); }

  static std::set<std::string> api_fields(const Case& c, const json& record) {
    httplib::Client client("127.0.0.1", service_->port());
    auto res = client.Post("/v1/" + std::string(c.collection), httplib::Headers{{"Authorization", "Bearer " + admin_}},
                           record.dump(), "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 422) << res->body;
    std::set<std::string> fields;
    const json problem = json::parse(res->body);
    for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
    return fields;
  }

  static inline std::unique_ptr<ReferenceService> service_;
  static inline std::string admin_;
};

TEST_F(SharedRules, TheImporterAndTheEditingApiNameTheSameFieldsOfAnInvalidRecord) {
  const auto all = cases();
  ASSERT_EQ(all.size(), 5u);
  for (const Case& c : all) {
    SCOPED_TRACE(c.name);
    const json record = c.make(read_file(std::filesystem::path(UGK_SOURCE_DIR) / "data" / c.file));
    const auto from_check = check_fields(c, record);
    EXPECT_EQ(from_check, c.fields);
    EXPECT_EQ(api_fields(c, record), from_check);
  }
}

}  // namespace
}  // namespace ugk::testing
