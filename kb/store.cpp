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

ImportSummary Store::replace_contents(const Bundle& bundle, std::string_view source) {
  ImportSummary summary;
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  summary.version_before = version();
  const std::string at = utc_now();
  SQLite::Statement log(db_, "INSERT INTO changes (at, kind, record_id, op, source) VALUES (?, ?, ?, ?, ?)");
  auto record_change = [&](const char* kind, const std::string& id, const char* op) {
    log.bind(1, at);
    log.bind(2, kind);
    log.bind(3, id);
    log.bind(4, op);
    log.bind(5, std::string(source));
    log.exec();
    log.reset();
  };

  for_each_kind([&](const auto& kind) {
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
      // Serialised documents compare exactly: nlohmann::json keeps object keys sorted.
      std::string doc = json(record).dump();
      auto it = existing.find(id);
      const char* op = nullptr;
      if (it == existing.end()) {
        op = "add";
        ++counts.added;
      } else {
        if (json::parse(it->second).dump() != doc) {
          op = "change";
          ++counts.changed;
        } else {
          ++counts.unchanged;
        }
        existing.erase(it);
      }
      if (op == nullptr) continue;
      upsert.bind(1, id);
      upsert.bind(2, doc);
      upsert.exec();
      upsert.reset();
      record_change(kind.table, id, op);
    }
    for (const auto& [id, _] : existing) {
      remove.bind(1, id);
      remove.exec();
      remove.reset();
      record_change(kind.table, id, "remove");
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
    meta.bind(2, at);
    meta.exec();
  }
  tx.commit();
  return summary;
}

}  // namespace ugk::kb
