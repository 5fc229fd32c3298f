// The editing API over HTTP: keys and scopes, optimistic concurrency, validation, history, the
// change feed, rate limits, and durability when the server is killed mid-stream.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "process.h"

namespace ugk::testing {
namespace {

using nlohmann::json;

// A client for one server that remembers nothing between calls but the key it uses.
class Api {
 public:
  explicit Api(std::uint16_t port) : port_(port) {}

  httplib::Result get(const std::string& path) {
    httplib::Client c("127.0.0.1", port_);
    return c.Get(path);
  }
  std::string etag(const std::string& path) {
    auto res = get(path);
    if (!res || res->status != 200) throw std::runtime_error("no record at " + path);
    return res->get_header_value("ETag");
  }
  httplib::Result send(const std::string& method, const std::string& path, const std::string& key, const json& body,
                       const std::string& if_match = "") {
    httplib::Client c("127.0.0.1", port_);
    httplib::Headers headers;
    if (!key.empty()) headers.emplace("Authorization", "Bearer " + key);
    if (!if_match.empty()) headers.emplace("If-Match", if_match);
    const std::string text = body.is_null() ? "" : body.dump();
    if (method == "POST") return c.Post(path, headers, text, "application/json");
    if (method == "PUT") return c.Put(path, headers, text, "application/json");
    if (method == "PATCH") return c.Patch(path, headers, text, "application/json");
    return c.Delete(path, headers);
  }
  // Sends a change to an existing record with its current ETag.
  httplib::Result change(const std::string& method, const std::string& path, const std::string& key,
                         const json& body = nullptr) {
    return send(method, path, key, body, etag(path));
  }

