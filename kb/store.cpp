#include "kb/store.h"

#include <chrono>
#include <ctime>
#include <functional>
#include <stdexcept>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "kb/json_codec.h"

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
};

constexpr int kLatestSchemaVersion = static_cast<int>(std::size(kMigrations));

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

const json& null_value() {
  static const json kNull;
  return kNull;
}

// Record kinds in dependency order; the order also fixes the order of change-log entries.
template <typename T>
struct Kind {
  using Record = T;
  const char* table;
  std::vector<T> Bundle::*records;
  std::function<const std::string&(const T&)> key;
};

const std::string& district_key(const District& d) { return d.code; }
const std::string& settlement_key(const Settlement& s) { return s.ksh_code; }
const std::string& calendar_key(const CalendarDay& d) { return d.date; }
template <typename T>
const std::string& id_key(const T& v) {
  return v.id;
}

template <typename Fn>
void for_each_kind(Fn&& fn) {
  fn(Kind<District>{"districts", &Bundle::districts, district_key});
  fn(Kind<Settlement>{"settlements", &Bundle::settlements, settlement_key});
  fn(Kind<Office>{"offices", &Bundle::offices, id_key<Office>});
  fn(Kind<Form>{"forms", &Bundle::forms, id_key<Form>});
  fn(Kind<Procedure>{"procedures", &Bundle::procedures, id_key<Procedure>});
  fn(Kind<Visit>{"visits", &Bundle::visits, id_key<Visit>});
  fn(Kind<CalendarDay>{"calendar_days", &Bundle::calendar_days, calendar_key});
  fn(Kind<Closure>{"closures", &Bundle::closures, id_key<Closure>});
  fn(Kind<LocalSupplement>{"supplements", &Bundle::supplements, id_key<LocalSupplement>});
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

void migrate(SQLite::Database& db) {
  int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > kLatestSchemaVersion) {
    throw std::runtime_error("the database schema (version " + std::to_string(version) +
                             ") is newer than this program supports (" +
                             std::to_string(kLatestSchemaVersion) + ")");
  }
  for (; version < kLatestSchemaVersion; ++version) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec(kMigrations[version]);
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    tx.commit();
  }
}

int open_flags(Store::Mode mode) {
  return mode == Store::Mode::kReadOnly ? SQLite::OPEN_READONLY
                                        : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
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
                             std::to_string(schema_version()) + ", expected " +
                             std::to_string(kLatestSchemaVersion) + "; run `ugykalauz import` first");
  }
}

int Store::latest_schema_version() { return kLatestSchemaVersion; }

int Store::schema_version() const { return db_.execAndGet("PRAGMA user_version").getInt(); }

std::int64_t Store::version() const {
  return db_.execAndGet("SELECT COALESCE(MAX(seq), 0) FROM changes").getInt64();
}

Bundle Store::load() const {
  Bundle bundle;
  // One read transaction so that every table is read from the same snapshot.
  db_.exec("BEGIN");
  try {
    for_each_kind([&](const auto& kind) {
      using T = typename std::remove_cvref_t<decltype(kind)>::Record;
      auto& out = bundle.*(kind.records);
      SQLite::Statement query(db_, std::string("SELECT doc FROM ") + kind.table + " ORDER BY id");
      while (query.executeStep()) {
        out.push_back(json::parse(query.getColumn(0).getString()).template get<T>());
      }
    });
    db_.exec("COMMIT");
  } catch (...) {
    db_.exec("ROLLBACK");
    throw;
  }
  return bundle;
}

std::int64_t Store::append_change(std::string_view kind, std::string_view id, std::string_view op,
                                  std::string_view actor, std::string_view source, const json& diff) {
  SQLite::Statement log(db_,
                        "INSERT INTO changes (at, kind, record_id, op, source, actor, diff) VALUES (?, ?, ?, ?, ?, ?, ?)");
  log.bind(1, utc_now());
  log.bind(2, std::string(kind));
  log.bind(3, std::string(id));
  log.bind(4, std::string(op));
  log.bind(5, std::string(source));
  log.bind(6, std::string(actor));
  log.bind(7, diff.dump());
  log.exec();
  return db_.getLastInsertRowid();
}

