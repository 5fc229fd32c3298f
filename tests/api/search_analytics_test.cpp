// service::SearchAnalytics: what is counted of a search, how a typing session folds into its last
// question, that nothing personal reaches the store, the daily roll-ups and their retention.
#include "service/search_analytics.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace ugk::service {
namespace {

using namespace std::chrono_literals;
using Clock = SearchAnalytics::Clock;

// 2026-12-02T10:00:00Z
const Clock::time_point kNoon = Clock::from_time_t(1796205600);

kb::SearchArea widget_in(std::string district = "099", std::string office = "koh-22406") {
  return {"widget", std::move(district), std::move(office)};
}

class SearchAnalyticsTest : public ::testing::Test {
 protected:
  kb::Store store() const { return kb::Store(DataDir{dir_.path()}.database(), kb::Store::Mode::kReadOnly); }
  std::vector<kb::SearchTotal> queries(kb::SearchFilter filter = {"2000-01-01", std::nullopt, std::nullopt}) const {
    return store().search_totals(filter, kb::SearchGroup::kQuery, 100);
  }
  ugk::testing::TempDir dir_;
  SearchAnalytics analytics_{DataDir{dir_.path()}, AnalyticsRules{}};
};

TEST(NormaliseQuery, LowerCasesCollapsesSpacingAndTrimsPunctuation) {
  EXPECT_EQ(normalise_query("  Hagyatéki   ELJÁRÁS? "), "hagyatéki eljárás");
  EXPECT_EQ(normalise_query("...útlevél!"), "útlevél");
  EXPECT_EQ(normalise_query(" ?! "), "");
}

TEST(NormaliseQuery, ScrubsPersonalDataBeforeLowerCasing) {
  // Hungarian puts the name before "vagyok" as often as after it.
  EXPECT_EQ(normalise_query("Kiss Anna vagyok, lakcímkártya"), "[név] vagyok, lakcímkártya");
  EXPECT_EQ(normalise_query("vagyok Nagy Péter, lakcímkártya"), "vagyok [név], lakcímkártya");
  EXPECT_EQ(normalise_query("TAJ 123 456 789 kártya"), "taj [taj-szám] kártya");
  EXPECT_EQ(normalise_query("írjon: kiss.anna@example.hu"), "írjon: [e-mail]");
  EXPECT_EQ(normalise_query("hívjon +36 30 123 4567"), "hívjon [telefonszám]");
}

TEST(NormaliseQuery, CutsLongQueriesAtACodePoint) {
  const std::string long_text(300, 'a');
  EXPECT_EQ(normalise_query(long_text, 120).size(), 120U);
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";
  const std::string cut = normalise_query(accents, 120);
  EXPECT_EQ(cut.size(), 240U);  // 120 two-byte letters, none cut in half
}

TEST_F(SearchAnalyticsTest, CountsSearchesZeroResultsAndRelaxedPerQueryAndArea) {
  EXPECT_TRUE(analytics_.record_search("hagyaték", widget_in(), 3, false, "a", kNoon));
  EXPECT_TRUE(analytics_.record_search("Hagyaték", widget_in(), 3, false, "b", kNoon));
  EXPECT_TRUE(analytics_.record_search("vendégház balaton", widget_in(), 2, true, "c", kNoon));
  EXPECT_TRUE(analytics_.record_search("xyzzy", widget_in("100", "ph-1"), 0, false, "d", kNoon));
  EXPECT_FALSE(analytics_.record_search(" ?? ", widget_in(), 0, false, "e", kNoon));
  const FlushResult done = analytics_.flush(kNoon);
  EXPECT_EQ(done.searches, 3U);
  EXPECT_EQ(analytics_.pending(), 0U);

  const auto all = queries();
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].key, "hagyaték");
  EXPECT_EQ(all[0].searches, 2);
  const auto failed =
      store().search_totals({"2000-01-01", std::nullopt, std::nullopt}, kb::SearchGroup::kQuery, 10, true);
  ASSERT_EQ(failed.size(), 2U);
  for (const auto& row : failed) {
    if (row.key == "xyzzy") EXPECT_EQ(row.zero_results, 1);
    if (row.key == "vendégház balaton") EXPECT_EQ(row.relaxed, 1);
  }
  // An area filter sees only its own searches.
  const auto district = queries({"2000-01-01", std::string("100"), std::nullopt});
  ASSERT_EQ(district.size(), 1U);
  EXPECT_EQ(district[0].key, "xyzzy");
  EXPECT_EQ(queries({"2000-01-01", std::nullopt, std::string("koh-22406")}).size(), 2U);
}

