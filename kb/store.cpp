#include "kb/store.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

#include "kb/formats.h"
#include "kb/json_codec.h"
#include "kb/record_kind.h"

namespace ugk::kb {
namespace {

using nlohmann::json;

// Each record kind lives in a table of (key, JSON document); the columns queries need are generated
// from the document, so the document stays the one mapping (kb/json_codec.h) and the SQL stays
// queryable with plain column names.
constexpr const char* kMigrations[] = {
    // 1: initial schema
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('add', 'change', 'remove')),
  source TEXT NOT NULL
);
CREATE INDEX changes_record ON changes (kind, record_id);
CREATE TABLE districts (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  name TEXT GENERATED ALWAYS AS (json_extract(doc, '$.name')) VIRTUAL,
  county TEXT GENERATED ALWAYS AS (json_extract(doc, '$.county')) VIRTUAL
);
CREATE TABLE settlements (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  name TEXT GENERATED ALWAYS AS (json_extract(doc, '$.name')) VIRTUAL,
  legal_status TEXT GENERATED ALWAYS AS (json_extract(doc, '$.legal_status')) VIRTUAL,
  county TEXT GENERATED ALWAYS AS (json_extract(doc, '$.county')) VIRTUAL,
  district_code TEXT GENERATED ALWAYS AS (json_extract(doc, '$.district_code')) VIRTUAL,
  office_code INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.office_code')) VIRTUAL,
  office_seat_ksh TEXT GENERATED ALWAYS AS (json_extract(doc, '$.office_seat_ksh')) VIRTUAL
);
CREATE INDEX settlements_district ON settlements (district_code);
CREATE INDEX settlements_office_seat ON settlements (office_seat_ksh);
CREATE TABLE offices (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  kind TEXT GENERATED ALWAYS AS (json_extract(doc, '$.kind')) VIRTUAL,
  district_code TEXT GENERATED ALWAYS AS (json_extract(doc, '$.district_code')) VIRTUAL,
  settlement_ksh TEXT GENERATED ALWAYS AS (json_extract(doc, '$.settlement_ksh')) VIRTUAL
);
CREATE INDEX offices_district ON offices (district_code);
CREATE TABLE procedures (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  title TEXT GENERATED ALWAYS AS (json_extract(doc, '$.title')) VIRTUAL,
  category TEXT GENERATED ALWAYS AS (json_extract(doc, '$.category')) VIRTUAL,
  authority TEXT GENERATED ALWAYS AS (json_extract(doc, '$.competence.authority')) VIRTUAL
);
CREATE TABLE forms (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  title TEXT GENERATED ALWAYS AS (json_extract(doc, '$.title')) VIRTUAL
);
CREATE TABLE visits (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  office_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.office_id')) VIRTUAL,
  settlement_ksh TEXT GENERATED ALWAYS AS (json_extract(doc, '$.settlement_ksh')) VIRTUAL
);
CREATE TABLE calendar_days (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  type TEXT GENERATED ALWAYS AS (json_extract(doc, '$.type')) VIRTUAL
);
CREATE TABLE closures (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc))
);
)sql",
    // 2: editing — who changed what (actor, field diff), local supplements, verifications, API keys
    R"sql(
ALTER TABLE changes ADD COLUMN actor TEXT NOT NULL DEFAULT 'import';
ALTER TABLE changes ADD COLUMN diff TEXT;
CREATE TABLE supplements (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  procedure_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.procedure_id')) VIRTUAL,
  office_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.office_id')) VIRTUAL
);
CREATE INDEX supplements_office ON supplements (office_id);
CREATE TABLE verifications (
  kind TEXT NOT NULL, record_id TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
  PRIMARY KEY (kind, record_id)
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),
  offices TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(offices)),
  origins TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(origins)),
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
)sql",
    // 3: one national catalogue — local variants replace supplements, local-only procedures, reviews
    R"sql(
