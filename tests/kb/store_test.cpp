#include "kb/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "auth/api_key.h"
#include "kb/json_codec.h"
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
  p.fees = {{"Leltár", 0, "illetékmentes", std::nullopt}};
  b.procedures.push_back(p);
  b.calendar_days.push_back(
      {"2026-01-02", "Fri", DayType::kBridgeRestDay, "Pihenőnap", "Bridge day", "decree", "stated"});
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
  EXPECT_EQ(summary.by_kind.at(RecordKind::kSettlement).added, 1);
  EXPECT_EQ(summary.by_kind.at(RecordKind::kOffice).added, 1);
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
  EXPECT_EQ(again.by_kind.at(RecordKind::kSettlement).unchanged, 1);
  EXPECT_EQ(again.by_kind.at(RecordKind::kSettlement).added, 0);
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
  EXPECT_EQ(summary.by_kind.at(RecordKind::kOffice), (ChangeCounts{0, 1, 0, 0}));
  EXPECT_EQ(summary.by_kind.at(RecordKind::kCalendarDay), (ChangeCounts{0, 0, 1, 0}));
  EXPECT_EQ(summary.by_kind.at(RecordKind::kForm), (ChangeCounts{1, 0, 0, 0}));
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

// One write in its own transaction, as the editing service does.
std::int64_t write(Store& store, RecordKind kind, const std::string& id, const std::optional<nlohmann::json>& doc,
                   std::int64_t expected, const std::string& actor) {
  Store::WriteTransaction tx(store);
  const std::int64_t seq = tx.put(kind, id, doc, expected, actor);
  tx.commit();
  return seq;
}

LocalVariant variant_of_hagyatek() {
  LocalVariant v;
  v.id = "hagyateki-eljaras@koh-22406";
  v.procedure_id = "hagyateki-eljaras";
  v.office_id = "koh-22406";
  v.note = "Bejelentkezéssel";
  return v;
}

TEST(StoreWrites, EachWriteIsAVersionedChangeWithItsFieldDiff) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const std::int64_t v1 = store.record_version(RecordKind::kOffice, "koh-22406");
  ASSERT_GT(v1, 0);
  nlohmann::json doc = store.get(RecordKind::kOffice, "koh-22406")->doc;
  doc["opening_hours"] = "Mo-Fr 08:00-12:00";
  const std::int64_t v2 = write(store, RecordKind::kOffice, "koh-22406", doc, v1, "key-1");
  EXPECT_GT(v2, v1);
  EXPECT_EQ(store.get(RecordKind::kOffice, "koh-22406")->version, v2);
  const auto history = store.history(RecordKind::kOffice, "koh-22406", 10);
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
  const std::int64_t v1 = store.record_version(RecordKind::kOffice, "koh-22406");
  nlohmann::json doc = store.get(RecordKind::kOffice, "koh-22406")->doc;
  doc["phone"] = "1";
  write(store, RecordKind::kOffice, "koh-22406", doc, v1, "a");
  doc["phone"] = "2";
  try {
    write(store, RecordKind::kOffice, "koh-22406", doc, v1, "b");
    FAIL() << "expected a conflict";
  } catch (const VersionConflict& e) {
    EXPECT_EQ(e.current(), store.record_version(RecordKind::kOffice, "koh-22406"));
  }
  EXPECT_EQ(store.get(RecordKind::kOffice, "koh-22406")->doc["phone"], "1");
  EXPECT_THROW(write(store, RecordKind::kForm, "uj", nlohmann::json{{"id", "uj"}}, 5, "a"), VersionConflict);
}

TEST(StoreWrites, ATransactionDestroyedBeforeCommitLeavesNoTrace) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const std::int64_t version = store.version();
  {
    Store::WriteTransaction tx(store);
    tx.put(RecordKind::kVariant, variant_of_hagyatek().id, nlohmann::json(variant_of_hagyatek()), 0, "a");
    tx.flag_review({0, variant_of_hagyatek().id, "hagyateki-eljaras", "koh-22406", 1, {"fees"}, "", "a", {}, {}});
  }
  EXPECT_EQ(store.version(), version);
  EXPECT_FALSE(store.get(RecordKind::kVariant, variant_of_hagyatek().id));
  EXPECT_TRUE(store.open_reviews(std::nullopt).empty());
}