TEST_F(SearchAnalyticsTest, SearchAsYouTypeCountsOnceAsTheLastText) {
  analytics_.record_search("ha", widget_in(), 0, false, "10.0.0.1", kNoon);
  analytics_.record_search("hagy", widget_in(), 0, true, "10.0.0.1", kNoon + 1s);
  analytics_.record_search("hagyaték", widget_in(), 4, false, "10.0.0.1", kNoon + 2s);
  // Backspacing to a shorter text of the same question replaces it too.
  analytics_.record_search("hagyat", widget_in(), 4, false, "10.0.0.1", kNoon + 3s);
  analytics_.record_search("hagyaték", widget_in(), 4, false, "10.0.0.1", kNoon + 4s);
  analytics_.flush(kNoon + 5s);
  const auto all = queries();
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all[0].key, "hagyaték");
  EXPECT_EQ(all[0].searches, 1);
  EXPECT_EQ(all[0].zero_results, 0);
  EXPECT_EQ(all[0].relaxed, 0);
}

TEST_F(SearchAnalyticsTest, AnotherQuestionAnotherClientOrALaterSearchCountsAgain) {
  analytics_.record_search("hagyaték", widget_in(), 4, false, "10.0.0.1", kNoon);
  analytics_.record_search("útlevél", widget_in(), 4, false, "10.0.0.1", kNoon + 1s);   // not a prefix
  analytics_.record_search("útlevél", widget_in(), 4, false, "10.0.0.2", kNoon + 1s);   // another client
  analytics_.record_search("útlevél", widget_in(), 4, false, "10.0.0.1", kNoon + 40s);  // after the gap
  analytics_.flush(kNoon + 41s);
  std::map<std::string, std::int64_t> by_query;
  for (const auto& row : queries()) by_query[row.key] = row.searches;
  EXPECT_EQ(by_query["hagyaték"], 1);
  EXPECT_EQ(by_query["útlevél"], 3);
}

TEST_F(SearchAnalyticsTest, AnOpenedResultEndsTheQuestion) {
  analytics_.record_search("útlevél", widget_in(), 4, false, "10.0.0.1", kNoon);
  EXPECT_TRUE(analytics_.record_open("útlevél", widget_in(), "utlevel", "10.0.0.1", kNoon + 2s));
  analytics_.record_search("útlevél gyereknek", widget_in(), 2, false, "10.0.0.1", kNoon + 5s);
  analytics_.flush(kNoon + 6s);
  EXPECT_EQ(queries().size(), 2U);
  const auto opened = store().open_totals({"2000-01-01", std::nullopt, std::nullopt}, 10);
  ASSERT_EQ(opened.size(), 1U);
  EXPECT_EQ(opened[0].result_id, "utlevel");
  EXPECT_EQ(opened[0].opens, 1);
}

TEST_F(SearchAnalyticsTest, FlushesAddToTheDailyRollUpAndKeepDaysApart) {
  analytics_.record_search("hagyaték", widget_in(), 4, false, "a", kNoon);
  analytics_.flush(kNoon);
  analytics_.record_search("hagyaték", widget_in(), 4, false, "b", kNoon + 1h);
  analytics_.flush(kNoon + 1h);
  analytics_.record_search("hagyaték", widget_in(), 4, false, "c", kNoon + 24h);
  analytics_.flush(kNoon + 24h);
  EXPECT_EQ(queries().front().searches, 3);
  EXPECT_EQ(queries({"2026-12-03", std::nullopt, std::nullopt}).front().searches, 1);
}

TEST_F(SearchAnalyticsTest, RetentionDeletesOlderDays) {
  SearchAnalytics short_lived(DataDir{dir_.path()}, AnalyticsRules{.retention_days = 30});
  short_lived.record_search("régi kérdés", widget_in(), 1, false, "a", kNoon - 31 * 24h);
  short_lived.flush(kNoon - 31 * 24h);
  short_lived.record_search("friss kérdés", widget_in(), 1, false, "a", kNoon);
  const FlushResult done = short_lived.flush(kNoon);
  EXPECT_EQ(done.pruned, 1);
  const auto all = queries();
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all[0].key, "friss kérdés");
}

TEST_F(SearchAnalyticsTest, PendingCountsAreBoundedAndTheRefusalsCounted) {
  SearchAnalytics small(DataDir{dir_.path()}, AnalyticsRules{.max_pending = 2});
  EXPECT_TRUE(small.record_search("egy", widget_in(), 1, false, "a", kNoon));
  EXPECT_TRUE(small.record_search("kettő", widget_in(), 1, false, "b", kNoon));
  EXPECT_FALSE(small.record_search("három", widget_in(), 1, false, "c", kNoon));
  EXPECT_TRUE(small.record_search("egy", widget_in(), 1, false, "d", kNoon));  // an existing count grows
  EXPECT_EQ(small.dropped(), 1);
  small.flush(kNoon);
  EXPECT_TRUE(small.record_search("három", widget_in(), 1, false, "c", kNoon));
}

TEST_F(SearchAnalyticsTest, AStoreErrorKeepsTheCountsForTheNextFlush) {
  const std::filesystem::path missing = dir_.path() / "no" / "such" / "folder";
  SearchAnalytics broken(DataDir{missing}, AnalyticsRules{});
  broken.record_search("hagyaték", widget_in(), 4, false, "a", kNoon);
  EXPECT_ANY_THROW(broken.flush(kNoon));
  EXPECT_EQ(broken.pending(), 1U);
}

}  // namespace
}  // namespace ugk::service
