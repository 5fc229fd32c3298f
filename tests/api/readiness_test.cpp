// Issue 15, item 5: /readyz answered 503 ("catalog version differs from store version") to half the
// probes under ~60 writes/s, because a probe could read the versions while a write was between its
// commit and its publication. Readiness must hold for every probe during a stream of writes.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "importers/bundle_reader.h"
#include "kb/store.h"
#include "service/editing_service.h"
#include "service/knowledge_service.h"
#include "tests/support/temp_dir.h"

namespace ugk::service {
namespace {

TEST(Readiness, HoldsForEveryProbeDuringAStreamOfWrites) {
  testing::TempDir dir;
  auto read = importers::read_bundle(std::filesystem::path(UGK_SOURCE_DIR) / "data");
  ASSERT_TRUE(read.ok());
  {
    kb::Store store(DataDir{dir.path()}.database());
    store.replace_contents(read.bundle, "test");
  }
  KnowledgeService knowledge(DataDir{dir.path()});
  EditingService editing(knowledge);
  const kb::ApiKeyRecord admin{"k1", "test", "admin", {}, "", "2026-01-01T00:00:00Z", std::nullopt};
  ASSERT_TRUE(knowledge.readiness().ready) << knowledge.readiness().detail;

  std::atomic<bool> done = false;
  int writes = 0;
  std::thread writer([&] {
    for (; writes < 300; ++writes) {
      const auto outcome = editing.patch(admin, kb::RecordKind::kOffice, "koh-22406",
                                         {{"services_note", "Ügyfélfogadás " + std::to_string(writes)}},
                                         Precondition{Precondition::Kind::kAny, 0});
      if (!std::holds_alternative<outcome::Saved>(outcome)) break;
    }
    done = true;
  });
  int probes = 0;
  int not_ready = 0;
  std::string why;
  while (!done) {
    const Readiness r = knowledge.readiness();
    ++probes;
    if (!r.ready) {
      ++not_ready;
      why = r.detail;
    }
  }
  writer.join();
  EXPECT_EQ(writes, 300);
  EXPECT_GT(probes, 100);
  EXPECT_EQ(not_ready, 0) << why;
}

}  // namespace
}  // namespace ugk::service
