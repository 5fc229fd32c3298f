#include "cli/commands.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "api/endpoints.h"
#include "importers/bundle_reader.h"
#include "importers/national_bundle.h"
#include "kb/catalog.h"
#include "kb/store.h"
#include "search/index_builder.h"
#include "service/data_dir.h"
#include "service/knowledge_service.h"
#include "service/quality_service.h"
#include "service/search_analytics.h"

namespace ugk::cli {
namespace {

importers::Progress progress_printer(bool quiet) {
  if (quiet) return {};
  return [](std::string_view step, std::size_t done, std::size_t total) {
    std::fprintf(stderr, "  %-34.*s %zu/%zu\n", static_cast<int>(step.size()), step.data(), done, total);
  };
}

// Reads and validates; prints every problem. Empty optional when the bundle is not importable.
std::optional<importers::ReadResult> read_valid_bundle(const std::filesystem::path& bundle, bool quiet) {
  if (!quiet) std::fprintf(stderr, "Csomag beolvasása (reading bundle): %s\n", bundle.c_str());
  importers::ReadResult result = importers::read_bundle(bundle, progress_printer(quiet));
  if (result.ok()) return result;
  for (const auto& problem : result.problems) std::cout << importers::format(problem) << '\n';
  std::cout << result.problems.size() << " hiba (errors) a csomagban; semmi nem került az adatbázisba.\n";
  return std::nullopt;
}

// The index is built from everything stored (kinds a bundle left out included), never from the bundle.
void rebuild_index_if_needed(kb::Store& store, const service::DataDir& dir, bool quiet) {
  const std::int64_t version = store.version();
  const auto indexed = search::indexed_version(dir.index());
  if (indexed && *indexed == version) {
    if (!quiet)
      std::fprintf(stderr, "A keresőindex naprakész (index up to date, version %lld)\n",
                   static_cast<long long>(version));
    return;
  }
  if (!quiet)
    std::fprintf(stderr, "Keresőindex építése (building index) for version %lld\n", static_cast<long long>(version));
  search::build_index(kb::Catalog(store.load_all()), dir.index());
}

}  // namespace

int run_check(const std::filesystem::path& bundle, bool quiet) {
  auto read = read_valid_bundle(bundle, quiet);
  if (!read) return kExitInvalidData;
  const kb::Bundle& content = read->bundle;
  std::cout << "A csomag hibátlan (bundle is valid): " << content.settlements.size() << " település, "
            << content.districts.size() << " járás, " << content.offices.size() << " hivatal, "
            << content.procedures.size() << " országos ügyleírás, " << content.local_procedures.size()
            << " helyi ügyleírás, " << content.variants.size() << " helyi változat, " << content.forms.size()
            << " nyomtatvány, " << content.visits.size() << " kihelyezett ügyfélfogadás, "
            << content.calendar_days.size() << " naptári nap, " << content.closures.size() << " igazgatási szünet, "
            << content.guides.size() << " ügyintézési kalauz.\n";
  return kExitOk;
}

int run_generate_bundle(const GenerateOptions& options) {
  auto read = read_valid_bundle(options.source, options.quiet);
  if (!read) return kExitInvalidData;
  importers::NationalBundleOptions generation;
  generation.seed = options.seed;
  generation.variant_share = options.variant_share;
  generation.local_procedures_per_county = options.local_procedures_per_county;
  generation.districts = {options.districts.begin(), options.districts.end()};
  for (const auto& code : generation.districts) {
    const bool known = std::any_of(read->bundle.districts.begin(), read->bundle.districts.end(),
                                   [&](const kb::District& d) { return d.code == code; });
    if (!known) {
      std::cerr << "Ismeretlen járáskód (unknown district code): " << code << '\n';
      return kExitInvalidData;
    }
  }
  const importers::LocalContent content = importers::generate_local_content(read->bundle, generation);
  importers::write_national_bundle(options.source, options.target, content, generation);
  std::cout << "Országos demócsomag kész (national demo bundle written): " << options.target.string() << ": "
            << content.variants.size() << " helyi változat, " << content.local_procedures.size()
            << " helyi ügyleírás\n";
  return kExitOk;
}

int run_import(const ImportOptions& options) {
  auto read = read_valid_bundle(options.bundle, options.quiet);
  if (!read) return kExitInvalidData;
  const service::DataDir dir{options.data_dir};
  std::filesystem::create_directories(dir.root);
  kb::Store store(dir.database());
  const kb::ImportSummary summary =
      store.replace_contents(read->bundle, std::filesystem::absolute(options.bundle).string(), read->absent);
  std::cout << "Importálás kész (import done): " << dir.database().string() << '\n';
  std::cout << "  rekordfajta            új  módosult  törölt  változatlan\n";
  for (const auto& [kind, c] : summary.by_kind) {
    std::printf("  %-20s %5d %9d %7d %12d\n", std::string(kb::to_string(kind)).c_str(), c.added, c.changed, c.removed,
                c.unchanged);
  }
  for (kb::RecordKind kind : read->absent) {
    std::printf("  %-20s (nincs a csomagban, a tárolt rekordok maradnak / not in the bundle, kept)\n",
                std::string(kb::to_string(kind)).c_str());
  }
  std::cout << "  változat (version): " << summary.version_before << " -> " << summary.version_after
            << (summary.changed() ? "" : " (nincs változás / nothing changed)") << '\n';
  spdlog::info("event=import source=\"{}\" version_before={} version_after={}", options.bundle.string(),
               summary.version_before, summary.version_after);
  rebuild_index_if_needed(store, dir, options.quiet);
  return kExitOk;
}

int run_reindex(const std::filesystem::path& data_dir) {
  const service::DataDir dir{data_dir};
  if (!std::filesystem::exists(dir.database())) {
    spdlog::error("event=reindex_failed error=\"no database in {}\"", data_dir.string());
    return kExitFailure;
  }
  kb::Store store(dir.database());
  const kb::Catalog catalog(store.load_all());
  // A rebuild on request starts from nothing, even when the index claims to be current.
  std::filesystem::remove_all(dir.index());
  search::build_index(catalog, dir.index());
  std::cout << "Keresőindex újraépítve (index rebuilt) at version " << catalog.version() << '\n';
  return kExitOk;
}

namespace {

// "ok" or the first problem PRAGMA integrity_check reports.
std::string integrity_of(const std::filesystem::path& database) {
  SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
  SQLite::Statement check(db, "PRAGMA integrity_check");
  return check.executeStep() ? check.getColumn(0).getString() : "no answer";
}

}  // namespace

int run_backup(const std::filesystem::path& data_dir, const std::filesystem::path& target) {
  const service::DataDir dir{data_dir};
  if (!std::filesystem::exists(dir.database())) {
    std::cerr << "Nincs adatbázis (no database) in " << data_dir << '\n';
    return kExitFailure;
  }
  if (std::filesystem::exists(target)) {
    std::cerr << "A cél már létezik (target exists): " << target << '\n';
    return kExitFailure;
  }
  const std::filesystem::path part = target.string() + ".part";
  std::filesystem::remove(part);
  std::int64_t version = 0;
  {
    const kb::Store store(dir.database(), kb::Store::Mode::kReadOnly);
    store.backup_to(part);
  }
  const std::string integrity = integrity_of(part);
  if (integrity != "ok") {
    std::filesystem::remove(part);
    std::cerr << "A mentés hibás (backup failed integrity_check): " << integrity << '\n';
    return kExitFailure;
  }
  version = kb::Store(part, kb::Store::Mode::kReadOnly).version();
  std::filesystem::rename(part, target);
  std::cout << "Mentés kész (backup written): " << target.string() << " at version " << version << '\n';
  spdlog::info("event=backup target=\"{}\" version={}", target.string(), version);
  return kExitOk;
}

int run_restore(const std::filesystem::path& backup, const std::filesystem::path& data_dir, bool force) {
  const service::DataDir dir{data_dir};
  if (!std::filesystem::exists(backup)) {
    std::cerr << "Nincs ilyen mentés (no such backup): " << backup << '\n';
    return kExitNotFound;
  }
  const std::string integrity = integrity_of(backup);
  if (integrity != "ok") {
    std::cerr << "A mentés hibás (backup failed integrity_check): " << integrity << '\n';
    return kExitInvalidData;
  }
  if (std::filesystem::exists(dir.database()) && !force) {
    std::cerr << "Az adatmappában már van adatbázis (database exists; --force replaces it, stop the server "
                 "first): "
              << data_dir << '\n';
    return kExitFailure;
  }
  std::filesystem::create_directories(data_dir);
  const std::filesystem::path part = dir.database().string() + ".restore";
  std::filesystem::remove(part);
  kb::Store(backup, kb::Store::Mode::kReadOnly).backup_to(part);
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(dir.database().string() + suffix);
  std::filesystem::rename(part, dir.database());
  // The index belongs to the replaced database: rebuild it from the restored one.
  std::filesystem::remove_all(dir.index());
  kb::Store store(dir.database());
  const kb::Catalog catalog(store.load_all());
  search::build_index(catalog, dir.index());
  std::cout << "Visszaállítva (restored) at version " << catalog.version() << "; keresőindex újraépítve (index "
            << "rebuilt)\n";
  spdlog::info("event=restore source=\"{}\" version={}", backup.string(), catalog.version());
  return kExitOk;
}

int run_serve(const ServeOptions& options) {
  // Block the stop signals before any thread starts, so they all inherit the mask and only the
  // sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  service::KnowledgeService service(service::DataDir{options.data_dir}, options.searchers);
  // The transport limit leaves room for headers above the API's body limit, so an oversized body
  // gets the API's 413 problem rather than Pistache's bare error.
  api::ServerConfig server_config = options.server;
  server_config.max_request_bytes = std::max(server_config.max_request_bytes, options.write.max_body_bytes + 64 * 1024);
  api::Metrics metrics;
  service::FeedbackRules feedback_rules;
  feedback_rules.min_time_on_page = std::chrono::milliseconds(options.feedback_min_ms);
  service::QualityService quality(service::DataDir{options.data_dir}, feedback_rules);
  api::WriteOptions write_options = options.write;
  write_options.metrics = &metrics;
  api::QualityOptions quality_options;
  quality_options.quality = &quality;
  quality_options.metrics = &metrics;
  quality_options.feedback_limits.write_burst = options.feedback_burst;
  quality_options.feedback_limits.writes_per_second = options.feedback_per_minute / 60.0;
  quality_options.auth_limits = options.write.limits;
  std::optional<service::SearchAnalytics> analytics;
  if (options.analytics) {
    service::AnalyticsRules rules;
    rules.retention_days = options.analytics_retention_days;
    analytics.emplace(service::DataDir{options.data_dir}, rules);
    quality_options.analytics = &*analytics;
  }
  const api::RouteTable routes = api::make_route_table(service, write_options, quality_options);
  api::Server server(server_config, routes, &metrics);
  server.start();
  std::cout << "Ügykalauz fut (listening): http://" << options.server.host << ':' << server.port() << "/" << std::endl;
  spdlog::info("event=listening host={} port={} threads={} version={}", options.server.host, server.port(),
               options.server.threads, service.catalog()->version());

  std::jthread refresher;
  if (options.refresh_seconds > 0) {
    refresher = std::jthread([&service, seconds = options.refresh_seconds](std::stop_token stop) {
      std::mutex mutex;
      std::condition_variable_any wake;
      std::unique_lock lock(mutex);
      while (!stop.stop_requested()) {
        wake.wait_for(lock, stop, std::chrono::seconds(seconds), [] { return false; });
        if (stop.stop_requested()) break;
        try {
          service.refresh();
        } catch (const std::exception& e) {
          spdlog::error("event=refresh_failed error=\"{}\"", e.what());
        } catch (...) {
          spdlog::error("event=refresh_failed error=unknown");
        }
      }
    });
  }

  // Periodic link checks, off by default (`check-links` from cron does the same from outside).
  std::jthread link_checker;
  if (options.link_check_hours > 0) {
    link_checker = std::jthread([&service, &quality, &metrics, hours = options.link_check_hours](std::stop_token stop) {
      std::mutex mutex;
      std::condition_variable_any wake;
      std::unique_lock lock(mutex);
      while (!stop.stop_requested()) {
        try {
          std::vector<std::string> urls;
          for (const auto& [url, refs] : service::collect_links(*service.catalog())) urls.push_back(url);
          const auto checks = links::check_links(urls, links::LinkCheckOptions{}, stop);
          quality.record_link_checks(checks);
          for (const auto& c : checks) metrics.count_link_check(static_cast<api::LinkOutcome>(c.status));
          spdlog::info("event=links_checked count={}", checks.size());
        } catch (const std::exception& e) {
          spdlog::error("event=link_check_failed error=\"{}\"", e.what());
        }
        wake.wait_for(lock, stop, std::chrono::hours(hours), [] { return false; });
      }
    });
  }

  // The counted searches reach the database once a flush interval, and once more at the stop.
  auto flush_analytics = [&analytics] {
    try {
      const auto done = analytics->flush();
      if (done.searches + done.opens > 0 || done.pruned > 0) {
        spdlog::info("event=analytics_flushed searches={} opens={} pruned={}", done.searches, done.opens, done.pruned);
      }
    } catch (const std::exception& e) {
      spdlog::error("event=analytics_flush_failed error=\"{}\"", e.what());
    }
  };
  std::jthread analytics_flusher;
  if (analytics) {
    analytics_flusher =
        std::jthread([&flush_analytics, seconds = options.analytics_flush_seconds](std::stop_token stop) {
          std::mutex mutex;
          std::condition_variable_any wake;
          std::unique_lock lock(mutex);
          while (!stop.stop_requested()) {
            wake.wait_for(lock, stop, std::chrono::seconds(seconds), [] { return false; });
            flush_analytics();
          }
        });
  }

  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("event=stopping signal={}", signal);
  refresher = {};
  link_checker = {};
  server.stop();
  analytics_flusher = {};  // its last round flushes what the stopped server counted
  spdlog::info("event=stopped");
  return kExitOk;
}

}  // namespace ugk::cli