 private:
  std::uint16_t port_;
};

class EditingApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    data_dir_ = import_reference(*dir_);
    admin_ = create_api_key(data_dir_, {"--name", "Országos adminisztrátor", "--role", "admin"});
    editor_ = create_api_key(data_dir_, {"--name", "Hajdúnánási KÖH", "--role", "editor", "--office", "koh-22406"});
    server_ = std::make_unique<ServerProcess>(data_dir_, std::vector<std::string>{"--max-body-bytes", "4096"});
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  static Api api() { return Api(server_->port()); }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::filesystem::path data_dir_;
  static inline std::string admin_, editor_;
  static inline std::unique_ptr<ServerProcess> server_;
};

int status(const httplib::Result& res) {
  return res ? res->status : -1;
}

TEST_F(EditingApi, OfficeEditorChangesItsOwnHoursAndLocalVariantButNotItsNeighbour) {
  Api a = api();
  const std::string cursor = json::parse(a.get("/v1/changes?since=now")->body)["next_cursor"];

  auto hours = a.change("PATCH", "/v1/offices/koh-22406", editor_,
                        {{"opening_hours", "Mo-Th 08:00-12:00,13:00-16:00; Fr 08:00-12:00; PH off"}});
  ASSERT_EQ(status(hours), 200) << hours->body;
  EXPECT_FALSE(hours->get_header_value("ETag").empty());

  auto variant = a.send("PUT", "/v1/procedures/hagyateki-eljaras-hagyateki-leltar/variants/koh-22406", editor_,
                        {{"note", "Hagyatéki ügyekben csak előzetes bejelentkezéssel."},
                         {"extra_documents", {"Az elhunyt lakcímkártyája"}}});
  ASSERT_EQ(status(variant), 201) << variant->body;
  EXPECT_EQ(variant->get_header_value("Location"),
            "/v1/procedures/hagyateki-eljaras-hagyateki-leltar/variants/koh-22406");

  auto neighbour = a.change("PATCH", "/v1/offices/ph-16568", editor_, {{"opening_hours", "Mo 08:00-12:00"}});
  EXPECT_EQ(status(neighbour), 403) << neighbour->body;
  EXPECT_EQ(neighbour->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u);

  // The route for a settlement that office serves shows the office's text next to the national one.
  auto route = json::parse(a.get("/v1/route?settlement=34014&procedure=hagyateki-eljaras-hagyateki-leltar")->body);
  EXPECT_EQ(route["procedure"]["local"]["note"], "Hagyatéki ügyekben csak előzetes bejelentkezéssel.");
  EXPECT_EQ(route["procedure"]["origin"]["extra_documents"], "local");
  EXPECT_EQ(route["procedure"]["origin"]["title"], "national");
  EXPECT_EQ(route["procedure"]["title"], "Hagyatéki eljárás – hagyatéki leltár");

  auto variant_history =
      json::parse(a.get("/v1/procedures/hagyateki-eljaras-hagyateki-leltar/variants/koh-22406/history")->body);
  ASSERT_EQ(variant_history["revisions"].size(), 1u);
  EXPECT_EQ(variant_history["revisions"][0]["op"], "add");

  auto history = json::parse(a.get("/v1/offices/koh-22406/history")->body);
  ASSERT_GE(history["revisions"].size(), 2u);
  const json& latest = history["revisions"][0];
  EXPECT_EQ(latest["op"], "change");
  EXPECT_EQ(latest["changes"][0]["field"], "opening_hours");
  EXPECT_EQ(latest["changes"][0]["new"], "Mo-Th 08:00-12:00,13:00-16:00; Fr 08:00-12:00; PH off");
  EXPECT_TRUE(latest["changes"][0]["old"].is_string());

  auto feed = json::parse(a.get("/v1/changes?since=" + cursor)->body);
  std::vector<std::string> ids;
  for (const auto& c : feed["changes"]) ids.push_back(c["id"]);
  ASSERT_GE(ids.size(), 2u);
  const auto office_at = std::find(ids.begin(), ids.end(), "koh-22406");
  const auto variant_at = std::find(ids.begin(), ids.end(), "hagyateki-eljaras-hagyateki-leltar@koh-22406");
  ASSERT_NE(office_at, ids.end());
  ASSERT_NE(variant_at, ids.end());
  EXPECT_LT(office_at, variant_at);
}

TEST_F(EditingApi, AnOfficeChoosesHowItsWorkedSaturdaysAreKept) {
  Api a = api();
  // 2026-01-10 is a worked Saturday replacing Friday 2026-01-02; by default it keeps Friday's hours.
  const std::string at = "/v1/offices/koh-22406/status?at=2026-01-10T09:30:00%2B01:00";
  ASSERT_EQ(json::parse(a.get(at)->body)["state"], "open") << a.get(at)->body;
  ASSERT_EQ(status(a.change("PATCH", "/v1/offices/koh-22406", editor_, {{"worked_saturday_rule", "closed"}})), 200);
  EXPECT_EQ(json::parse(a.get(at)->body)["state"], "closed") << a.get(at)->body;
  auto bad = a.change("PATCH", "/v1/offices/koh-22406", editor_, {{"worked_saturday_rule", "néha"}});
  EXPECT_EQ(status(bad), 422);
  ASSERT_EQ(status(a.change("PATCH", "/v1/offices/koh-22406", editor_, {{"worked_saturday_rule", nullptr}})), 200);
  EXPECT_EQ(json::parse(a.get(at)->body)["state"], "open");
}

TEST_F(EditingApi, StaleIfMatchGets412AndMissingIfMatchGets428) {
  Api a = api();
  const std::string etag = a.etag("/v1/offices/koh-22406");
  ASSERT_EQ(
      status(a.send("PATCH", "/v1/offices/koh-22406", editor_, {{"opening_hours_note", "Első szerkesztő"}}, etag)),
      200);
  auto second = a.send("PATCH", "/v1/offices/koh-22406", editor_, {{"opening_hours_note", "Második szerkesztő"}}, etag);
  EXPECT_EQ(status(second), 412) << second->body;
  EXPECT_EQ(second->get_header_value("ETag"), a.etag("/v1/offices/koh-22406"));
  EXPECT_EQ(json::parse(a.get("/v1/offices/koh-22406")->body)["opening_hours_note"], "Első szerkesztő");
  auto blind = a.send("PATCH", "/v1/offices/koh-22406", editor_, {{"opening_hours_note", "Vakon"}});
  EXPECT_EQ(status(blind), 428) << blind->body;
  EXPECT_EQ(json::parse(blind->body)["field"], "If-Match");
}

struct Case {
  const char* who;  // admin, editor, none, forged
  const char* method;
  const char* path;
  json body;
  int expected;
};

TEST_F(EditingApi, RoleByOperationMatrix) {
  Api a = api();
  const json visit_own{
      {"id", "v-test-own"}, {"office_id", "jh-099"}, {"settlement_ksh", "34014"}, {"schedule", "We 09:00-10:00"}};
  const json holiday{{"date", "2027-12-27"},   {"weekday", "Mon"},        {"type", "athelyezett_pihenonap"},
                     {"name_hu", "Pihenőnap"}, {"name_en", "Bridge day"}, {"source_or_basis", "teszt"},
                     {"certainty", "stated"}};
  const json new_branch{{"id", "kir-34014"},
                        {"kind", "kirendeltseg"},
                        {"name", "Folyási Kirendeltség"},
                        {"district_code", "099"},
                        {"settlement_ksh", "34014"}};
  const std::vector<Case> cases = {
      // No key or a forged key: 401 for every write.
      {"none", "PATCH", "/v1/offices/koh-22406", {{"phone", "+36 52 000 000"}}, 401},
      {"forged", "PATCH", "/v1/offices/koh-22406", {{"phone", "+36 52 000 000"}}, 401},
      {"none", "POST", "/v1/calendar", holiday, 401},
      // An office editor: its own office's details, never structure, national records or other offices.
      {"editor", "PATCH", "/v1/offices/koh-22406", {{"phone", "+36 52 000 001"}}, 200},
      {"editor", "PATCH", "/v1/offices/koh-22406", {{"district_code", "193"}}, 403},
      {"editor", "DELETE", "/v1/offices/koh-22406", nullptr, 403},
      {"editor", "PATCH", "/v1/offices/jh-099", {{"phone", "+36 52 000 002"}}, 403},
      {"editor", "PATCH", "/v1/procedures/hagyateki-eljaras-hagyateki-leltar", {{"deadline", "8 nap"}}, 403},
      {"editor", "PATCH", "/v1/forms/lakcimbejelento-lap", {{"note", "x"}}, 403},
      {"editor", "POST", "/v1/calendar", holiday, 403},
      {"editor", "POST", "/v1/visits", visit_own, 403},
      {"editor", "PUT", "/v1/procedures/ado-es-ertekbizonyitvany/variants/koh-22406", {{"note", "Helyben"}}, 201},
      {"editor", "PUT", "/v1/procedures/ado-es-ertekbizonyitvany/variants/koh-18041", {{"note", "Máshol"}}, 403},
      // A variant only where the office handles the case (an ID card is the government window's).
      {"editor", "PUT", "/v1/procedures/szemelyi-igazolvany-potlasa/variants/koh-22406", {{"note", "Nálunk"}}, 422},
      {"editor", "POST", "/v1/offices", new_branch, 403},
      // An admin: everything.
      {"admin", "PATCH", "/v1/procedures/hagyateki-eljaras-hagyateki-leltar", {{"deadline", "8 nap"}}, 200},
      {"admin", "POST", "/v1/calendar", holiday, 201},
      {"admin", "POST", "/v1/visits", visit_own, 201},
      {"admin", "POST", "/v1/offices", new_branch, 201},
      {"admin", "POST", "/v1/offices", new_branch, 409},
      {"admin", "DELETE", "/v1/visits/v-test-own", nullptr, 204},
      {"admin", "PATCH", "/v1/nincs/x", {{"a", 1}}, 404},
  };
  for (const Case& c : cases) {
    const std::string who = c.who;
    const std::string key = who == "admin"    ? admin_
                            : who == "editor" ? editor_
                            : who == "forged" ? "ugk_000000000000_00"
                                              : "";
    const std::string method = c.method;
    httplib::Result res = (method == "POST" || std::string(c.path).find("/variants/") != std::string::npos ||
                           std::string(c.path).starts_with("/v1/nincs"))
                              ? a.send(method, c.path, key, c.body)
                              : a.change(method, c.path, key, c.body);
    EXPECT_EQ(status(res), c.expected) << who << " " << method << " " << c.path << " -> " << (res ? res->body : "");
  }
}

TEST_F(EditingApi, ValidationListsEveryInvalidFieldAndRejectsUnknownOnes) {
  Api a = api();
  auto res = a.change("PATCH", "/v1/offices/koh-22406", editor_,
                      {{"website", "nem url"}, {"email", "nincs-kukac"}, {"szin", "piros"}, {"name", 42}});
  ASSERT_EQ(status(res), 422) << res->body;
  json body = json::parse(res->body);
  std::set<std::string> fields;
  for (const auto& e : body["errors"]) fields.insert(e["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"website", "email", "szin", "name"}));

  auto hours = a.change("PATCH", "/v1/offices/koh-22406", editor_, {{"opening_hours", "hétfőtől péntekig 8-tól"}});
  ASSERT_EQ(status(hours), 422) << hours->body;
  EXPECT_EQ(json::parse(hours->body)["errors"][0]["field"], "opening_hours");

  auto visit =
      a.send("POST", "/v1/visits", admin_,
             {{"id", "v-bad"}, {"office_id", "jh-999"}, {"settlement_ksh", "00000"}, {"schedule", "Mo 08:00-09:00"}});
  ASSERT_EQ(status(visit), 422) << visit->body;
  SCOPED_TRACE(visit->body);
  fields.clear();
  const json visit_body = json::parse(visit->body);
  for (const auto& e : visit_body["errors"]) fields.insert(e["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"office_id", "settlement_ksh"}));

  auto fee = a.change("PATCH", "/v1/procedures/hagyateki-eljaras-hagyateki-leltar", admin_,
                      {{"fees", {{{"label", "Díj"}, {"amount_huf", -100}}}}});
  EXPECT_EQ(status(fee), 422);
}

TEST_F(EditingApi, MalformedAndOversizedBodiesAreRefusedClearly) {
  Api a = api();
  httplib::Client c("127.0.0.1", server_->port());
  httplib::Headers headers{{"Authorization", "Bearer " + admin_}, {"If-Match", a.etag("/v1/offices/koh-22406")}};
  auto broken = c.Patch("/v1/offices/koh-22406", headers, "{\"phone\": ", "application/json");
  ASSERT_EQ(status(broken), 400);
  EXPECT_EQ(json::parse(broken->body)["field"], "body");
  auto huge = c.Patch("/v1/offices/koh-22406", headers, json{{"services_note", std::string(8000, 'x')}}.dump(),
                      "application/json");
  ASSERT_EQ(status(huge), 413);
  EXPECT_EQ(json::parse(huge->body)["field"], "body");
}

TEST_F(EditingApi, ChangeFeedReturnsChangesInCommitOrderWithACursor) {
  Api a = api();
  // A client that starts following now gets no history, just a cursor.
  const json now = json::parse(a.get("/v1/changes?since=now")->body);
  EXPECT_TRUE(now["changes"].empty());
  const std::string cursor = now["next_cursor"];
  // Reading from the beginning pages through everything.
  const json beginning = json::parse(a.get("/v1/changes?since=0&limit=10")->body);
  EXPECT_EQ(beginning["changes"].size(), 10u);
  EXPECT_TRUE(beginning["has_more"]);
  for (const char* note : {"egy", "kettő", "három"}) {
    ASSERT_EQ(status(a.change("PATCH", "/v1/offices/koh-22406", editor_, {{"services_note", note}})), 200);
  }
  auto first = json::parse(a.get("/v1/changes?limit=2&since=" + cursor)->body);
  ASSERT_EQ(first["changes"].size(), 2u);
  EXPECT_TRUE(first["has_more"]);
  auto second = json::parse(a.get("/v1/changes?limit=2&since=" + first["next_cursor"].get<std::string>())->body);
  ASSERT_EQ(second["changes"].size(), 1u);
  EXPECT_FALSE(second["has_more"]);
  EXPECT_LT(first["changes"][0]["seq"], first["changes"][1]["seq"]);
  EXPECT_LT(first["changes"][1]["seq"], second["changes"][0]["seq"]);
  EXPECT_EQ(second["changes"][0]["fields"], json::array({"services_note"}));
  EXPECT_EQ(status(a.get("/v1/changes?since=abc")), 400);
}

TEST_F(EditingApi, ACommittedChangeBecomesSearchable) {
  Api a = api();
  json procedure = json::parse(a.get("/v1/procedures/hagyateki-eljaras-hagyateki-leltar")->body);
  for (const char* view_only : {"form_details", "scope", "variants", "broken_links"}) procedure.erase(view_only);
  procedure["id"] = "zoldsegpiaci-helypenz";
  procedure["title"] = "Zöldségpiaci helypénz befizetése";
  procedure["keywords"] = json::array({"piaci helypénz"});
  procedure["forms"] = json::array();
  ASSERT_EQ(status(a.send("POST", "/v1/procedures", admin_, procedure)), 201);
  bool found = false;
  const auto committed = std::chrono::steady_clock::now();
  for (int i = 0; i < 100 && !found; ++i) {
    auto res = json::parse(a.get("/v1/search?q=z%C3%B6lds%C3%A9gpiaci%20helyp%C3%A9nz")->body);
    found = !res["results"].empty() && res["results"][0]["id"] == "zoldsegpiaci-helypenz";
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(found);
  // A figure for the record (speed is measured in bench/, never asserted in tests).
  std::printf(
      "searchable %lld ms after the commit\n",
      static_cast<long long>(
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - committed).count()));
}

TEST_F(EditingApi, VerificationIsSeparateFromEditingAndDrivesTheStaleList) {
  Api a = api();
  auto stale = json::parse(a.get("/v1/offices/koh-22406/stale?days=30")->body);
  auto listed = [](const json& list, const std::string& id) {
    return std::any_of(list.begin(), list.end(), [&](const json& e) { return e["id"] == id; });
  };
  ASSERT_TRUE(listed(stale["stale"], "koh-22406"));
  const std::string etag = a.etag("/v1/offices/koh-22406");
  auto verified = a.send("POST", "/v1/offices/koh-22406/verify", editor_, nullptr);
  ASSERT_EQ(status(verified), 200) << verified->body;
  EXPECT_EQ(a.etag("/v1/offices/koh-22406"), etag);  // verifying is not editing
  stale = json::parse(a.get("/v1/offices/koh-22406/stale?days=30")->body);
  EXPECT_FALSE(listed(stale["stale"], "koh-22406"));
  EXPECT_EQ(status(a.send("POST", "/v1/offices/ph-16568/verify", editor_, nullptr)), 403);
  auto history = json::parse(a.get("/v1/offices/koh-22406/history")->body);
  EXPECT_FALSE(history["verified_at"].is_null());
}

TEST(EditingLimits, GuessingAKeyIsSlowedButNeverLocksOutAValidKey) {
  TempDir dir;
  const auto data_dir = import_reference(dir);
  const std::string editor = create_api_key(data_dir, {"--name", "KÖH", "--role", "editor", "--office", "koh-22406"});
  ServerProcess server(data_dir, {"--max-auth-failures", "3"});
  Api a(server.port());
  // Someone behind the same address guesses secrets for the editor's key id.
  const std::string key_id = editor.substr(4, editor.find('_', 4) - 4);
  const std::string guess = "ugk_" + key_id + "_0000";
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(status(a.change("PATCH", "/v1/offices/koh-22406", editor, json::object())), 200) << i;
  }
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(status(a.send("PATCH", "/v1/offices/koh-22406", guess, json::object(), "*")), 401);
  auto slowed = a.send("PATCH", "/v1/offices/koh-22406", guess, json::object(), "*");
  ASSERT_EQ(status(slowed), 429) << slowed->body;
  EXPECT_FALSE(slowed->get_header_value("Retry-After").empty());
  EXPECT_EQ(slowed->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u);
  // The editor's own key still works.
  auto valid = a.change("PATCH", "/v1/offices/koh-22406", editor, {{"phone", "+36 52 111 111"}});
  EXPECT_EQ(status(valid), 200) << valid->body;

  // Writes from one key are throttled per key.
  ServerProcess fresh(data_dir, {"--write-rate", "0.2", "--write-burst", "2"});
  Api b(fresh.port());
  EXPECT_EQ(status(b.change("PATCH", "/v1/offices/koh-22406", editor, {{"phone", "+36 1 111 111"}})), 200);
  EXPECT_EQ(status(b.change("PATCH", "/v1/offices/koh-22406", editor, {{"phone", "+36 1 222 222"}})), 200);
  auto flood = b.change("PATCH", "/v1/offices/koh-22406", editor, {{"phone", "+36 1 333 333"}});
  ASSERT_EQ(status(flood), 429);
  EXPECT_FALSE(flood->get_header_value("Retry-After").empty());
}

// Kills the server with SIGKILL during a stream of writes; after a restart the store, the feed and
// the index agree and every acknowledged write is there.
TEST(EditingDurability, NoAcknowledgedWriteIsLostWhenTheServerIsKilled) {
  TempDir dir;
  const auto data_dir = import_reference(dir);
  const std::string editor = create_api_key(data_dir, {"--name", "KÖH", "--role", "editor", "--office", "koh-22406"});
  auto server = std::make_unique<ServerProcess>(
      data_dir, std::vector<std::string>{"--write-rate", "1000", "--write-burst", "1000"});
  Api a(server->port());

  std::mutex mutex;
  std::vector<std::pair<int, std::string>> acknowledged;  // (counter, etag)
  std::atomic<bool> stop{false};
  std::atomic<int> attempted{0};
  std::thread writer([&] {
    std::string etag = a.etag("/v1/offices/koh-22406");
    for (int i = 1; !stop; ++i) {
      attempted = i;
      auto res =
          a.send("PATCH", "/v1/offices/koh-22406", editor, {{"services_note", "írás " + std::to_string(i)}}, etag);
      if (!res || res->status != 200) break;  // the server is gone
      etag = res->get_header_value("ETag");
      std::lock_guard lock(mutex);
      acknowledged.emplace_back(i, etag);
    }
  });
  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 15) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  server->kill_hard();
  stop = true;
  writer.join();
  ASSERT_GE(acknowledged.size(), 5u) << "too few writes before the kill";

  server = std::make_unique<ServerProcess>(data_dir);
  Api after(server->port());
  const auto [last_counter, last_etag] = acknowledged.back();
  json office = json::parse(after.get("/v1/offices/koh-22406")->body);
  const std::string note = office["services_note"];
  // The last acknowledged write is there, or the one in flight when the server died (committed, not acknowledged).
  EXPECT_TRUE(note == "írás " + std::to_string(last_counter) || note == "írás " + std::to_string(last_counter + 1))
      << note << " after " << last_counter;
  const std::string etag_now = after.etag("/v1/offices/koh-22406");
  EXPECT_GE(std::stoll(etag_now.substr(1)), std::stoll(last_etag.substr(1)));

  // The feed holds every acknowledged version, in order.
  std::vector<long long> seqs;
  const json history = json::parse(after.get("/v1/offices/koh-22406/history?limit=500")->body);
  for (const auto& c : history["revisions"]) {
    seqs.push_back(c["seq"]);
  }
  for (const auto& [counter, etag] : acknowledged) {
    EXPECT_NE(std::find(seqs.begin(), seqs.end(), std::stoll(etag.substr(1))), seqs.end()) << counter;
  }
  // The index was repaired at start-up to the store's version.
  json ready = json::parse(after.get("/readyz")->body);
  EXPECT_EQ(ready["store_version"], ready["index_version"]) << ready;
  EXPECT_EQ(ready["store_version"], ready["catalog_version"]) << ready;
}

}  // namespace
}  // namespace ugk::testing