CREATE TABLE variants (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  procedure_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.procedure_id')) VIRTUAL,
  office_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.office_id')) VIRTUAL
);
CREATE INDEX variants_office ON variants (office_id);
CREATE INDEX variants_procedure ON variants (procedure_id);
CREATE TABLE local_procedures (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)),
  office_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.office_id')) VIRTUAL,
  title TEXT GENERATED ALWAYS AS (json_extract(doc, '$.title')) VIRTUAL
);
CREATE INDEX local_procedures_office ON local_procedures (office_id);
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  variant_id TEXT NOT NULL,
  procedure_id TEXT NOT NULL,
  office_id TEXT NOT NULL,
  change_seq INTEGER NOT NULL,
  fields TEXT NOT NULL CHECK (json_valid(fields)),
  flagged_at TEXT NOT NULL,
  flagged_by TEXT NOT NULL,
  cleared_at TEXT,
  cleared_by TEXT
);
CREATE INDEX reviews_open ON reviews (office_id) WHERE cleared_at IS NULL;
CREATE INDEX reviews_variant ON reviews (variant_id) WHERE cleared_at IS NULL;
CREATE INDEX changes_seq_kind ON changes (seq, kind, record_id);
UPDATE changes SET kind = 'variants' WHERE kind = 'supplements';
UPDATE verifications SET kind = 'variants' WHERE kind = 'supplements';
-- Reader keys did nothing a user could see (reading needs no key); they are retired.
UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE role = 'reader' AND revoked_at IS NULL;
)sql",
    // 4: case guides
    R"sql(
CREATE TABLE guides (id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)));
)sql",
    // 5 (issue 13b): citizen feedback on answers and link checks. No client address is stored.
    R"sql(
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  procedure_id TEXT NOT NULL,
  office_id TEXT,
  found TEXT NOT NULL CHECK (found IN ('igen', 'reszben', 'nem')),
  satisfaction TEXT CHECK (satisfaction IN ('nagyon_jo', 'jo', 'nem_jo')),
  comment TEXT NOT NULL DEFAULT '',
  surface TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feedback_office ON feedback (office_id, at);
CREATE TABLE link_checks (
  url TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('ok', 'caution', 'broken')),
  problem TEXT NOT NULL DEFAULT '',
  http_status INTEGER NOT NULL DEFAULT 0,
  redirects INTEGER NOT NULL DEFAULT 0,
  final_url TEXT NOT NULL DEFAULT '',
  elapsed_ms REAL NOT NULL DEFAULT 0,
  content_type TEXT NOT NULL DEFAULT '',
  checked_at TEXT NOT NULL
);
)sql",
    // 6 (issue 13): editors' search tuning (synonyms, best bets) as record kinds.
    R"sql(
CREATE TABLE search_synonyms (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc))
);
CREATE TABLE best_bets (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc))
);
)sql",
    // 7 (issue 13): search analytics, daily roll-ups only. No client address, cookie or raw query:
    // the query is stored normalised and scrubbed (kb/scrub.h); '' stands for "not told".
    R"sql(
CREATE TABLE search_days (
  day TEXT NOT NULL,
  query TEXT NOT NULL,
  surface TEXT NOT NULL,
  district TEXT NOT NULL,
  office_id TEXT NOT NULL,
  searches INTEGER NOT NULL DEFAULT 0 CHECK (searches >= 0),
  zero_results INTEGER NOT NULL DEFAULT 0 CHECK (zero_results >= 0),
  relaxed INTEGER NOT NULL DEFAULT 0 CHECK (relaxed >= 0),
  PRIMARY KEY (day, query, surface, district, office_id)
) WITHOUT ROWID;
CREATE TABLE search_open_days (
  day TEXT NOT NULL,
  query TEXT NOT NULL,
  surface TEXT NOT NULL,
  district TEXT NOT NULL,
  office_id TEXT NOT NULL,
  result_id TEXT NOT NULL,
  opens INTEGER NOT NULL DEFAULT 0 CHECK (opens >= 0),
  PRIMARY KEY (day, query, surface, district, office_id, result_id)
) WITHOUT ROWID;
)sql",
};

constexpr int kLatestSchemaVersion = static_cast<int>(std::size(kMigrations));

const json& null_value() {
  static const json kNull;
  return kNull;
}

std::string table(RecordKind kind) {
  return std::string(info(kind).name);
}

