#include "bench/common/engines.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "kb/enums.h"
#include "kb/json_codec.h"
#include "search/analyzer.h"
#include "search/index_builder.h"
#include "search/searcher.h"

namespace ugk::bench {
namespace {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// The text fields every engine indexes, with our field weights (title and keywords count most).
struct Fields {
  std::string id, type, title, keywords, summary, body;
};

std::vector<Fields> fields_of(const kb::Bundle& bundle) {
  std::vector<Fields> docs;
  for (const auto& p : bundle.procedures) {
    docs.push_back({p.id, "procedure", p.title, join(p.keywords, ", "), p.category + ". " + p.summary,
                    p.description + " " + join(p.documents, ". ")});
  }
  for (const auto& f : bundle.forms) {
    docs.push_back({f.id, "form", f.title, f.code.value_or(""), "", f.issuer + " " + f.note.value_or("")});
  }
  return docs;
}

class UgkEngine final : public Engine {
 public:
  explicit UgkEngine(std::filesystem::path dir) : dir_(std::move(dir) / "ugk-index") {}
  std::string name() const override { return "ugk"; }
  void build(const kb::Bundle& bundle) override {
    kb::Bundle docs;
    docs.procedures = bundle.procedures;
    docs.forms = bundle.forms;
    std::filesystem::remove_all(dir_);
    search::build_index(docs, 1, dir_);
    searcher_ = std::make_unique<search::Searcher>(dir_);
  }
  std::vector<std::string> search_procedures(std::string_view text, std::size_t limit) override {
    search::SearchRequest request;
    request.text = std::string(text);
    request.type = search::DocType::kProcedure;
    request.limit = limit;
    std::vector<std::string> ids;
    for (const auto& hit : searcher_->search(request).hits) ids.push_back(hit.id);
    return ids;
  }
  std::uintmax_t index_bytes() const override { return directory_bytes(dir_); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<search::Searcher> searcher_;
};

void sqlite_check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db));
  }
}

class SqliteEngine final : public Engine {
 public:
  explicit SqliteEngine(std::filesystem::path dir) : file_(std::move(dir) / "fts5.sqlite3") {}
  ~SqliteEngine() override {
    if (query_) sqlite3_finalize(query_);
    if (db_) sqlite3_close(db_);
  }
  std::string name() const override { return "sqlite-fts5"; }
  void build(const kb::Bundle& bundle) override {
    std::filesystem::remove(file_);
    sqlite_check(sqlite3_open(file_.c_str(), &db_), db_, "open");
    exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
    exec(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, type UNINDEXED, title, keywords, summary, body, "
        "tokenize='unicode61 remove_diacritics 2')");
    exec("BEGIN");
    sqlite3_stmt* insert = nullptr;
    sqlite_check(sqlite3_prepare_v2(db_, "INSERT INTO docs VALUES (?,?,?,?,?,?)", -1, &insert, nullptr), db_,
                 "prepare");
    for (const Fields& f : fields_of(bundle)) {
      const std::string* values[] = {&f.id, &f.type, &f.title, &f.keywords, &f.summary, &f.body};
      for (int i = 0; i < 6; ++i) sqlite3_bind_text(insert, i + 1, values[i]->c_str(), -1, SQLITE_TRANSIENT);
      sqlite_check(sqlite3_step(insert), db_, "insert");
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    exec("COMMIT");
    exec("INSERT INTO docs(docs) VALUES('optimize')");
    // Field weights as ours: title 5, keywords 4, summary 2, body 1.
    sqlite_check(sqlite3_prepare_v2(db_,
                                    "SELECT id FROM docs WHERE docs MATCH ? AND type = 'procedure' "
                                    "ORDER BY bm25(docs, 0, 0, 5, 4, 2, 1) LIMIT ?",
                                    -1, &query_, nullptr),
                 db_, "prepare");
  }
  std::vector<std::string> search_procedures(std::string_view text, std::size_t limit) override {
    const auto words = query_words(text);
    if (words.empty()) return {};
    std::string match;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i > 0) match += " OR ";
      match += '"' + words[i] + '"';
      if (i + 1 == words.size()) match += '*';
    }
    sqlite3_reset(query_);
    sqlite3_bind_text(query_, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(query_, 2, static_cast<int>(limit));
    std::vector<std::string> ids;
    int rc = 0;
    while ((rc = sqlite3_step(query_)) == SQLITE_ROW) {
      ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query_, 0)));
    }
    sqlite_check(rc, db_, "query");
    return ids;
  }
  std::uintmax_t index_bytes() const override { return std::filesystem::file_size(file_); }

 private:
  void exec(const char* sql) { sqlite_check(sqlite3_exec(db_, sql, nullptr, nullptr, nullptr), db_, sql); }
  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* query_ = nullptr;
};

class PgResult {
 public:
  PgResult(PGconn* conn, PGresult* result) : result_(result) {
    const auto status = PQresultStatus(result_);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      const std::string message = PQerrorMessage(conn);
      PQclear(result_);
      throw std::runtime_error("postgres: " + message);
    }
  }
  ~PgResult() { PQclear(result_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PGresult* get() const { return result_; }

 private:
  PGresult* result_;
};

PGconn* pg_connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("postgres connect (" + conninfo + "): " + message);
  }
  return conn;
}

