// The subcommands of the `ugykalauz` binary. Each returns the process exit code (see kExit*).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "api/endpoints.h"
#include "api/server.h"
#include "links/link_checker.h"

namespace ugk::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;      // runtime failure (I/O, database, index)
inline constexpr int kExitInvalidData = 2;  // the bundle has errors; nothing was written
inline constexpr int kExitNotFound = 3;     // the named record (e.g. an API key) does not exist
inline constexpr int kExitUsage = 64;       // bad command line (sysexits EX_USAGE)

struct ImportOptions {
  std::filesystem::path data_dir;
  std::filesystem::path bundle;
  bool quiet = false;
};

struct ServeOptions {
  std::filesystem::path data_dir;
  api::ServerConfig server;
  std::size_t searchers = 4;
  int refresh_seconds = 2;
  api::WriteOptions write;
  double feedback_burst = 5;
  double feedback_per_minute = 6;
  int feedback_min_ms = 2000;  // sooner after the answer was shown: dropped
  int link_check_hours = 0;    // 0: no background link checks
  bool analytics = true;       // anonymous search analytics (service/search_analytics.h)
  int analytics_flush_seconds = 60;
  int analytics_retention_days = 400;
};

struct LinkCheckCommandOptions {
  std::filesystem::path data_dir;
  links::LinkCheckOptions checks;
  int per_host_delay_ms = 1000;
  int timeout_ms = 10000;
  int slow_ms = 3000;
  bool quiet = false;
};

struct GenerateOptions {
  std::filesystem::path source;  // a reference bundle
  std::filesystem::path target;
  std::uint32_t seed = 2024;
  double variant_share = 0.35;
  int local_procedures_per_county = 3;
  std::vector<std::string> districts;  // empty: the whole country
  bool quiet = false;
};

int run_check(const std::filesystem::path& bundle, bool quiet);
int run_generate_bundle(const GenerateOptions& options);
int run_import(const ImportOptions& options);
int run_reindex(const std::filesystem::path& data_dir);
int run_serve(const ServeOptions& options);
// Checks every form and online-channel URL of the data folder's knowledge base and stores the
// results (the serving process picks them up within a second).
int run_check_links(const LinkCheckCommandOptions& options);
// Online backup of the database (SQLite backup API: consistent while a server writes), checked with
// PRAGMA integrity_check, written to `target` (which must not exist) via a temporary file.
int run_backup(const std::filesystem::path& data_dir, const std::filesystem::path& target);
// Restores a backup into `data_dir` (a fresh folder, or `force` to replace its database; stop the
// server first), checks it, and rebuilds the search index from it.
int run_restore(const std::filesystem::path& backup, const std::filesystem::path& data_dir, bool force);

}  // namespace ugk::cli
