#include "kb/store.h"

#include "kb/json_codec.h"

#include <gtest/gtest.h>

#include <filesystem>
#include "tests/support/temp_dir.h"

namespace ugk::kb {
namespace {

namespace fs = std::filesystem;

using ugk::testing::TempDir;

Bundle small_bundle() {
  Bundle b;
  b.districts.push_back({"099", "Hajdúnánási", "Hajdúnánás", "Hajdú-Bihar", 6, 40000});
  Settlement folyas;
  folyas.ksh_code = "34014";
  folyas.name = "Folyás";
  folyas.district_code = "099";
  folyas.office_code = MunicipalOfficeCode::kJointOfficeMember;
  folyas.office_seat_ksh = "22406";
  folyas.postal_codes = {"4095"};
  b.settlements.push_back(folyas);
  Office koh;
  koh.id = "koh-22406";
  koh.kind = OfficeKind::kJointOffice;
  koh.name = "Hajdúnánási Közös Önkormányzati Hivatal";
  koh.opening_hours = "Mo-Th 08:00-12:00";
  b.offices.push_back(koh);
  Procedure p;
  p.id = "hagyateki-eljaras";
  p.title = "Hagyatéki eljárás";
  p.competence = {Authority::kNotary, Territory::kResidence, std::nullopt};
  p.fees = {{"Leltár", 0, "illetékmentes"}};
  b.procedures.push_back(p);
  b.calendar_days.push_back({"2026-01-02", "Fri", DayType::kBridgeRestDay, "Pihenőnap", "Bridge day", "decree", "stated"});
  return b;
}

TEST(Store, StartsEmptyAtVersionZeroWithTheLatestSchema) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  EXPECT_EQ(store.version(), 0);
  EXPECT_EQ(store.schema_version(), Store::latest_schema_version());
  EXPECT_EQ(store.load(), Bundle{});
}

TEST(Store, ReplaceContentsStoresEveryRecordAndLoadsItBackUnchanged) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  const Bundle bundle = small_bundle();
  ImportSummary summary = store.replace_contents(bundle, "test");
  EXPECT_TRUE(summary.changed());
  EXPECT_EQ(summary.by_kind.at("settlements").added, 1);
  EXPECT_EQ(summary.by_kind.at("offices").added, 1);
  EXPECT_EQ(store.load(), bundle);
}

TEST(Store, ReimportingTheSameContentChangesNothing) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "first");
  const std::int64_t version = store.version();
  ImportSummary again = store.replace_contents(small_bundle(), "second");
  EXPECT_FALSE(again.changed());
  EXPECT_EQ(store.version(), version);
  EXPECT_EQ(again.by_kind.at("settlements").unchanged, 1);
  EXPECT_EQ(again.by_kind.at("settlements").added, 0);
}

TEST(Store, ReportsAddedChangedAndRemovedRecordsPerKind) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "first");
  Bundle next = small_bundle();
  next.offices.front().opening_hours = "Mo-Fr 08:00-12:00";
  next.calendar_days.clear();
  Form form;
  form.id = "nyilatkozat";
  form.title = "Nyilatkozat";
  next.forms.push_back(form);
  ImportSummary summary = store.replace_contents(next, "second");
  EXPECT_EQ(summary.by_kind.at("offices"), (ChangeCounts{0, 1, 0, 0}));
  EXPECT_EQ(summary.by_kind.at("calendar_days"), (ChangeCounts{0, 0, 1, 0}));
  EXPECT_EQ(summary.by_kind.at("forms"), (ChangeCounts{1, 0, 0, 0}));
  EXPECT_EQ(summary.version_after - summary.version_before, 3);
  EXPECT_EQ(store.load(), next);
}

TEST(Store, ContentSurvivesReopeningTheFile) {
  TempDir dir;
  {
    Store store(dir.path() / "kb.sqlite3");
    store.replace_contents(small_bundle(), "test");
  }
  Store reopened(dir.path() / "kb.sqlite3", Store::Mode::kReadOnly);
  EXPECT_EQ(reopened.load(), small_bundle());
  EXPECT_GT(reopened.version(), 0);
}

TEST(Store, ReadOnlyOpenOfAnUnmigratedFileFailsWithAClearMessage) {
  TempDir dir;
  { SQLite::Database raw((dir.path() / "empty.sqlite3").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE); }
  try {
    Store store(dir.path() / "empty.sqlite3", Store::Mode::kReadOnly);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("import"), std::string::npos) << e.what();
  }
}