// Top-level field differences between two versions of a record's document. An added or removed record
// is one "*" entry holding the whole document, so a history shows what existed without a field list.
json field_diff(const json& before, const json& after) {
  json diff = json::array();
  if (before.is_null() || after.is_null()) {
    diff.push_back({{"field", "*"}, {"old", before}, {"new", after}});
    return diff;
  }
  for (const auto& [key, value] : before.items()) {
    const json& now = after.contains(key) ? after.at(key) : null_value();
    if (value != now) diff.push_back({{"field", key}, {"old", value}, {"new", now}});
  }
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key)) diff.push_back({{"field", key}, {"old", nullptr}, {"new", value}});
  }
  return diff;
}

std::int64_t insert_change(SQLite::Database& db, RecordKind kind, std::string_view id, std::string_view op,
                           std::string_view actor, std::string_view source, const json& diff) {
  SQLite::Statement log(
      db, "INSERT INTO changes (at, kind, record_id, op, source, actor, diff) VALUES (?, ?, ?, ?, ?, ?, ?)");
  log.bind(1, utc_now());
  log.bind(2, table(kind));
  log.bind(3, std::string(id));
  log.bind(4, std::string(op));
  log.bind(5, std::string(source));
  log.bind(6, std::string(actor));
  log.bind(7, diff.dump());
  log.exec();
  return db.getLastInsertRowid();
}

// Schema 3, data part: each local supplement (an office's additions to a national procedure) becomes
// a local variant with the same id. Additions become overrides that keep the national content in
// front, so that the office's answer shows exactly what it showed before: the national documents
// stay and the extra ones follow (extra_documents), the national fees and forms stay and the local
// ones follow.
void migrate_supplements_to_variants(SQLite::Database& db) {
  SQLite::Statement supplements(db, "SELECT id, doc FROM supplements ORDER BY id");
  std::vector<std::pair<std::string, json>> rows;
  while (supplements.executeStep()) {
    rows.emplace_back(supplements.getColumn(0).getString(), json::parse(supplements.getColumn(1).getString()));
  }
  for (const auto& [id, old_doc] : rows) {
    json national;
    {
      SQLite::Statement query(db, "SELECT doc FROM procedures WHERE id = ?");
      query.bind(1, old_doc.value("procedure_id", std::string()));
      if (query.executeStep()) national = json::parse(query.getColumn(0).getString());
    }
    json variant = {{"id", id},
                    {"procedure_id", old_doc.value("procedure_id", std::string())},
                    {"office_id", old_doc.value("office_id", std::string())},
                    {"extra_documents", old_doc.value("extra_documents", json::array())},
                    {"local_legal_basis", json::array()}};
    if (old_doc.contains("note") && !old_doc["note"].is_null()) variant["note"] = old_doc["note"];
    const json local_fees = old_doc.value("fees", json::array());
    if (!local_fees.empty()) {
      json fees = national.is_object() ? national.value("fees", json::array()) : json::array();
      for (const auto& fee : local_fees) fees.push_back(fee);
      variant["fees"] = fees;
    }
    const json local_forms = old_doc.value("forms", json::array());
    if (!local_forms.empty()) {
      json forms = json::array();
      if (national.is_object()) {
        for (const auto& form_id : national.value("forms", json::array())) forms.push_back({{"form_id", form_id}});
      }
      for (const auto& form : local_forms) forms.push_back(form);
      variant["forms"] = forms;
    }
    // Through the codec, so that a migrated document is exactly what the codec writes.
    const json canonical = json(variant.get<LocalVariant>());
    SQLite::Statement insert(db, "INSERT INTO variants (id, doc) VALUES (?, ?)");
    insert.bind(1, id);
    insert.bind(2, canonical.dump());
    insert.exec();
    insert_change(db, RecordKind::kVariant, id, "change", "migration", "schema 3: local supplement to local variant",
                  field_diff(old_doc, canonical));
  }
  db.exec("DROP TABLE supplements");
}

void migrate(SQLite::Database& db) {
  int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > kLatestSchemaVersion) {
    throw std::runtime_error("the database schema (version " + std::to_string(version) +
                             ") is newer than this program supports (" + std::to_string(kLatestSchemaVersion) + ")");
  }
  for (; version < kLatestSchemaVersion; ++version) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec(kMigrations[version]);
    if (version + 1 == 3) migrate_supplements_to_variants(db);
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    tx.commit();
  }
}

