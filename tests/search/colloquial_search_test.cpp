// How citizens ask, on the real data bundle: everyday words (synonyms.tsv), did-you-mean, typo
// ranking, facets and filters, highlights and search-box completions.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "search/index_builder.h"
#include "search/searcher.h"
#include "search/synonyms.h"
#include "test_support.h"

namespace ugk::search {
namespace {

TEST(SynonymList, ParsesPhrasesByFoldedStem) {
  Analyzer analyzer{StopWords{}};
  const Synonyms synonyms =
      Synonyms::parse("# comment\n\njogsi\tvezetői engedély\ntb kártya\tegészségbiztosítási kártya\n", analyzer);
  EXPECT_EQ(synonyms.size(), 2u);
  const auto matches = synonyms.find(analyzer.analyze("Lejárt a JOGSIM és a TB kártyám"), analyzer);
  ASSERT_EQ(matches.size(), 2u);
  const auto by_first = [&](std::size_t first) {
    return std::find_if(matches.begin(), matches.end(), [&](const SynonymMatch& m) { return m.first == first; });
  };
  ASSERT_NE(by_first(2), matches.end());
  EXPECT_EQ(by_first(2)->expansions.front(), (std::vector<std::string>{"vezeto", "engedely"}));
  ASSERT_NE(by_first(5), matches.end());
  EXPECT_EQ(by_first(5)->count, 2u);
}

TEST(SynonymList, RejectsALineWithoutTab) {
  Analyzer analyzer{StopWords{}};
  EXPECT_THROW(Synonyms::parse("jogsi vezetői engedély\n", analyzer), std::invalid_argument);
  EXPECT_THROW(Synonyms::parse("jogsi\t\n", analyzer), std::invalid_argument);
}

TEST(SynonymList, TheShippedListParses) {
  Analyzer analyzer{StopWords{}};
  EXPECT_GT(Synonyms::parse(default_synonyms_text(), analyzer).size(), 50u);
}

class CitizenSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    build_index(testing::data_bundle(), 1, dir_->path());
  }
  static void TearDownTestSuite() { dir_.reset(); }
  void SetUp() override { searcher_ = std::make_unique<Searcher>(dir_->path()); }

  SearchResult procedures(const std::string& text, std::size_t limit = 5) {
    return searcher_->search({text, DocType::kProcedure, limit, 0});
  }
  std::vector<std::string> ids(const SearchResult& result) {
    std::vector<std::string> out;
    for (const Hit& hit : result.hits) out.push_back(hit.id);
    return out;
  }
  static bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  static std::unique_ptr<testing::TempDir> dir_;
  std::unique_ptr<Searcher> searcher_;
};
std::unique_ptr<testing::TempDir> CitizenSearch::dir_;

TEST_F(CitizenSearch, EverydayWordsFindTheOfficialProcedure) {
  // Words that occur in no procedure text: only the synonym list connects them.
  EXPECT_TRUE(contains(ids(procedures("priusz", 3)), "hatosagi-erkolcsi-bizonyitvany"));
  EXPECT_TRUE(contains(ids(procedures("esküvő", 3)), "hazassagkotesi-szandek-bejelentese-es-hazassagkotes"));
  EXPECT_TRUE(contains(ids(procedures("kocsi átírása", 3)), "gepjarmu-atirasa"));
}

TEST_F(CitizenSearch, TypoIsCorrectedAndReportedAsDidYouMean) {
  const SearchResult result = procedures("hagyatéki eljárs");
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits.front().id, "hagyateki-eljaras-hagyateki-leltar");
  EXPECT_EQ(result.did_you_mean, "hagyatéki eljaras");
}

TEST_F(CitizenSearch, CorrectQueryHasNoDidYouMean) {
  EXPECT_EQ(procedures("hagyatéki eljárás").did_you_mean, "");
  EXPECT_EQ(procedures("hagyateki eljaras").did_you_mean, "");  // missing accents are no typo
}

TEST_F(CitizenSearch, TypoMatchRanksBelowExactMatch) {
  // "útlevél" is exact for one procedure; "hagyatk" only reaches the other through a correction.
  const auto found = ids(procedures("útlevél hagyatk"));
  ASSERT_GE(found.size(), 2u);
  EXPECT_EQ(found.front(), "maganutlevel-igenylese");
  EXPECT_TRUE(contains(found, "hagyateki-eljaras-hagyateki-leltar"));
}