namespace ugk::cli {

int run_check_links(const LinkCheckCommandOptions& options) {
  const service::DataDir dir{options.data_dir};
  const kb::Catalog catalog = [&] {
    const kb::Store store(dir.database(), kb::Store::Mode::kReadOnly);
    return kb::Catalog(store.load_all());
  }();
  const service::LinkMap links = service::collect_links(catalog);
  std::vector<std::string> urls;
  for (const auto& [url, refs] : links) urls.push_back(url);
  const auto started = std::chrono::steady_clock::now();
  const std::vector<kb::LinkCheck> checks = links::check_links(urls, options.checks);
  service::QualityService quality(dir);
  quality.record_link_checks(checks);
  std::map<std::string, int> counts;
  for (const kb::LinkCheck& c : checks) {
    ++counts[std::string(kb::to_string(c.status))];
    if (!options.quiet && c.status != kb::LinkStatus::kOk) {
      std::cout << kb::to_string(c.status) << '\t' << c.problem << '\t' << c.http_status << '\t' << c.redirects << '\t'
                << static_cast<long>(c.elapsed_ms) << "ms\t" << c.url << '\n';
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "Ellenőrzött hivatkozások (links checked): " << checks.size() << "; ok " << counts["ok"] << ", caution "
            << counts["caution"] << ", broken " << counts["broken"] << " (" << seconds << " s)\n";
  spdlog::info("event=links_checked count={} ok={} caution={} broken={}", checks.size(), counts["ok"],
               counts["caution"], counts["broken"]);
  return kExitOk;
}

}  // namespace ugk::cli
