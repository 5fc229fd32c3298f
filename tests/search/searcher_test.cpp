// Search behaviour on the real data bundle: the acceptance examples of the search brief, filters,
// pagination, and how accents, inflection, prefixes and typos are treated.
#include "search/searcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "kb/ids.h"
#include "kb/text_fold.h"
#include "search/index_builder.h"
#include "test_support.h"

namespace ugk::search {
namespace {

class SearcherOnDataBundle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    build_index(testing::data_bundle(), 7, dir_->path());
  }
  static void TearDownTestSuite() { dir_.reset(); }

  void SetUp() override { searcher_ = std::make_unique<Searcher>(dir_->path()); }

  std::vector<std::string> procedure_ids(const std::string& text, std::size_t limit = 10) {
    std::vector<std::string> ids;
    for (const Hit& hit : searcher_->search({text, DocType::kProcedure, limit, 0}).hits) ids.push_back(hit.id);
    return ids;
  }
  std::string first_procedure(const std::string& text) {
    const auto ids = procedure_ids(text, 1);
    return ids.empty() ? "" : ids.front();
  }

  static std::unique_ptr<testing::TempDir> dir_;
  std::unique_ptr<Searcher> searcher_;
};

std::unique_ptr<testing::TempDir> SearcherOnDataBundle::dir_;

bool in_top(const std::vector<std::string>& ids, const std::string& id, std::size_t k) {
  return std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min(k, ids.size())), id) !=
         ids.begin() + static_cast<std::ptrdiff_t>(std::min(k, ids.size()));
}

TEST_F(SearcherOnDataBundle, LostIdCardWithoutAccentsFindsTheIdCardProcedures) {
  const std::string first = first_procedure("elvesztettem a szemelyimet");
  EXPECT_TRUE(first == "szemelyi-igazolvany-elvesztesenek-bejelentese" || first == "szemelyi-igazolvany-potlasa")
      << first;
}

TEST_F(SearcherOnDataBundle, ProbateFindsTheProbateProcedureFirst) {
  EXPECT_EQ(first_procedure("hagyaték"), "hagyateki-eljaras-hagyateki-leltar");
}

TEST_F(SearcherOnDataBundle, ColloquialExpiredDrivingLicenceFindsTheRenewalInTopThree) {
  EXPECT_TRUE(in_top(procedure_ids("jogsi lejart"), "vezetoi-engedely-csereje", 3));
}

TEST_F(SearcherOnDataBundle, UnaccentedAddressCardFindsAnAddressProcedureFirst) {
  const std::string first = first_procedure("lakcimkartya");
  EXPECT_TRUE(first == "lakcimkartya-potlasa" || first == "lakcimbejelentes") << first;
}

TEST_F(SearcherOnDataBundle, AWordBeingTypedIsMatchedAsAPrefix) {
  EXPECT_EQ(first_procedure("lakcímbej"), "lakcimbejelentes");
  EXPECT_EQ(first_procedure("lakcimbej"), "lakcimbejelentes");
}

TEST_F(SearcherOnDataBundle, OnlyTheLastWordIsAPrefixAndOnlyWithoutATrailingSeparator) {
  // With a trailing space "lakcímbej" is a finished word that occurs nowhere and is too far from any
  // indexed word to be a typo: nothing matches it as typed, and only the relaxed search (its start as
  // a prefix) answers, flagged as relaxed.
  const SearchResult finished = searcher_->search({"lakcímbej ", DocType::kProcedure, 10, 0});
  EXPECT_TRUE(finished.relaxed);
  EXPECT_EQ(finished.dropped_words, std::vector<std::string>{});
  const SearchResult typing = searcher_->search({"lakcímbej", DocType::kProcedure, 10, 0});
  EXPECT_FALSE(typing.relaxed);
  ASSERT_FALSE(typing.hits.empty());
  EXPECT_EQ(first_procedure("lakcímbej bejelentés"), first_procedure("bejelentés"));
}

// Never empty-handed: a query that shares no word with any document as typed still answers with the
// closest documents, flagged as relaxed, and names the words it could not use.
TEST_F(SearcherOnDataBundle, AQueryMatchingNoWordAnswersRelaxedWithTheClosestDocuments) {
  const SearchResult result = searcher_->search({"vendégházat nyitnánk a Balatonnál", DocType::kProcedure, 10, 0});
  EXPECT_TRUE(result.relaxed);
  EXPECT_FALSE(result.hits.empty());
}