TEST(StoreWrites, CreatesAndDeletesAndTheFeedKeepsCommitOrder) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const std::int64_t start = store.version();
  const LocalVariant v = variant_of_hagyatek();
  const std::int64_t created = write(store, RecordKind::kVariant, v.id, nlohmann::json(v), 0, "a");
  write(store, RecordKind::kVariant, v.id, std::nullopt, created, "a");
  EXPECT_FALSE(store.get(RecordKind::kVariant, v.id));
  const auto feed = store.changes_since(start, 10);
  ASSERT_EQ(feed.size(), 2u);
  EXPECT_EQ(feed[0].op, "add");
  EXPECT_EQ(feed[0].kind, RecordKind::kVariant);
  EXPECT_EQ(feed[1].op, "remove");
  EXPECT_LT(feed[0].seq, feed[1].seq);
  EXPECT_EQ(store.changes_since(start, 1).size(), 1u);
  const auto changed = store.changed_records_since(start, 10);
  ASSERT_EQ(changed.size(), 1u);  // one record, changed twice
  EXPECT_EQ(changed[0], std::make_pair(RecordKind::kVariant, v.id));
}

TEST(StoreWrites, AReimportWithoutTheOptionalFilesKeepsVariantsAndLocalProcedures) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const LocalVariant v = variant_of_hagyatek();
  write(store, RecordKind::kVariant, v.id, nlohmann::json(v), 0, "a");
  const ImportSummary again =
      store.replace_contents(small_bundle(), "import again", {RecordKind::kVariant, RecordKind::kLocalProcedure});
  EXPECT_FALSE(again.changed());
  EXPECT_FALSE(again.by_kind.contains(RecordKind::kVariant));
  EXPECT_TRUE(store.get(RecordKind::kVariant, v.id));
  // A bundle that carries the file is authoritative for the kind.
  store.replace_contents(small_bundle(), "import with an empty variants file");
  EXPECT_FALSE(store.get(RecordKind::kVariant, v.id));
}

TEST(StoreWrites, LoadAllReadsContentVersionAndRecordVersionsTogether) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const StoredContent content = store.load_all();
  EXPECT_EQ(content.version, store.version());
  EXPECT_EQ(content.bundle, small_bundle());
  EXPECT_EQ(content.versions.at(RecordKind::kOffice).at("koh-22406"),
            store.record_version(RecordKind::kOffice, "koh-22406"));
}

TEST(StoreReviews, StayOpenUntilClearedAndAreListedPerOffice) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  {
    Store::WriteTransaction tx(store);
    tx.flag_review({0,
                    "hagyateki-eljaras@koh-22406",
                    "hagyateki-eljaras",
                    "koh-22406",
                    7,
                    {"fees", "documents"},
                    "",
                    "admin-key",
                    {},
                    {}});
    tx.commit();
  }
  ASSERT_EQ(store.open_reviews(std::string("koh-22406")).size(), 1u);
  EXPECT_TRUE(store.open_reviews(std::string("ph-16568")).empty());
  const Review review = store.open_reviews(std::nullopt).front();
  EXPECT_EQ(review.fields, (std::vector<std::string>{"fees", "documents"}));
  EXPECT_EQ(review.change_seq, 7);
  EXPECT_EQ(review.flagged_by, "admin-key");
  {
    Store::WriteTransaction tx(store);
    EXPECT_EQ(tx.clear_reviews("hagyateki-eljaras@koh-22406", "editor-key"), 1);
    tx.commit();
  }
  EXPECT_TRUE(store.open_reviews(std::nullopt).empty());
}

// SHA-256 computed here with OpenSSL directly, independent of auth::hash_secret.
std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EXPECT_EQ(EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr), 1);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    static constexpr char kDigits[] = "0123456789abcdef";
    hex += kDigits[digest[i] >> 4];
    hex += kDigits[digest[i] & 0x0f];
  }
  return hex;
}

// Every byte SQLite wrote for the database: the main file, its WAL and any journal.
std::string database_bytes(const fs::path& dir) {
  std::string bytes;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return bytes;
}