TEST(StoreWrites, EachWriteIsAVersionedChangeWithItsFieldDiff) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const std::int64_t v1 = store.record_version("offices", "koh-22406");
  ASSERT_GT(v1, 0);
  nlohmann::json doc = store.get("offices", "koh-22406")->doc;
  doc["opening_hours"] = "Mo-Fr 08:00-12:00";
  const std::int64_t v2 = store.write("offices", "koh-22406", doc, v1, "key-1");
  EXPECT_GT(v2, v1);
  EXPECT_EQ(store.get("offices", "koh-22406")->version, v2);
  const auto history = store.history("offices", "koh-22406", 10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].op, "change");
  EXPECT_EQ(history[0].actor, "key-1");
  ASSERT_EQ(history[0].diff.size(), 1u);
  EXPECT_EQ(history[0].diff[0]["field"], "opening_hours");
  EXPECT_EQ(history[0].diff[0]["old"], "Mo-Th 08:00-12:00");
  EXPECT_EQ(history[0].diff[0]["new"], "Mo-Fr 08:00-12:00");
  EXPECT_EQ(history[1].op, "add");
  EXPECT_EQ(history[1].actor, "import");
}

TEST(StoreWrites, AStaleExpectedVersionChangesNothing) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const std::int64_t v1 = store.record_version("offices", "koh-22406");
  nlohmann::json doc = store.get("offices", "koh-22406")->doc;
  doc["phone"] = "1";
  store.write("offices", "koh-22406", doc, v1, "a");
  doc["phone"] = "2";
  try {
    store.write("offices", "koh-22406", doc, v1, "b");
    FAIL() << "expected a conflict";
  } catch (const VersionConflict& e) {
    EXPECT_EQ(e.current(), store.record_version("offices", "koh-22406"));
  }
  EXPECT_EQ(store.get("offices", "koh-22406")->doc["phone"], "1");
  EXPECT_THROW(store.write("forms", "uj", nlohmann::json{{"id", "uj"}}, 5, "a"), VersionConflict);
}

TEST(StoreWrites, CreatesAndDeletesAndTheFeedKeepsCommitOrder) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const std::int64_t start = store.version();
  LocalSupplement s{"hagyateki-eljaras@koh-22406", "hagyateki-eljaras", "koh-22406", "Bejelentkezéssel", {}, {}, {}};
  const std::int64_t created = store.write("supplements", s.id, nlohmann::json(s), 0, "a");
  store.write("supplements", s.id, std::nullopt, created, "a");
  EXPECT_FALSE(store.get("supplements", s.id));
  const auto feed = store.changes_since(start, 10);
  ASSERT_EQ(feed.size(), 2u);
  EXPECT_EQ(feed[0].op, "add");
  EXPECT_EQ(feed[1].op, "remove");
  EXPECT_LT(feed[0].seq, feed[1].seq);
  EXPECT_EQ(store.changes_since(start, 1).size(), 1u);
}

TEST(StoreWrites, ReimportKeepsLocalSupplementsWhichNoBundleCarries) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  LocalSupplement s{"hagyateki-eljaras@koh-22406", "hagyateki-eljaras", "koh-22406", "Bejelentkezéssel", {}, {}, {}};
  store.write("supplements", s.id, nlohmann::json(s), 0, "a");
  store.replace_contents(small_bundle(), "import again");
  EXPECT_TRUE(store.get("supplements", s.id));
  EXPECT_EQ(store.load().supplements.size(), 1u);
}

TEST(StoreKeys, AreStoredWithoutSecretsAndRevokedOnce) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  ApiKeyRecord key{"k1", "Hivatal", "editor", {"koh-22406"}, {}, "hash", "", std::nullopt};
  store.add_key(key);
  auto keys = store.keys();
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].offices, std::vector<std::string>{"koh-22406"});
  EXPECT_FALSE(keys[0].revoked_at);
  EXPECT_TRUE(store.revoke_key("k1"));
  EXPECT_FALSE(store.revoke_key("k1"));
  EXPECT_TRUE(store.keys()[0].revoked_at);
}

TEST(StoreVerifications, RecordWhoVerifiedWhenWithoutAChange) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const std::int64_t version = store.version();
  EXPECT_FALSE(store.verification("offices", "koh-22406"));
  store.verify("offices", "koh-22406", "key-1");
  EXPECT_EQ(store.verification("offices", "koh-22406")->actor, "key-1");
  EXPECT_EQ(store.version(), version);
}

}  // namespace
}  // namespace ugk::kb
