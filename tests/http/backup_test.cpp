// Backups (issue 15): `ugykalauz backup` during a stream of writes through the API, `ugykalauz
// restore` into a fresh folder, and that folder served with its index rebuilt.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "process.h"

namespace ugk::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(Backup, TakenDuringWritesRestoresIntoAFreshFolderAndServes) {
  ReferenceService service;
  const std::string token = create_api_key(service.data_dir(), {"--name", "b", "--role", "admin"});
  std::atomic<bool> stop = false;
  std::atomic<int> acknowledged = 0;
  std::thread writer([&] {
    httplib::Client c("127.0.0.1", service.port());
    for (int i = 0; !stop; ++i) {
      auto r = c.Patch("/v1/offices/koh-22406", {{"Authorization", "Bearer " + token}, {"If-Match", "*"}},
                       json{{"services_note", "Mentés közben " + std::to_string(i)}}.dump(), "application/json");
      if (r && r->status == 200) ++acknowledged;
    }
  });
  while (acknowledged < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  TempDir out;
  const fs::path file = out.path() / "ugykalauz-backup.sqlite3";
  const CommandResult backup =
      run_ugykalauz({"backup", "--data-dir", service.data_dir().string(), "--to", file.string()});
  const int during = acknowledged;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  stop = true;
  writer.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_GT(acknowledged.load(), during) << "writes went on after the backup";
  // A second backup to the same file is refused rather than overwriting it.
  EXPECT_NE(run_ugykalauz({"backup", "--data-dir", service.data_dir().string(), "--to", file.string()}).exit_code, 0);

  const fs::path fresh = out.path() / "restored";
  const CommandResult restore = run_ugykalauz({"restore", "--from", file.string(), "--data-dir", fresh.string()});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  EXPECT_TRUE(fs::exists(fresh / "index"));
  // Restoring over an existing database needs --force.
  EXPECT_NE(run_ugykalauz({"restore", "--from", file.string(), "--data-dir", fresh.string()}).exit_code, 0);

  ServerProcess restored(fresh);
  httplib::Client c("127.0.0.1", restored.port());
  auto ready = c.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
  const auto version = json::parse(ready->body)["store_version"].get<std::int64_t>();
  auto office = c.Get("/v1/offices/koh-22406");
  ASSERT_TRUE(office);
  ASSERT_EQ(office->status, 200);
  // The restored state is one of the acknowledged states: its note is one the writer sent.
  const std::string note = json::parse(office->body)["services_note"].get<std::string>();
  EXPECT_EQ(note.rfind("Mentés közben ", 0), 0U) << note;
  auto search = c.Get("/v1/search?q=hagyat%C3%A9k");
  ASSERT_TRUE(search);
  EXPECT_EQ(search->status, 200);
  EXPECT_GT(version, 0);
}

TEST(Backup, RestoreRefusesAFileThatIsNotADatabase) {
  TempDir dir;
  const fs::path bogus = dir.path() / "bogus.sqlite3";
  std::ofstream(bogus) << "not a database";
  const CommandResult r =
      run_ugykalauz({"restore", "--from", bogus.string(), "--data-dir", (dir.path() / "d").string()});
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_FALSE(fs::exists(dir.path() / "d" / "ugykalauz.sqlite3"));
}

}  // namespace
}  // namespace ugk::testing
