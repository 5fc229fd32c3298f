// ugykalauz: knowledge base, importer and REST service for Hungarian public-office case routing.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "cli/commands.h"

namespace {

void configure_logging(const std::string& level) {
  // logfmt lines on stderr: one event per line, greppable and machine-parseable.
  spdlog::set_pattern("ts=%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
  spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ugk::cli;
  CLI::App app{"Ügykalauz – ügyintézési tudásbázis és ügyirányító szolgáltatás (knowledge base and case routing)"};
  app.set_version_flag("--version", std::string("ugykalauz ") + UGK_VERSION);
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off")
      ->envname("UGK_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));

  std::filesystem::path check_bundle;
  bool check_quiet = false;
  auto* check = app.add_subcommand("check", "Validate a data bundle without writing anything; list every error");
  check->add_option("BUNDLE", check_bundle, "Bundle folder (as data/)")->required()->check(CLI::ExistingDirectory);
  check->add_flag("-q,--quiet", check_quiet, "Print only errors");

  ImportOptions import_options;
  auto* import = app.add_subcommand("import", "Import a bundle into a data folder (all or nothing) and rebuild the index");
  import->add_option("--data-dir", import_options.data_dir, "Data folder (SQLite database + Xapian index)")
      ->envname("UGK_DATA_DIR")
      ->required();
  import->add_option("BUNDLE", import_options.bundle, "Bundle folder (as data/)")->required()->check(CLI::ExistingDirectory);
  import->add_flag("-q,--quiet", import_options.quiet, "No progress output");

  std::filesystem::path reindex_dir;
  auto* reindex = app.add_subcommand("reindex", "Rebuild the search index from the database");
  reindex->add_option("--data-dir", reindex_dir, "Data folder")->envname("UGK_DATA_DIR")->required()->check(CLI::ExistingDirectory);

  ServeOptions serve_options;
  int port = serve_options.server.port;
  int header_timeout = 10, body_timeout = 30, keepalive_timeout = 60;
  auto* serve = app.add_subcommand("serve", "Serve the REST API");
  serve->add_option("--data-dir", serve_options.data_dir, "Data folder")->envname("UGK_DATA_DIR")->required()->check(CLI::ExistingDirectory);
  serve->add_option("--host", serve_options.server.host, "Address to listen on")->envname("UGK_HOST")->capture_default_str();
  serve->add_option("--port", port, "TCP port")->envname("UGK_PORT")->check(CLI::Range(1, 65535))->capture_default_str();
  serve->add_option("--threads", serve_options.server.threads, "HTTP worker threads")
      ->envname("UGK_THREADS")->check(CLI::Range(1, 256))->capture_default_str();
  serve->add_option("--searchers", serve_options.searchers, "Search index handles kept open")
      ->envname("UGK_SEARCHERS")->check(CLI::Range(1, 256))->capture_default_str();
  serve->add_option("--max-request-bytes", serve_options.server.max_request_bytes, "Largest accepted request")
      ->envname("UGK_MAX_REQUEST_BYTES")->check(CLI::Range(1024, 64 << 20))->capture_default_str();
  serve->add_option("--header-timeout", header_timeout, "Seconds to receive request headers")
      ->envname("UGK_HEADER_TIMEOUT")->check(CLI::Range(1, 600))->capture_default_str();
  serve->add_option("--body-timeout", body_timeout, "Seconds to receive a request body")
      ->envname("UGK_BODY_TIMEOUT")->check(CLI::Range(1, 600))->capture_default_str();
  serve->add_option("--keepalive-timeout", keepalive_timeout, "Seconds an idle connection is kept")
      ->envname("UGK_KEEPALIVE_TIMEOUT")->check(CLI::Range(1, 3600))->capture_default_str();
  serve->add_option("--refresh-seconds", serve_options.refresh_seconds,
                    "How often to pick up a new import made by another process (0: never)")
      ->envname("UGK_REFRESH_SECONDS")->check(CLI::Range(0, 3600))->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  configure_logging(log_level);

  try {
    if (*check) return run_check(check_bundle, check_quiet);
    if (*import) return run_import(import_options);
    if (*reindex) return run_reindex(reindex_dir);
    if (*serve) {
      serve_options.server.port = static_cast<std::uint16_t>(port);
      serve_options.server.header_timeout = std::chrono::seconds(header_timeout);
      serve_options.server.body_timeout = std::chrono::seconds(body_timeout);
      serve_options.server.keepalive_timeout = std::chrono::seconds(keepalive_timeout);
      return run_serve(serve_options);
    }
  } catch (const std::exception& e) {
    spdlog::error("event=failed error=\"{}\"", e.what());
    return kExitFailure;
  } catch (...) {
    spdlog::error("event=failed error=unknown");
    return kExitFailure;
  }
  return kExitUsage;
}