TEST(StoreKeys, AreStoredWithoutSecretsAndRevokedOnce) {
  TempDir dir;
  const fs::path file = dir.path() / "kb.sqlite3";
  const auth::NewKey key = auth::mint_key("Hivatal", auth::Role::kEditor, {"koh-22406"});
  const auto token = auth::parse_token(key.token);
  ASSERT_TRUE(token);
  ASSERT_EQ(token->id, key.record.id);
  ASSERT_GE(token->secret.size(), 32u);
  const std::string expected_hash = sha256_hex(token->secret);
  ASSERT_EQ(expected_hash.size(), 64u);
  {
    Store store(file);
    store.add_key(key.record);
    auto keys = store.keys();
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0].id, key.record.id);
    EXPECT_EQ(keys[0].secret_hash, expected_hash);
    EXPECT_EQ(keys[0].offices, std::vector<std::string>{"koh-22406"});
    EXPECT_FALSE(keys[0].revoked_at);
    EXPECT_TRUE(store.revoke_key(key.record.id));
    EXPECT_FALSE(store.revoke_key(key.record.id));
    EXPECT_TRUE(store.keys()[0].revoked_at);
  }

  // The rows as SQLite holds them, read past the Store: the key's row carries the hash, and no column
  // of any table carries the secret or the token.
  SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
  SQLite::Statement key_row(db, "SELECT secret_hash FROM api_keys WHERE id = ?");
  key_row.bind(1, key.record.id);
  ASSERT_TRUE(key_row.executeStep());
  EXPECT_EQ(key_row.getColumn(0).getString(), expected_hash);
  std::size_t rows = 0;
  SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
  while (tables.executeStep()) {
    const std::string table = tables.getColumn(0).getString();
    SQLite::Statement all(db, "SELECT * FROM \"" + table + "\"");
    while (all.executeStep()) {
      ++rows;
      for (int c = 0; c < all.getColumnCount(); ++c) {
        const std::string value = all.getColumn(c).getString();
        EXPECT_EQ(value.find(token->secret), std::string::npos) << table << "." << all.getColumnName(c);
      }
    }
  }
  EXPECT_GE(rows, 1u);
  // And the files themselves (pages, WAL): the secret appears nowhere, the hash does.
  const std::string bytes = database_bytes(dir.path());
  EXPECT_EQ(bytes.find(token->secret), std::string::npos);
  EXPECT_EQ(bytes.find(key.token), std::string::npos);
  EXPECT_NE(bytes.find(expected_hash), std::string::npos);
  Store reopened(file);
  EXPECT_EQ(reopened.key(key.record.id)->name, "Hivatal");
  EXPECT_FALSE(reopened.key("nincs-ilyen"));
}

TEST(StoreVerifications, RecordWhoVerifiedWhenWithoutAChange) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  const std::int64_t version = store.version();
  EXPECT_FALSE(store.verification(RecordKind::kOffice, "koh-22406"));
  {
    Store::WriteTransaction tx(store);
    tx.verify(RecordKind::kOffice, "koh-22406", "key-1");
    tx.commit();
  }
  EXPECT_EQ(store.verification(RecordKind::kOffice, "koh-22406")->actor, "key-1");
  EXPECT_EQ(store.version(), version);
}

TEST(StoreBackup, CopiesAConsistentDatabaseThatOpensAsAStore) {
  TempDir dir;
  Store store(dir.path() / "kb.sqlite3");
  store.replace_contents(small_bundle(), "import");
  store.backup_to(dir.path() / "copy.sqlite3");
  Store copy(dir.path() / "copy.sqlite3", Store::Mode::kReadOnly);
  EXPECT_EQ(copy.load(), small_bundle());
  EXPECT_EQ(copy.version(), store.version());
}

// A data folder of the previous release (schema 2): its local supplements become local variants with
// the same id and the same answer content, and their history carries over.
TEST(StoreMigration, Schema2SupplementsBecomeVariantsAndNothingIsLost) {
  TempDir dir;
  const fs::path file = dir.path() / "old.sqlite3";
  {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    std::ifstream in(std::string(UGK_TEST_FIXTURES) + "/schema2.sql");
    std::stringstream sql;
    sql << in.rdbuf();
    ASSERT_FALSE(sql.str().empty());
    raw.exec(sql.str());
  }
  Store store(file);
  EXPECT_EQ(store.schema_version(), Store::latest_schema_version());
  const auto variant = store.get(RecordKind::kVariant, "hagyateki-eljaras-hagyateki-leltar@koh-22406");
  ASSERT_TRUE(variant);
  const LocalVariant v = variant->doc.get<LocalVariant>();
  EXPECT_EQ(v.note, "Ügyfélfogadás csak előzetes bejelentkezéssel.");
  EXPECT_EQ(v.extra_documents, std::vector<std::string>{"A hagyatéki ügyben eljáró jegyző által kért nyilatkozat"});
  // The national fees stay in front of the office's own fee, as the supplement showed them.
  ASSERT_TRUE(v.fees);
  ASSERT_EQ(v.fees->size(), 2u);
  EXPECT_EQ((*v.fees)[0].label, "Hagyatéki eljárás");
  EXPECT_EQ((*v.fees)[1].label, "Helyi ügyintézési díj");
  ASSERT_TRUE(v.forms);
  ASSERT_EQ(v.forms->size(), 1u);
  EXPECT_EQ((*v.forms)[0].title, "Bejelentkezési lap");
  const auto history = store.history(RecordKind::kVariant, v.id, 10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].actor, "migration");
  EXPECT_EQ(history[1].actor, "k1");
  EXPECT_EQ(store.verification(RecordKind::kVariant, v.id)->actor, "k1");
  // Reader keys did nothing and are retired.
  EXPECT_TRUE(store.key("r1")->revoked_at);
  EXPECT_FALSE(store.key("k1")->revoked_at);
}

}  // namespace
}  // namespace ugk::kb
