// The three search engines the benchmarks compare, built from the same documents:
//   ugk       our Xapian index (search/)
//   sqlite    SQLite FTS5, tokenizer unicode61 remove_diacritics 2, bm25 with field weights
//   postgres  PostgreSQL full-text search, configuration hungarian with unaccent, ts_rank
// The baselines get what a team would write in an afternoon: the same fields with the same relative
// weights as ours, the query's words OR-ed with the last word as a prefix (as-you-type), stop words
// and stemming from the engine's own Hungarian support. No synonyms, no typo tolerance.
//
// Thread-safety: an Engine is used by one thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.h"

namespace ugk::bench {

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string name() const = 0;
  // Indexes the procedures and forms of `bundle` (offices are not part of the comparison).
  virtual void build(const kb::Bundle& bundle) = 0;
  // Ids of the best `limit` procedures for `text`, best first.
  virtual std::vector<std::string> search_procedures(std::string_view text, std::size_t limit) = 0;
  // Index size on disk in bytes (0 if not applicable).
  virtual std::uintmax_t index_bytes() const = 0;
};

// `work_dir` must exist; each engine keeps its files there.
std::unique_ptr<Engine> make_ugk_engine(const std::filesystem::path& work_dir);
std::unique_ptr<Engine> make_sqlite_engine(const std::filesystem::path& work_dir);
// `conninfo`: libpq connection string of a server the harness started (run.sh); the engine creates
// and drops its own database `ugk_bench`.
std::unique_ptr<Engine> make_postgres_engine(const std::string& conninfo);

// Words of `text` as the baselines query them: Unicode letters/digits, lower-cased.
std::vector<std::string> query_words(std::string_view text);

// Size of all files under `path`.
std::uintmax_t directory_bytes(const std::filesystem::path& path);

// The procedures.json, forms.json and offices.json of a bundle directory.
kb::Bundle load_search_bundle(const std::filesystem::path& bundle_dir);

}  // namespace ugk::bench