int open_flags(Store::Mode mode) {
  return mode == Store::Mode::kReadOnly ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
}

std::string upsert_sql(RecordKind kind) {
  return "INSERT INTO " + table(kind) + " (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc";
}

}  // namespace

Store::Store(const std::filesystem::path& db_file, Mode mode) : db_(db_file.string(), open_flags(mode)) {
  db_.setBusyTimeout(5000);
  db_.exec("PRAGMA foreign_keys = ON");
  if (mode == Mode::kReadWrite) {
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec("PRAGMA synchronous = FULL");
    migrate(db_);
  } else if (schema_version() != kLatestSchemaVersion) {
    throw std::runtime_error("the database at " + db_file.string() + " has schema version " +
                             std::to_string(schema_version()) + ", expected " + std::to_string(kLatestSchemaVersion) +
                             "; run `ugykalauz import` or `serve` first");
  }
}

int Store::latest_schema_version() {
  return kLatestSchemaVersion;
}

int Store::schema_version() const {
  return db_.execAndGet("PRAGMA user_version").getInt();
}

std::int64_t Store::version() const {
  return db_.execAndGet("SELECT COALESCE(MAX(seq), 0) FROM changes").getInt64();
}

namespace {

// Runs `fn` inside one read transaction so that everything it reads comes from one snapshot (inside
// a transaction already open on this connection, that one is the snapshot).
template <typename Fn>
void in_read_transaction(SQLite::Database& db, Fn&& fn) {
  if (sqlite3_get_autocommit(db.getHandle()) == 0) {
    fn();
    return;
  }
  db.exec("BEGIN");
  try {
    fn();
    db.exec("COMMIT");
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
}

void load_records(SQLite::Database& db, Bundle& bundle) {
  for_each_kind([&](auto kind) {
    using T = typename decltype(kind)::Record;
    auto& out = bundle.*(kind.records);
    SQLite::Statement query(db, "SELECT doc FROM " + table(kind.kind) + " ORDER BY id");
    while (query.executeStep()) out.push_back(json::parse(query.getColumn(0).getString()).template get<T>());
  });
}

}  // namespace

Bundle Store::load() const {
  Bundle bundle;
  in_read_transaction(db_, [&] { load_records(db_, bundle); });
  return bundle;
}

StoredContent Store::load_all() const {
  StoredContent content;
  in_read_transaction(db_, [&] {
    content.version = version();
    load_records(db_, content.bundle);
    SQLite::Statement query(db_, "SELECT kind, record_id, MAX(seq) FROM changes GROUP BY kind, record_id");
    while (query.executeStep()) {
      const auto kind = parse_record_kind(query.getColumn(0).getString());
      if (kind) content.versions[*kind][query.getColumn(1).getString()] = query.getColumn(2).getInt64();
    }
  });
  return content;
}

std::int64_t Store::append_change(RecordKind kind, std::string_view id, std::string_view op, std::string_view actor,
                                  std::string_view source, const json& diff) {
  return insert_change(db_, kind, id, op, actor, source, diff);
}

ImportSummary Store::replace_contents(const Bundle& bundle, std::string_view source,
                                      const std::set<RecordKind>& absent) {
  ImportSummary summary;
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  summary.version_before = version();

  for_each_kind([&](auto kind) {
    if (absent.contains(kind.kind)) return;
    ChangeCounts counts;
    std::unordered_map<std::string, std::string> existing;
    {
      SQLite::Statement query(db_, "SELECT id, doc FROM " + table(kind.kind));
      while (query.executeStep()) existing.emplace(query.getColumn(0).getString(), query.getColumn(1).getString());
    }
    SQLite::Statement upsert(db_, upsert_sql(kind.kind));
    SQLite::Statement remove(db_, "DELETE FROM " + table(kind.kind) + " WHERE id = ?");
    for (const auto& record : bundle.*(kind.records)) {
      const std::string& id = kind.key(record);
      const json doc = json(record);
      auto it = existing.find(id);
      json before;
      if (it == existing.end()) {
        ++counts.added;
      } else {
        before = json::parse(it->second);
        existing.erase(it);
        // Parsed documents compare exactly: nlohmann::json keeps object keys sorted.
        if (before == doc) {
          ++counts.unchanged;
          continue;
        }
        ++counts.changed;
      }
      upsert.bind(1, id);
      upsert.bind(2, doc.dump());
      upsert.exec();
      upsert.reset();
      append_change(kind.kind, id, before.is_null() ? "add" : "change", "import", source, field_diff(before, doc));
    }
    for (const auto& [id, old_doc] : existing) {
      remove.bind(1, id);
      remove.exec();
      remove.reset();
      append_change(kind.kind, id, "remove", "import", source, field_diff(json::parse(old_doc), nullptr));
      ++counts.removed;
    }
    summary.by_kind[kind.kind] = counts;
  });

  summary.version_after = version();
  if (summary.changed()) {
    SQLite::Statement meta(
        db_, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    meta.bind(1, "last_import_source");
    meta.bind(2, std::string(source));
    meta.exec();
    meta.reset();
    meta.bind(1, "last_import_at");
    meta.bind(2, utc_now());
    meta.exec();
  }
  tx.commit();
  return summary;
}

namespace {

std::optional<StoredRecord> read_record(SQLite::Database& db, RecordKind kind, std::string_view id) {
  SQLite::Statement query(db, "SELECT doc FROM " + table(kind) + " WHERE id = ?");
  query.bind(1, std::string(id));
  if (!query.executeStep()) return std::nullopt;
  StoredRecord record{json::parse(query.getColumn(0).getString()), 0};
  SQLite::Statement version(db, "SELECT COALESCE(MAX(seq), 0) FROM changes WHERE kind = ? AND record_id = ?");
  version.bind(1, table(kind));
  version.bind(2, std::string(id));
  version.executeStep();
  record.version = version.getColumn(0).getInt64();
  return record;
}

}  // namespace

std::optional<StoredRecord> Store::get(RecordKind kind, std::string_view id) const {
  return read_record(db_, kind, id);
}

std::int64_t Store::record_version(RecordKind kind, std::string_view id) const {
  const auto record = read_record(db_, kind, id);
  return record ? record->version : 0;
}

// --- Write transactions ----------------------------------------------------------------------------

Store::WriteTransaction::WriteTransaction(Store& store)
    : store_(store), tx_(store.db_, SQLite::TransactionBehavior::IMMEDIATE), version_before_(store.version()) {}

std::optional<StoredRecord> Store::WriteTransaction::get(RecordKind kind, std::string_view id) const {
  return read_record(store_.db_, kind, id);
}

std::int64_t Store::WriteTransaction::put(RecordKind kind, std::string_view id, const std::optional<json>& doc,
                                          std::int64_t expected_version, std::string_view actor) {
  const auto before = get(kind, id);
  const std::int64_t current = before ? before->version : 0;
  if (current != expected_version) throw VersionConflict(current);
  if (!doc && !before) throw VersionConflict(0);
  if (doc) {
    SQLite::Statement upsert(store_.db_, upsert_sql(kind));
    upsert.bind(1, std::string(id));
    upsert.bind(2, doc->dump());
    upsert.exec();
  } else {
    SQLite::Statement remove(store_.db_, "DELETE FROM " + table(kind) + " WHERE id = ?");
    remove.bind(1, std::string(id));
    remove.exec();
  }
  const json& old_doc = before ? before->doc : null_value();
  const json& new_doc = doc ? *doc : null_value();
  const char* op = !before ? "add" : (doc ? "change" : "remove");
  return store_.append_change(kind, id, op, actor, "api", field_diff(old_doc, new_doc));
}

void Store::WriteTransaction::flag_review(const Review& review) {
  SQLite::Statement insert(store_.db_,
                           "INSERT INTO reviews (variant_id, procedure_id, office_id, change_seq, fields, flagged_at, "
                           "flagged_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, review.variant_id);
  insert.bind(2, review.procedure_id);
  insert.bind(3, review.office_id);
  insert.bind(4, review.change_seq);
  insert.bind(5, json(review.fields).dump());
  insert.bind(6, utc_now());
  insert.bind(7, review.flagged_by);
  insert.exec();
}

int Store::WriteTransaction::clear_reviews(std::string_view variant_id, std::string_view actor) {
  SQLite::Statement update(
      store_.db_, "UPDATE reviews SET cleared_at = ?, cleared_by = ? WHERE variant_id = ? AND cleared_at IS NULL");
  update.bind(1, utc_now());
  update.bind(2, std::string(actor));
  update.bind(3, std::string(variant_id));
  return update.exec();
}

void Store::WriteTransaction::verify(RecordKind kind, std::string_view id, std::string_view actor) {
  SQLite::Statement upsert(store_.db_,
                           "INSERT INTO verifications (kind, record_id, at, actor) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (kind, record_id) DO UPDATE SET at = excluded.at, actor = excluded.actor");
  upsert.bind(1, table(kind));
  upsert.bind(2, std::string(id));
  upsert.bind(3, utc_now());
  upsert.bind(4, std::string(actor));
  upsert.exec();
}

void Store::WriteTransaction::commit() {
  tx_.commit();
}

// --- Reading the log ------------------------------------------------------------------------------------

namespace {

Change read_change(SQLite::Statement& query) {
  Change c;
  c.seq = query.getColumn(0).getInt64();
  c.at = query.getColumn(1).getString();
  c.kind = parse_record_kind(query.getColumn(2).getString()).value_or(RecordKind::kOffice);
  c.record_id = query.getColumn(3).getString();
  c.op = query.getColumn(4).getString();
  c.actor = query.getColumn(5).getString();
  c.source = query.getColumn(6).getString();
  const std::string diff = query.getColumn(7).isNull() ? "[]" : query.getColumn(7).getString();
  c.diff = json::parse(diff);
  return c;
}

constexpr const char* kChangeColumns = "SELECT seq, at, kind, record_id, op, actor, source, diff FROM changes ";

std::int64_t bounded(std::size_t limit) {
  return static_cast<std::int64_t>(std::min<std::size_t>(limit, 1'000'000));
}

}  // namespace

std::vector<Change> Store::history(RecordKind kind, std::string_view id, std::size_t limit) const {
  SQLite::Statement query(db_,
                          std::string(kChangeColumns) + "WHERE kind = ? AND record_id = ? ORDER BY seq DESC LIMIT ?");
  query.bind(1, table(kind));
  query.bind(2, std::string(id));
  query.bind(3, bounded(limit));
  std::vector<Change> out;
  while (query.executeStep()) out.push_back(read_change(query));
  return out;
}

std::vector<Change> Store::changes_since(std::int64_t after_seq, std::size_t limit) const {
  SQLite::Statement query(db_, std::string(kChangeColumns) + "WHERE seq > ? ORDER BY seq LIMIT ?");
  query.bind(1, after_seq);
  query.bind(2, bounded(limit));
  std::vector<Change> out;
  while (query.executeStep()) out.push_back(read_change(query));
  return out;
}

std::vector<std::pair<RecordKind, std::string>> Store::changed_records_since(std::int64_t after_seq,
                                                                             std::size_t limit) const {
  SQLite::Statement query(db_, "SELECT DISTINCT kind, record_id FROM changes WHERE seq > ? LIMIT ?");
  query.bind(1, after_seq);
  query.bind(2, bounded(limit) + 1);
  std::vector<std::pair<RecordKind, std::string>> out;
  while (query.executeStep()) {
    if (auto kind = parse_record_kind(query.getColumn(0).getString())) {
      out.emplace_back(*kind, query.getColumn(1).getString());
    }
  }
  return out;
}

std::map<std::int64_t, std::string> Store::change_times(const std::vector<std::int64_t>& seqs) const {
  std::map<std::int64_t, std::string> out;
  SQLite::Statement query(db_, "SELECT at FROM changes WHERE seq = ?");
  for (const std::int64_t seq : seqs) {
    if (out.contains(seq)) continue;
    query.reset();
    query.bind(1, seq);
    if (query.executeStep()) out.emplace(seq, query.getColumn(0).getString());
  }
  return out;
}

std::optional<std::int64_t> Store::first_change_since(std::string_view at) const {
  // `at` is written in commit order, so the times rise with seq.
  SQLite::Statement query(db_, "SELECT MIN(seq) FROM changes WHERE at >= ?");
  query.bind(1, std::string(at));
  if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
  return query.getColumn(0).getInt64();
}

std::optional<Verification> Store::verification(RecordKind kind, std::string_view id) const {
  SQLite::Statement query(db_, "SELECT at, actor FROM verifications WHERE kind = ? AND record_id = ?");
  query.bind(1, table(kind));
  query.bind(2, std::string(id));
  if (!query.executeStep()) return std::nullopt;
  return Verification{query.getColumn(0).getString(), query.getColumn(1).getString()};
}

std::vector<Review> Store::open_reviews(const std::optional<std::string>& office_id) const {
  SQLite::Statement query(db_, std::string("SELECT id, variant_id, procedure_id, office_id, change_seq, fields, "
                                           "flagged_at, flagged_by FROM reviews WHERE cleared_at IS NULL") +
                                   (office_id ? " AND office_id = ?" : "") + " ORDER BY id");
  if (office_id) query.bind(1, *office_id);
  std::vector<Review> out;
  while (query.executeStep()) {
    Review r;
    r.id = query.getColumn(0).getInt64();
    r.variant_id = query.getColumn(1).getString();
    r.procedure_id = query.getColumn(2).getString();
    r.office_id = query.getColumn(3).getString();
    r.change_seq = query.getColumn(4).getInt64();
    r.fields = json::parse(query.getColumn(5).getString()).get<std::vector<std::string>>();
    r.flagged_at = query.getColumn(6).getString();
    r.flagged_by = query.getColumn(7).getString();
    out.push_back(std::move(r));
  }
  return out;
}

// --- API keys -----------------------------------------------------------------------------------------

void Store::add_key(const ApiKeyRecord& key) {
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement insert(db_,
                           "INSERT INTO api_keys (id, name, role, offices, secret_hash, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, key.id);
  insert.bind(2, key.name);
  insert.bind(3, key.role);
  insert.bind(4, json(key.offices).dump());
  insert.bind(5, key.secret_hash);
  insert.bind(6, utc_now());
  insert.exec();
  tx.commit();
}

namespace {

constexpr const char* kKeyColumns =
    "SELECT id, name, role, offices, secret_hash, created_at, revoked_at FROM api_keys ";

ApiKeyRecord read_key(SQLite::Statement& query) {
  ApiKeyRecord k;
  k.id = query.getColumn(0).getString();
  k.name = query.getColumn(1).getString();
  k.role = query.getColumn(2).getString();
  k.offices = json::parse(query.getColumn(3).getString()).get<std::vector<std::string>>();
  k.secret_hash = query.getColumn(4).getString();
  k.created_at = query.getColumn(5).getString();
  if (!query.getColumn(6).isNull()) k.revoked_at = query.getColumn(6).getString();
  return k;
}

}  // namespace

std::vector<ApiKeyRecord> Store::keys() const {
  SQLite::Statement query(db_, std::string(kKeyColumns) + "ORDER BY created_at, id");
  std::vector<ApiKeyRecord> out;
  while (query.executeStep()) out.push_back(read_key(query));
  return out;
}

std::optional<ApiKeyRecord> Store::key(std::string_view id) const {
  SQLite::Statement query(db_, std::string(kKeyColumns) + "WHERE id = ?");
  query.bind(1, std::string(id));
  if (!query.executeStep()) return std::nullopt;
  return read_key(query);
}

bool Store::revoke_key(std::string_view id) {
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement update(db_, "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
  update.bind(1, utc_now());
  update.bind(2, std::string(id));
  const bool changed = update.exec() > 0;
  tx.commit();
  return changed;
}

void Store::backup_to(const std::filesystem::path& target) const {
  SQLite::Database destination(target.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  SQLite::Backup backup(destination, db_);
  backup.executeStep(-1);  // all pages in one step: a consistent snapshot of the source
}

}  // namespace ugk::kb