TEST_F(SearcherOnDataBundle, WhenNoDocumentHasEveryWordTheResultIsRelaxedAndNamesTheMissingWords) {
  // "zsiráfot" occurs nowhere: the hits are for the other words, and the answer says so.
  const SearchResult result = searcher_->search({"lakcímkártya zsiráfot", DocType::kProcedure, 10, 0});
  EXPECT_TRUE(result.relaxed);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.dropped_words, std::vector<std::string>{"zsiráfot"});
  const SearchResult all = searcher_->search({"lakcímkártya pótlása", DocType::kProcedure, 10, 0});
  EXPECT_FALSE(all.relaxed);
  EXPECT_TRUE(all.dropped_words.empty());
}

// The held-out target as a property: any query that shares a content word with a procedure title
// answers, whatever else it says (here: two words that occur nowhere).
TEST_F(SearcherOnDataBundle, EveryQuerySharingATitleWordWithAProcedureAnswers) {
  const kb::Bundle bundle = testing::data_bundle();
  int checked = 0;
  for (const kb::Procedure& procedure : bundle.procedures) {
    std::string longest;
    std::size_t at = 0;
    const std::string& title = procedure.title;
    while (at < title.size()) {
      const std::size_t end = std::min(title.find_first_of(" -,", at), title.size());
      if (end - at > longest.size()) longest = title.substr(at, end - at);
      at = end + 1;
    }
    const std::string query = "qwxyzz " + kb::to_lower(longest) + " brrrmpf";
    const SearchResult result = searcher_->search({query, DocType::kProcedure, 10, 0});
    EXPECT_FALSE(result.hits.empty()) << query;
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST_F(SearcherOnDataBundle, RealisticTyposAreCorrectedWithinTheBudget) {
  EXPECT_EQ(first_procedure("közgyógyelátás"), "kozgyogyellatas");
  const std::string first = first_procedure("szemályi igazolvány elveszett");
  EXPECT_TRUE(first == "szemelyi-igazolvany-elvesztesenek-bejelentese" || first == "szemelyi-igazolvany-potlasa")
      << first;
}

TEST_F(SearcherOnDataBundle, InflectedQueryWordsMatchThroughStems) {
  EXPECT_EQ(first_procedure("útlevelet szeretnék igényelni"), "maganutlevel-igenylese");
}

TEST_F(SearcherOnDataBundle, TypeFilterReturnsOnlyThatType) {
  for (DocType type : {DocType::kProcedure, DocType::kForm, DocType::kOffice}) {
    const SearchResult result = searcher_->search({"lakcím hivatal kérelem", type, 50, 0});
    ASSERT_FALSE(result.hits.empty()) << to_string(type);
    for (const Hit& hit : result.hits) EXPECT_EQ(hit.type, type) << hit.id;
  }
}

TEST_F(SearcherOnDataBundle, WithoutTypeFilterAllTypesCanMatch) {
  const SearchResult result = searcher_->search({"Hajdúnánás", {}, 50, 0});
  ASSERT_FALSE(result.hits.empty());
  EXPECT_TRUE(
      std::any_of(result.hits.begin(), result.hits.end(), [](const Hit& hit) { return hit.type == DocType::kOffice; }));
}

TEST_F(SearcherOnDataBundle, LimitAndOffsetPaginateTheSameRanking) {
  const SearchResult all = searcher_->search({"igazolvány", {}, 6, 0});
  ASSERT_EQ(all.hits.size(), 6u);
  const SearchResult page1 = searcher_->search({"igazolvány", {}, 3, 0});
  const SearchResult page2 = searcher_->search({"igazolvány", {}, 3, 3});
  ASSERT_EQ(page1.hits.size(), 3u);
  ASSERT_EQ(page2.hits.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(page1.hits[i].id, all.hits[i].id);
    EXPECT_EQ(page2.hits[i].id, all.hits[i + 3].id);
  }
  EXPECT_EQ(page1.total, all.total);
  EXPECT_GE(all.total, 6u);
}

TEST_F(SearcherOnDataBundle, AnOffsetPastTheEndGivesNoHitsButTheTotal) {
  const SearchResult result = searcher_->search({"igazolvány", {}, 10, 100000});
  EXPECT_TRUE(result.hits.empty());
  EXPECT_GT(result.total, 0u);
}

TEST_F(SearcherOnDataBundle, EmptyBlankAndStopWordOnlyQueriesGiveAnEmptyResult) {
  // A single typed letter is not expanded as a prefix either: it would match almost everything.
  for (const std::string text : {"", "   ", "?!", "a az és hogy ", "a", "🙂"}) {
    const SearchResult result = searcher_->search({text, {}, 10, 0});
    EXPECT_EQ(result.total, 0u) << text;
    EXPECT_TRUE(result.hits.empty()) << text;
  }
}

TEST_F(SearcherOnDataBundle, UnknownWordsGiveAnEmptyResult) {
  EXPECT_TRUE(searcher_->search({"xqzwv", {}, 10, 0}).hits.empty());
}

TEST_F(SearcherOnDataBundle, HitsCarryTitleScoreAndAPlainTextSnippetAroundTheMatch) {
  const SearchResult result = searcher_->search({"hagyatéki leltár", DocType::kProcedure, 3, 0});
  ASSERT_FALSE(result.hits.empty());
  const Hit& hit = result.hits.front();
  EXPECT_EQ(hit.type, DocType::kProcedure);
  EXPECT_FALSE(hit.title.empty());
  EXPECT_GT(hit.score, 0.0);
  EXPECT_NE(hit.snippet.find("agyaték"), std::string::npos) << hit.snippet;
  EXPECT_EQ(hit.snippet.find('<'), std::string::npos);
  ASSERT_EQ(result.hits.size(), 3u) << "the ordering check below needs several hits";
  for (std::size_t i = 1; i < result.hits.size(); ++i) EXPECT_GE(result.hits[i - 1].score, result.hits[i].score);
}

TEST_F(SearcherOnDataBundle, KbVersionIsTheBuiltVersion) {
  EXPECT_EQ(searcher_->kb_version(), 7);
}

// Accents: exact matches outrank accent-folded ones, which still match.
TEST(SearcherAccents, ExactlyAccentedMatchesRankAboveFoldedLookalikes) {
  const testing::TempDir dir;
  kb::Bundle bundle;
  bundle.procedures.resize(2);
  bundle.procedures[0].id = "age";
  bundle.procedures[0].title = "Kor szerinti kedvezmény";
  bundle.procedures[1].id = "illness";
  bundle.procedures[1].title = "Kór miatti keresőképtelenség";
  build_index(bundle, 1, dir.path());
  Searcher searcher(dir.path());

  const SearchResult illness = searcher.search({"kór ", {}, 10, 0});
  ASSERT_EQ(illness.hits.size(), 2u);
  EXPECT_EQ(illness.hits[0].id, "illness");
  const SearchResult age = searcher.search({"kor ", {}, 10, 0});
  ASSERT_EQ(age.hits.size(), 2u);
  EXPECT_EQ(age.hits[0].id, "age");
}

// At national scale hundreds of offices retell the same procedure in their own words. Those copies
// must not change what a word is worth: a procedure's own words keep their weight, and a word only
// an office wrote still finds the procedure for that office.
class SearcherWithManyLocalVariants : public ::testing::Test {
 protected:
  static constexpr int kOffices = 400;
  static void SetUpTestSuite() {
    kb::Bundle bundle = testing::data_bundle();
    for (int i = 0; i < kOffices; ++i) {
      const std::string office = kb::mayors_office_id(std::to_string(10000 + i));
      kb::LocalVariant v;
      v.procedure_id = "telepulesi-tamogatas";
      v.office_id = office;
      v.id = kb::owned_id(v.procedure_id, office);
      v.description = "A " + std::to_string(i) +
                      ". község önkormányzata települési támogatásként lakhatási, gyógyszer- és temetési "
                      "támogatást nyújt a helyi rendelet szerint; a kérelmet 30 napon belül bíráljuk el.";
      if (i == 0) v.note = "Zöldövezeti pótlék is igényelhető.";
      bundle.variants.push_back(std::move(v));
    }
    dir_ = std::make_unique<testing::TempDir>();
    build_index(bundle, 7, dir_->path());
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static std::vector<std::string> ids_for(const std::string& text, const std::string& office) {
    Searcher searcher(dir_->path());
    SearchRequest request{text, DocType::kProcedure, 5, 0};
    request.offices = {office};
    std::vector<std::string> ids;
    for (const Hit& hit : searcher.search(request).hits) ids.push_back(hit.id);
    return ids;
  }

  static std::unique_ptr<testing::TempDir> dir_;
};

std::unique_ptr<testing::TempDir> SearcherWithManyLocalVariants::dir_;

TEST_F(SearcherWithManyLocalVariants, TheProceduresOwnWordsKeepTheirWeight) {
  const auto ids = ids_for("települési támogatást szeretnék igényelni", kb::mayors_office_id("10005"));
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "telepulesi-tamogatas");
}

TEST_F(SearcherWithManyLocalVariants, AWordOnlyTheOfficeWroteFindsTheProcedureForThatOfficeOnly) {
  EXPECT_EQ(ids_for("zöldövezeti", kb::mayors_office_id("10000")), std::vector<std::string>{"telepulesi-tamogatas"});
  EXPECT_TRUE(ids_for("zöldövezeti", kb::mayors_office_id("10001")).empty());
}

}  // namespace
}  // namespace ugk::search