ImportSummary Store::replace_contents(const Bundle& bundle, std::string_view source) {
  ImportSummary summary;
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  summary.version_before = version();

  for_each_kind([&](const auto& kind) {
    // Local supplements are edited through the API; a bundle never carries them.
    if (std::string_view(kind.table) == "supplements") return;
    ChangeCounts counts;
    std::unordered_map<std::string, std::string> existing;
    {
      SQLite::Statement query(db_, std::string("SELECT id, doc FROM ") + kind.table);
      while (query.executeStep()) existing.emplace(query.getColumn(0).getString(), query.getColumn(1).getString());
    }
    SQLite::Statement upsert(db_, std::string("INSERT INTO ") + kind.table +
                                      " (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc");
    SQLite::Statement remove(db_, std::string("DELETE FROM ") + kind.table + " WHERE id = ?");
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
      append_change(kind.table, id, before.is_null() ? "add" : "change", "import", source, field_diff(before, doc));
    }
    for (const auto& [id, old_doc] : existing) {
      remove.bind(1, id);
      remove.exec();
      remove.reset();
      append_change(kind.table, id, "remove", "import", source, field_diff(json::parse(old_doc), nullptr));
      ++counts.removed;
    }
    summary.by_kind[kind.table] = counts;
  });

  summary.version_after = version();
  if (summary.changed()) {
    SQLite::Statement meta(db_, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
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

bool Store::is_record_kind(std::string_view kind) {
  bool found = false;
  for_each_kind([&](const auto& k) { found = found || kind == k.table; });
  return found;
}

std::optional<StoredRecord> Store::get(std::string_view kind, std::string_view id) const {
  if (!is_record_kind(kind)) throw std::invalid_argument("unknown record kind");
  SQLite::Statement query(db_, "SELECT doc FROM " + std::string(kind) + " WHERE id = ?");
  query.bind(1, std::string(id));
  if (!query.executeStep()) return std::nullopt;
  return StoredRecord{json::parse(query.getColumn(0).getString()), record_version(kind, id)};
}

std::int64_t Store::record_version(std::string_view kind, std::string_view id) const {
  SQLite::Statement query(db_, "SELECT COALESCE(MAX(seq), 0) FROM changes WHERE kind = ? AND record_id = ?");
  query.bind(1, std::string(kind));
  query.bind(2, std::string(id));
  query.executeStep();
  return query.getColumn(0).getInt64();
}

std::int64_t Store::write(std::string_view kind, std::string_view id, const std::optional<json>& doc,
                          std::int64_t expected_version, std::string_view actor) {
  if (!is_record_kind(kind)) throw std::invalid_argument("unknown record kind");
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  const std::string table(kind);
  json before;
  {
    SQLite::Statement query(db_, "SELECT doc FROM " + table + " WHERE id = ?");
    query.bind(1, std::string(id));
    if (query.executeStep()) before = json::parse(query.getColumn(0).getString());
  }
  const std::int64_t current = before.is_null() ? 0 : record_version(kind, id);
  if (current != expected_version) throw VersionConflict(current);
  if (!doc && before.is_null()) throw VersionConflict(0);
  if (doc) {
    SQLite::Statement upsert(db_, "INSERT INTO " + table +
                                      " (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc");
    upsert.bind(1, std::string(id));
    upsert.bind(2, doc->dump());
    upsert.exec();
  } else {
    SQLite::Statement remove(db_, "DELETE FROM " + table + " WHERE id = ?");
    remove.bind(1, std::string(id));
    remove.exec();
  }
  const json after = doc ? *doc : json();
  const char* op = before.is_null() ? "add" : (doc ? "change" : "remove");
  const std::int64_t seq = append_change(kind, id, op, actor, "api", field_diff(before, after));
  tx.commit();
  return seq;
}

namespace {

Change read_change(SQLite::Statement& query) {
  Change c;
  c.seq = query.getColumn(0).getInt64();
  c.at = query.getColumn(1).getString();
  c.kind = query.getColumn(2).getString();
  c.record_id = query.getColumn(3).getString();
  c.op = query.getColumn(4).getString();
  c.actor = query.getColumn(5).getString();
  c.source = query.getColumn(6).getString();
  const std::string diff = query.getColumn(7).isNull() ? "[]" : query.getColumn(7).getString();
  c.diff = json::parse(diff);
  return c;
}

constexpr const char* kChangeColumns = "SELECT seq, at, kind, record_id, op, actor, source, diff FROM changes ";

}  // namespace

std::vector<Change> Store::history(std::string_view kind, std::string_view id, std::size_t limit) const {
  SQLite::Statement query(db_, std::string(kChangeColumns) + "WHERE kind = ? AND record_id = ? ORDER BY seq DESC LIMIT ?");
  query.bind(1, std::string(kind));
  query.bind(2, std::string(id));
  query.bind(3, static_cast<std::int64_t>(limit));
  std::vector<Change> out;
  while (query.executeStep()) out.push_back(read_change(query));
  return out;
}

std::vector<Change> Store::changes_since(std::int64_t after_seq, std::size_t limit) const {
  SQLite::Statement query(db_, std::string(kChangeColumns) + "WHERE seq > ? ORDER BY seq LIMIT ?");
  query.bind(1, after_seq);
  query.bind(2, static_cast<std::int64_t>(limit));
  std::vector<Change> out;
  while (query.executeStep()) out.push_back(read_change(query));
  return out;
}

std::unordered_map<std::string, std::int64_t> Store::record_versions() const {
  std::unordered_map<std::string, std::int64_t> out;
  SQLite::Statement query(db_, "SELECT kind, record_id, MAX(seq) FROM changes GROUP BY kind, record_id");
  while (query.executeStep()) {
    out[query.getColumn(0).getString() + "/" + query.getColumn(1).getString()] = query.getColumn(2).getInt64();
  }
  return out;
}

void Store::verify(std::string_view kind, std::string_view id, std::string_view actor) {
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement upsert(db_, "INSERT INTO verifications (kind, record_id, at, actor) VALUES (?, ?, ?, ?) "
                                "ON CONFLICT (kind, record_id) DO UPDATE SET at = excluded.at, actor = excluded.actor");
  upsert.bind(1, std::string(kind));
  upsert.bind(2, std::string(id));
  upsert.bind(3, utc_now());
  upsert.bind(4, std::string(actor));
  upsert.exec();
  tx.commit();
}

std::optional<Verification> Store::verification(std::string_view kind, std::string_view id) const {
  SQLite::Statement query(db_, "SELECT at, actor FROM verifications WHERE kind = ? AND record_id = ?");
  query.bind(1, std::string(kind));
  query.bind(2, std::string(id));
  if (!query.executeStep()) return std::nullopt;
  return Verification{query.getColumn(0).getString(), query.getColumn(1).getString()};
}

void Store::add_key(const ApiKeyRecord& key) {
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement insert(db_, "INSERT INTO api_keys (id, name, role, offices, origins, secret_hash, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, key.id);
  insert.bind(2, key.name);
  insert.bind(3, key.role);
  insert.bind(4, json(key.offices).dump());
  insert.bind(5, json(key.origins).dump());
  insert.bind(6, key.secret_hash);
  insert.bind(7, utc_now());
  insert.exec();
  tx.commit();
}

std::vector<ApiKeyRecord> Store::keys() const {
  SQLite::Statement query(db_, "SELECT id, name, role, offices, origins, secret_hash, created_at, revoked_at "
                               "FROM api_keys ORDER BY created_at, id");
  std::vector<ApiKeyRecord> out;
  while (query.executeStep()) {
    ApiKeyRecord k;
    k.id = query.getColumn(0).getString();
    k.name = query.getColumn(1).getString();
    k.role = query.getColumn(2).getString();
    k.offices = json::parse(query.getColumn(3).getString()).get<std::vector<std::string>>();
    k.origins = json::parse(query.getColumn(4).getString()).get<std::vector<std::string>>();
    k.secret_hash = query.getColumn(5).getString();
    k.created_at = query.getColumn(6).getString();
    if (!query.getColumn(7).isNull()) k.revoked_at = query.getColumn(7).getString();
    out.push_back(std::move(k));
  }
  return out;
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

}  // namespace ugk::kb
