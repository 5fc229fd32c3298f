// ugykalauz: knowledge base, importer and REST service for Hungarian public-office case routing.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/hours_command.h"
#include "cli/keys_command.h"

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
  // Global options may also follow the subcommand (`ugykalauz serve --log-level warn`), as people
  // type them; subcommands inherit this setting when they are added below.
  app.fallthrough();
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off")
      ->envname("UGK_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));

  std::filesystem::path check_bundle;
  bool check_quiet = false;
  auto* check = app.add_subcommand("check", "Validate a data bundle without writing anything; list every error");
  check->add_option("BUNDLE", check_bundle, "Bundle folder (as data/)")->required()->check(CLI::ExistingDirectory);
  check->add_flag("-q,--quiet", check_quiet, "Print only errors");

  GenerateOptions generate_options;
  auto* generate = app.add_subcommand(
      "generate-bundle",
      "Write a national demo bundle: a reference bundle plus generated (illustrative) local variants and local-only "
      "procedures on the real office structure");
  generate->add_option("--from", generate_options.source, "Reference bundle folder (as data/)")
      ->required()
      ->check(CLI::ExistingDirectory);
  generate->add_option("--to", generate_options.target, "Bundle folder to write (replaced as a whole)")->required();
  generate->add_option("--seed", generate_options.seed, "Random seed (the same seed gives the same bundle)")
      ->capture_default_str();
  generate->add_option("--variant-share", generate_options.variant_share, "Share of offices with local variants")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  generate
      ->add_option("--local-procedures-per-county", generate_options.local_procedures_per_county,
                   "Offices per county with a local-only procedure")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  generate
      ->add_option("--districts", generate_options.districts,
                   "Only these districts' offices get local content (comma-separated codes, e.g. 099,193)")
      ->delimiter(',');
  generate->add_flag("-q,--quiet", generate_options.quiet, "No progress output");

  ImportOptions import_options;
  auto* import =
      app.add_subcommand("import", "Import a bundle into a data folder (all or nothing) and rebuild the index");
  import->add_option("--data-dir", import_options.data_dir, "Data folder (SQLite database + Xapian index)")
      ->envname("UGK_DATA_DIR")
      ->required();
  import->add_option("BUNDLE", import_options.bundle, "Bundle folder (as data/)")
      ->required()
      ->check(CLI::ExistingDirectory);
  import->add_flag("-q,--quiet", import_options.quiet, "No progress output");

  std::filesystem::path reindex_dir;
  auto* reindex = app.add_subcommand("reindex", "Rebuild the search index from the database");
  reindex->add_option("--data-dir", reindex_dir, "Data folder")
      ->envname("UGK_DATA_DIR")
      ->required()
      ->check(CLI::ExistingDirectory);

  std::filesystem::path backup_dir, backup_to;
  auto* backup = app.add_subcommand("backup", "Online backup of the database (safe while the server writes)");
  backup->add_option("--data-dir", backup_dir, "Data folder")
      ->envname("UGK_DATA_DIR")
      ->required()
      ->check(CLI::ExistingDirectory);
  backup->add_option("--to", backup_to, "Backup file to write (must not exist)")->required();
  std::filesystem::path restore_from, restore_dir;
  bool restore_force = false;
  auto* restore = app.add_subcommand("restore", "Restore a backup into a data folder and rebuild its index");
  restore->add_option("--from", restore_from, "Backup file")->required();
  restore->add_option("--data-dir", restore_dir, "Data folder (created if missing)")
      ->envname("UGK_DATA_DIR")
      ->required();
  restore->add_flag("--force", restore_force, "Replace an existing database (stop the server first)");

  auto* hours = app.add_subcommand("hours", "Opening hours (OSM opening_hours syntax) on the Hungarian calendar");
  hours->require_subcommand(1);
  std::string hours_value;
  auto* hours_check = hours->add_subcommand("check", "Validate a value; print it normalised and in Hungarian");
  hours_check->add_option("VALUE", hours_value, "opening_hours value, e.g. \"Mo-Th 08:00-16:00; PH off\"")->required();
  HoursEvalOptions hours_eval_options;
  auto* hours_eval = hours->add_subcommand(
      "eval", "Read JSON lines {\"value\", \"instant\"} on stdin; print state and next change per line");
  hours_eval->add_option("--bundle", hours_eval_options.bundle, "Bundle folder with calendar/holidays.csv")
      ->required()
      ->check(CLI::ExistingDirectory);
  hours_eval
      ->add_option("--worked-saturday", hours_eval_options.worked_saturday,
                   "swapped_weekday (default), as_written or closed")
      ->capture_default_str();
  hours_eval->add_option("--horizon-days", hours_eval_options.horizon_days, "How far to look for the next change")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();

  ServeOptions serve_options;
  int port = serve_options.server.port;
  int header_timeout = 10, body_timeout = 30, keepalive_timeout = 60;
  auto* serve = app.add_subcommand("serve", "Serve the REST API");
  serve->add_option("--data-dir", serve_options.data_dir, "Data folder")
      ->envname("UGK_DATA_DIR")
      ->required()
      ->check(CLI::ExistingDirectory);
  serve->add_option("--host", serve_options.server.host, "Address to listen on")
      ->envname("UGK_HOST")
      ->capture_default_str();
  serve->add_option("--port", port, "TCP port")
      ->envname("UGK_PORT")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  serve->add_option("--threads", serve_options.server.threads, "HTTP worker threads")
      ->envname("UGK_THREADS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve->add_option("--searchers", serve_options.searchers, "Search index handles kept open")
      ->envname("UGK_SEARCHERS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve->add_option("--max-request-bytes", serve_options.server.max_request_bytes, "Largest accepted request")
      ->envname("UGK_MAX_REQUEST_BYTES")
      ->check(CLI::Range(1024, 64 << 20))
      ->capture_default_str();
  serve->add_option("--header-timeout", header_timeout, "Seconds to receive request headers")
      ->envname("UGK_HEADER_TIMEOUT")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  serve->add_option("--body-timeout", body_timeout, "Seconds to receive a request body")
      ->envname("UGK_BODY_TIMEOUT")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  serve->add_option("--keepalive-timeout", keepalive_timeout, "Seconds an idle connection is kept")
      ->envname("UGK_KEEPALIVE_TIMEOUT")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--refresh-seconds", serve_options.refresh_seconds,
                   "How often to pick up a new import made by another process (0: never)")
      ->envname("UGK_REFRESH_SECONDS")
      ->check(CLI::Range(0, 3600))
      ->capture_default_str();
  serve
      ->add_option("--cors-origin", serve_options.server.cors.allowed_origins,
                   "Origin allowed to call the API from a browser, e.g. an office website embedding the widget "
                   "(repeatable; * for any)")
      ->envname("UGK_CORS_ORIGINS")
      ->delimiter(',')
      ->take_all();

  serve
      ->add_option("--max-body-bytes", serve_options.write.max_body_bytes,
                   "Largest request body of the editing API (413 above)")
      ->envname("UGK_MAX_BODY_BYTES")
      ->check(CLI::Range(1024, 16 << 20))
      ->capture_default_str();
  serve
      ->add_option("--write-rate", serve_options.write.limits.writes_per_second,
                   "Writes per second allowed per API key")
      ->envname("UGK_WRITE_RATE")
      ->check(CLI::Range(0.1, 10000.0))
      ->capture_default_str();
  serve->add_option("--write-burst", serve_options.write.limits.write_burst, "Burst of writes allowed per API key")
      ->envname("UGK_WRITE_BURST")
      ->check(CLI::Range(1.0, 100000.0))
      ->capture_default_str();
  serve
      ->add_option("--max-auth-failures", serve_options.write.limits.max_auth_failures,
                   "Failed authentications per client and minute before a lock-out (429)")
      ->envname("UGK_MAX_AUTH_FAILURES")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();

  serve
      ->add_option("--feedback-burst", serve_options.feedback_burst,
                   "Feedback submissions one client may send at once (POST /v1/feedback)")
      ->envname("UGK_FEEDBACK_BURST")
      ->check(CLI::Range(1.0, 100000.0))
      ->capture_default_str();
  serve
      ->add_option("--feedback-per-minute", serve_options.feedback_per_minute,
                   "Feedback submissions per client and minute after the burst")
      ->envname("UGK_FEEDBACK_PER_MINUTE")
      ->check(CLI::Range(0.1, 100000.0))
      ->capture_default_str();
  serve
      ->add_option("--feedback-min-ms", serve_options.feedback_min_ms,
                   "Feedback sent sooner than this after the answer was shown is dropped (a bot)")
      ->envname("UGK_FEEDBACK_MIN_MS")
      ->check(CLI::Range(0, 600000))
      ->capture_default_str();
  serve
      ->add_option("--link-check-hours", serve_options.link_check_hours,
                   "Check every form and online-channel link this often in the background (0: never; see "
                   "check-links)")
      ->envname("UGK_LINK_CHECK_HOURS")
      ->check(CLI::Range(0, 24 * 365))
      ->capture_default_str();

  std::string analytics_mode = "on";
  serve
      ->add_option("--analytics", analytics_mode,
                   "Count searches and opened results, anonymous and aggregated (nothing personal is stored)")
      ->envname("UGK_ANALYTICS")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  serve
      ->add_option("--analytics-flush-seconds", serve_options.analytics_flush_seconds,
                   "How often the counted searches are added to the daily roll-ups in the database")
      ->envname("UGK_ANALYTICS_FLUSH_SECONDS")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--analytics-retention-days", serve_options.analytics_retention_days,
                   "Daily search roll-ups older than this are deleted")
      ->envname("UGK_ANALYTICS_RETENTION_DAYS")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();

  LinkCheckCommandOptions link_options;
  auto* check_links =
      app.add_subcommand("check-links",
                         "Check every form and online-channel URL (status, redirects, time, content type) and store "
                         "the results; answers then flag broken links");
  check_links->add_option("--data-dir", link_options.data_dir, "Data folder")
      ->envname("UGK_DATA_DIR")
      ->required()
      ->check(CLI::ExistingDirectory);
  check_links->add_option("--concurrency", link_options.checks.concurrency, "Links checked at the same time")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  check_links
      ->add_option("--per-host-delay-ms", link_options.per_host_delay_ms,
                   "Pause between two requests to the same host (politeness)")
      ->check(CLI::Range(0, 600000))
      ->capture_default_str();
  check_links->add_option("--timeout-ms", link_options.timeout_ms, "Time allowed per link, redirects included")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  check_links->add_option("--slow-ms", link_options.slow_ms, "Slower than this: caution")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  check_links->add_option("--max-redirects", link_options.checks.max_redirects, "More redirects: broken")
      ->check(CLI::Range(0, 50))
      ->capture_default_str();
  check_links->add_flag("-q,--quiet", link_options.quiet, "Print only the summary");

  KeysCommand keys(app);

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
    if (*generate) return run_generate_bundle(generate_options);
    if (*hours_check) return run_hours_check(hours_value);
    if (*hours_eval) return run_hours_eval(hours_eval_options);
    if (*import) return run_import(import_options);
    if (*reindex) return run_reindex(reindex_dir);
    if (*backup) return run_backup(backup_dir, backup_to);
    if (*restore) return run_restore(restore_from, restore_dir, restore_force);
    if (keys.selected()) return keys.run();
    if (*check_links) {
      link_options.checks.per_host_delay = std::chrono::milliseconds(link_options.per_host_delay_ms);
      link_options.checks.timeout = std::chrono::milliseconds(link_options.timeout_ms);
      link_options.checks.slow = std::chrono::milliseconds(link_options.slow_ms);
      return run_check_links(link_options);
    }
    if (*serve) {
      serve_options.server.port = static_cast<std::uint16_t>(port);
      serve_options.server.header_timeout = std::chrono::seconds(header_timeout);
      serve_options.server.body_timeout = std::chrono::seconds(body_timeout);
      serve_options.server.keepalive_timeout = std::chrono::seconds(keepalive_timeout);
      serve_options.analytics = analytics_mode == "on";
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