class PostgresEngine final : public Engine {
 public:
  explicit PostgresEngine(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  ~PostgresEngine() override {
    if (conn_) PQfinish(conn_);
  }
  std::string name() const override { return "postgres-fts"; }
  void build(const kb::Bundle& bundle) override {
    {
      PGconn* admin = pg_connect(conninfo_ + " dbname=postgres");
      PQclear(PQexec(admin, "DROP DATABASE IF EXISTS ugk_bench"));
      PgResult(admin, PQexec(admin, "CREATE DATABASE ugk_bench ENCODING 'UTF8' TEMPLATE template0"));
      PQfinish(admin);
    }
    conn_ = pg_connect(conninfo_ + " dbname=ugk_bench");
    exec("SET client_min_messages = warning");
    exec("CREATE EXTENSION unaccent");
    // The usual recipe: accents removed before the Snowball Hungarian stemmer.
    exec("CREATE TEXT SEARCH CONFIGURATION hu (COPY = hungarian)");
    exec(
        "ALTER TEXT SEARCH CONFIGURATION hu ALTER MAPPING FOR hword, hword_part, word WITH unaccent, "
        "hungarian_stem");
    exec("CREATE TABLE docs (id text, type text, vec tsvector)");
    exec("BEGIN");
    PgResult(conn_, PQprepare(conn_, "ins",
                              "INSERT INTO docs VALUES ($1, $2, setweight(to_tsvector('hu', $3), 'A') || "
                              "setweight(to_tsvector('hu', $4), 'A') || setweight(to_tsvector('hu', $5), 'B') "
                              "|| setweight(to_tsvector('hu', $6), 'D'))",
                              6, nullptr));
    for (const Fields& f : fields_of(bundle)) {
      const char* values[] = {f.id.c_str(),       f.type.c_str(),    f.title.c_str(),
                              f.keywords.c_str(), f.summary.c_str(), f.body.c_str()};
      PgResult(conn_, PQexecPrepared(conn_, "ins", 6, values, nullptr, nullptr, 0));
    }
    exec("COMMIT");
    exec("CREATE INDEX docs_vec ON docs USING gin (vec)");
    exec("VACUUM ANALYZE docs");
    PgResult(conn_, PQprepare(conn_, "q",
                              "SELECT id FROM docs, to_tsquery('hu', $1) q WHERE type = 'procedure' AND vec @@ q "
                              "ORDER BY ts_rank(vec, q) DESC LIMIT $2",
                              2, nullptr));
  }
  std::vector<std::string> search_procedures(std::string_view text, std::size_t limit) override {
    const auto words = query_words(text);
    if (words.empty()) return {};
    std::string tsquery;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i > 0) tsquery += " | ";
      tsquery += words[i];
      if (i + 1 == words.size()) tsquery += ":*";
    }
    const std::string limit_text = std::to_string(limit);
    const char* values[] = {tsquery.c_str(), limit_text.c_str()};
    PgResult result(conn_, PQexecPrepared(conn_, "q", 2, values, nullptr, nullptr, 0));
    std::vector<std::string> ids;
    for (int row = 0; row < PQntuples(result.get()); ++row) ids.emplace_back(PQgetvalue(result.get(), row, 0));
    return ids;
  }
  std::uintmax_t index_bytes() const override {
    PgResult result(conn_, PQexec(conn_, "SELECT pg_total_relation_size('docs')"));
    return std::stoull(PQgetvalue(result.get(), 0, 0));
  }

 private:
  void exec(const char* sql) { PgResult(conn_, PQexec(conn_, sql)); }
  std::string conninfo_;
  PGconn* conn_ = nullptr;
};

template <typename T>
std::vector<T> load_array(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return nlohmann::json::parse(in).get<std::vector<T>>();
}

}  // namespace

std::unique_ptr<Engine> make_ugk_engine(const std::filesystem::path& work_dir) {
  return std::make_unique<UgkEngine>(work_dir);
}
std::unique_ptr<Engine> make_sqlite_engine(const std::filesystem::path& work_dir) {
  return std::make_unique<SqliteEngine>(work_dir);
}
std::unique_ptr<Engine> make_postgres_engine(const std::string& conninfo) {
  return std::make_unique<PostgresEngine>(conninfo);
}

std::vector<std::string> query_words(std::string_view text) {
  search::Analyzer analyzer{search::StopWords{}};
  std::vector<std::string> words;
  for (const auto& token : analyzer.analyze(text)) words.push_back(token.word);
  return words;
}

std::uintmax_t directory_bytes(const std::filesystem::path& path) {
  std::uintmax_t total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

kb::Bundle load_search_bundle(const std::filesystem::path& bundle_dir) {
  kb::Bundle bundle;
  bundle.procedures = load_array<kb::Procedure>(bundle_dir / "procedures.json");
  bundle.forms = load_array<kb::Form>(bundle_dir / "forms.json");
  bundle.offices = load_array<kb::Office>(bundle_dir / "offices.json");
  return bundle;
}

}  // namespace ugk::bench