TEST_F(CitizenSearch, NothingFoundOffersTheClosestSpelling) {
  const SearchResult result = procedures("xyzzy");
  EXPECT_TRUE(result.hits.empty());
  EXPECT_EQ(procedures("útlevl").did_you_mean.empty(), false);
}

TEST_F(CitizenSearch, FacetsCountMatchesPerCategoryAuthorityAndType) {
  SearchRequest request{"kártya", std::nullopt, 10, 0};
  request.facets = true;
  const SearchResult result = searcher_->search(request);
  ASSERT_EQ(result.facets.size(), 3u);
  std::size_t typed = 0;
  for (const auto& [value, count] : result.facets.at("type")) typed += count;
  EXPECT_EQ(typed, result.total);
  EXPECT_GT(result.facets.at("category").at("Okmányok"), 0u);
  EXPECT_GT(result.facets.at("authority").at("kormanyablak"), 0u);
}

TEST_F(CitizenSearch, NoFacetsUnlessAsked) {
  EXPECT_TRUE(searcher_->search({"kártya", std::nullopt, 10, 0}).facets.empty());
}

TEST_F(CitizenSearch, CategoryAndAuthorityFilterTheHits) {
  SearchRequest request{"igazolvány", DocType::kProcedure, 20, 0};
  request.category = "Közlekedés";
  const SearchResult in_traffic = searcher_->search(request);
  ASSERT_FALSE(in_traffic.hits.empty());
  EXPECT_TRUE(contains(ids(in_traffic), "parkolasi-igazolvany-mozgaskorlatozottaknak"));
  EXPECT_FALSE(contains(ids(in_traffic), "szemelyi-igazolvany-potlasa"));

  request.category.reset();
  request.authority = "jegyzo";
  const SearchResult notary = searcher_->search(request);
  ASSERT_FALSE(notary.hits.empty());
  for (const Hit& hit : notary.hits) {
    EXPECT_NE(hit.id, "szemelyi-igazolvany-potlasa");  // a government-window matter
  }
  request.authority = "nincs-ilyen";
  EXPECT_TRUE(searcher_->search(request).hits.empty());
}

TEST_F(CitizenSearch, HighlightsPointAtMatchedWordsInTheSnippet) {
  const SearchResult result = procedures("hagyatéki leltár", 1);
  ASSERT_EQ(result.hits.size(), 1u);
  const Hit& hit = result.hits.front();
  ASSERT_FALSE(hit.highlights.empty());
  for (const auto& [begin, end] : hit.highlights) {
    ASSERT_LT(begin, end);
    ASSERT_LE(end, hit.snippet.size());
    const std::string word = hit.snippet.substr(begin, end - begin);
    EXPECT_TRUE(word.starts_with("hagyat") || word.starts_with("Hagyat") || word.starts_with("leltár")) << word;
  }
}

TEST_F(CitizenSearch, SuggestCompletesTitlesAndKeywordsIgnoringAccents) {
  const auto suggestions = searcher_->suggest("lakcimk", 5);
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions.front().id, "lakcimkartya-potlasa");
  EXPECT_EQ(suggestions.front().kind, "title");
  EXPECT_LE(searcher_->suggest("a", 3).size(), 3u);
  EXPECT_TRUE(searcher_->suggest("", 5).empty());
  EXPECT_TRUE(searcher_->suggest("qqqq", 5).empty());
}

TEST_F(CitizenSearch, SuggestMatchesWordsInsideTitlesAfterTitleStarts) {
  const auto suggestions = searcher_->suggest("pótlás", 10);
  ASSERT_GE(suggestions.size(), 2u);
  EXPECT_TRUE(std::any_of(suggestions.begin(), suggestions.end(),
                          [](const Suggestion& s) { return s.id == "szemelyi-igazolvany-potlasa"; }));
  // A duplicate spelling without accents is not offered twice.
  const auto lakcim = searcher_->suggest("lakcimkartya", 10);
  EXPECT_EQ(std::count_if(lakcim.begin(), lakcim.end(), [](const Suggestion& s) { return s.text == "lakcimkartya"; }),
            0);
}

}  // namespace
}  // namespace ugk::search
