// Index generations: a build records its knowledge-base version, switches CURRENT atomically, keeps
// only the generation a reader may still hold, and an open Searcher moves to the new generation on
// its next search.
#include "search/index_builder.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "search/errors.h"
#include "search/index_layout.h"
#include "search/searcher.h"
#include "test_support.h"

namespace ugk::search {
namespace {

namespace fs = std::filesystem;

kb::Procedure procedure(std::string id, std::string title) {
  kb::Procedure p;
  p.id = std::move(id);
  p.title = std::move(title);
  return p;
}

kb::Bundle bundle_with(std::vector<kb::Procedure> procedures) {
  kb::Bundle bundle;
  bundle.procedures = std::move(procedures);
  return bundle;
}

std::vector<std::string> ids(const SearchResult& result) {
  std::vector<std::string> out;
  for (const Hit& hit : result.hits) out.push_back(hit.id);
  return out;
}

TEST(IndexedVersion, IsAbsentWithoutAnIndex) {
  const testing::TempDir dir;
  EXPECT_EQ(indexed_version(dir.path()), std::nullopt);
  EXPECT_EQ(indexed_version(dir.path() / "does-not-exist"), std::nullopt);
}

TEST(BuildIndex, RecordsTheKnowledgeBaseVersionInTheCurrentGeneration) {
  const testing::TempDir dir;
  const fs::path root = dir.path() / "index";  // created on demand
  build_index(testing::data_bundle(), 42, root);
  EXPECT_EQ(indexed_version(root), 42);
  EXPECT_EQ(layout::read_current(root), 1u);
  EXPECT_TRUE(fs::is_directory(root / "gen-1"));
}

TEST(BuildIndex, IndexesProceduresFormsAndOfficesOfTheBundle) {
  const testing::TempDir dir;
  build_index(testing::data_bundle(), 1, dir.path());
  Searcher searcher(dir.path());
  EXPECT_EQ(ids(searcher.search({"lakcímbejelentés", DocType::kProcedure, 1, 0})).front(), "lakcimbejelentes");
  EXPECT_EQ(ids(searcher.search({"lakcímbejelentő lap", DocType::kForm, 1, 0})).front(), "lakcimbejelento-lap");
  EXPECT_EQ(ids(searcher.search({"21HIPA", DocType::kForm, 1, 0})).front(), "hipa-bevallas");
  EXPECT_EQ(ids(searcher.search({"Attila út", DocType::kOffice, 1, 0})).front(), "ka-61");
}

TEST(BuildIndex, EachRebuildIsANewGenerationAndOnlyThePreviousOneIsKept) {
  const testing::TempDir dir;
  for (std::int64_t version = 1; version <= 3; ++version) {
    build_index(bundle_with({procedure("p", "Lakcímbejelentés")}), version, dir.path());
  }
  EXPECT_EQ(indexed_version(dir.path()), 3);
  EXPECT_EQ(layout::list_generations(dir.path()), (std::vector<std::uint64_t>{2, 3}));
  EXPECT_FALSE(fs::exists(dir.path() / "CURRENT.tmp"));
}

TEST(BuildIndex, ConcurrentBuildersOfTheSameVersionTakeTurnsAndBuildItOnce) {
  const testing::TempDir dir;
  build_index(bundle_with({procedure("p", "Lakcímbejelentés")}), 1, dir.path());
  std::vector<std::thread> builders;
  for (int i = 0; i < 4; ++i) {
    builders.emplace_back([&] { build_index(bundle_with({procedure("p", "Hagyaték")}), 2, dir.path()); });
  }
  for (auto& t : builders) t.join();
  EXPECT_EQ(indexed_version(dir.path()), 2);
  EXPECT_EQ(layout::list_generations(dir.path()), (std::vector<std::uint64_t>{1, 2}));
}

TEST(BuildIndex, NeverReplacesANewerVersionWithAnOlderOne) {
  const testing::TempDir dir;
  build_index(bundle_with({procedure("p", "Lakcímbejelentés")}), 5, dir.path());
  build_index(bundle_with({procedure("p", "Hagyaték")}), 4, dir.path());
  EXPECT_EQ(indexed_version(dir.path()), 5);
}

TEST(BuildIndex, AnAbandonedHalfBuiltGenerationIsNeverUsedAndIsCleanedUp) {
  const testing::TempDir dir;
  build_index(bundle_with({procedure("p", "Lakcímbejelentés")}), 1, dir.path());
  fs::create_directories(dir.path() / "gen-7");  // e.g. a build that crashed before switching
  std::ofstream(dir.path() / "gen-7" / "junk") << "not a database";
  EXPECT_EQ(indexed_version(dir.path()), 1);

  build_index(bundle_with({procedure("p", "Lakcímbejelentés")}), 2, dir.path());
  EXPECT_EQ(layout::read_current(dir.path()), 8u);
  EXPECT_EQ(layout::list_generations(dir.path()), (std::vector<std::uint64_t>{1, 8}));
}

TEST(BuildIndex, AnOpenSearcherSeesTheNewGenerationOnItsNextSearch) {
  const testing::TempDir dir;
  build_index(bundle_with({procedure("old", "Hagyatéki eljárás")}), 1, dir.path());
  Searcher searcher(dir.path());
  EXPECT_EQ(searcher.kb_version(), 1);
  EXPECT_EQ(ids(searcher.search({"hagyaték", {}, 10, 0})), (std::vector<std::string>{"old"}));

  build_index(bundle_with({procedure("new", "Hagyatéki eljárás, új")}), 2, dir.path());
  EXPECT_EQ(ids(searcher.search({"hagyaték", {}, 10, 0})), (std::vector<std::string>{"new"}));
  EXPECT_EQ(searcher.kb_version(), 2);

  // Several swaps while the searcher is open: the generation it first opened is deleted meanwhile.
  build_index(bundle_with({procedure("newer", "Hagyatéki eljárás")}), 3, dir.path());
  build_index(bundle_with({procedure("newest", "Hagyatéki eljárás")}), 4, dir.path());
  EXPECT_EQ(ids(searcher.search({"hagyaték", {}, 10, 0})), (std::vector<std::string>{"newest"}));
  EXPECT_EQ(searcher.kb_version(), 4);
}

TEST(Searcher, ThrowsIndexUnavailableWithoutAnIndex) {
  const testing::TempDir dir;
  EXPECT_THROW(Searcher{dir.path()}, IndexUnavailable);
}

TEST(Searcher, ThrowsIndexUnavailableWhenCurrentPointsNowhere) {
  const testing::TempDir dir;
  layout::write_current(dir.path(), 5);
  EXPECT_EQ(indexed_version(dir.path()), std::nullopt);
  EXPECT_THROW(Searcher{dir.path()}, IndexUnavailable);
}

}  // namespace
}  // namespace ugk::search
