// Compound splitting: a golden table of word -> parts against a small lexicon, and the search-level
// promise that "lakcímkártya", "lakcím kártya" and "kártya" meet.
#include "search/compounds.h"

#include <gtest/gtest.h>

#include "search/index_builder.h"
#include "search/searcher.h"
#include "test_support.h"

namespace ugk::search {
namespace {

struct SplitCase {
  std::string name;
  std::string word;
  std::optional<CompoundParts> parts;
};

void PrintTo(const SplitCase& c, std::ostream* out) {
  *out << c.name;
}
}  // namespace
void PrintTo(const CompoundParts& p, std::ostream* out) {
  *out << p.left << "+" << p.right << "/" << p.right_stem;
}
namespace {

class CompoundSplit : public ::testing::TestWithParam<SplitCase> {};

TEST_P(CompoundSplit, SplitsIntoLexiconWordsOnly) {
  Analyzer analyzer{StopWords{}};
  std::unordered_set<std::string> lexicon;
  add_to_lexicon(lexicon, "lakcím kártya személyi igazolvány gépjármű adó hagyaték", analyzer);
  const Decompounder decompounder(lexicon);
  const auto tokens = analyzer.analyze(GetParam().word);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(decompounder.split(tokens.front(), analyzer), GetParam().parts);
}

INSTANTIATE_TEST_SUITE_P(
    Hungarian, CompoundSplit,
    ::testing::Values(SplitCase{"TwoLexiconWords", "lakcímkártya", CompoundParts{"lakcim", "kartya", "karty"}},
                      SplitCase{"InflectedHead", "lakcímkártyámat", CompoundParts{"lakcim", "kartyamat", "kartya"}},
                      SplitCase{"Unaccented", "lakcimkartya", CompoundParts{"lakcim", "kartya", "karty"}},
                      SplitCase{"MixedCase", "LakcímKártya", CompoundParts{"lakcim", "kartya", "karty"}},
                      SplitCase{"ShortPartsAreNeverSplitOff", "gépjárműadó", std::nullopt},
                      SplitCase{"LexiconWordAlone", "hagyaték", std::nullopt},
                      SplitCase{"UnknownParts", "tükörfúrógép", std::nullopt},
                      SplitCase{"Digits", "12345678", std::nullopt}),
    [](const auto& info) { return info.param.name; });

TEST(CompoundLexicon, SurvivesSerialization) {
  Analyzer analyzer{StopWords{}};
  std::unordered_set<std::string> lexicon;
  add_to_lexicon(lexicon, "lakcím kártya", analyzer);
  const Decompounder restored = Decompounder::deserialize(Decompounder(lexicon).serialize());
  const auto token = analyzer.analyze("lakcímkártya").front();
  EXPECT_EQ(restored.split(token, analyzer), (CompoundParts{"lakcim", "kartya", "karty"}));
}

kb::Procedure procedure(std::string id, std::string title, std::string summary) {
  kb::Procedure p;
  p.id = std::move(id);
  p.title = std::move(title);
  p.summary = std::move(summary);
  p.category = "Okmányok";
  p.certainty = "illustrative";
  return p;
}

class CompoundSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    kb::Bundle bundle;
    bundle.procedures = {procedure("joined", "Lakcímkártya pótlása", "Új igazolvány."),
                         procedure("apart", "Lakcím igazolása", "A lakcím kártya formájában is kérhető."),
                         procedure("other", "Útlevél igénylése", "Magánútlevél.")};
    bundle.procedures[1].keywords = {"lakcím kártya"};  // the lexicon comes from titles and keywords
    build_index(bundle, 1, dir_.path());
    searcher_ = std::make_unique<Searcher>(dir_.path());
  }
  std::vector<std::string> ids(const std::string& text) {
    std::vector<std::string> out;
    for (const Hit& hit : searcher_->search({text, DocType::kProcedure, 10, 0}).hits) out.push_back(hit.id);
    return out;
  }
  testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(CompoundSearch, OnePartFindsTheCompound) {
  for (const std::string text : {"kártya", "kártyát", "kartya"}) {
    const auto found = ids(text);
    EXPECT_NE(std::find(found.begin(), found.end(), "joined"), found.end()) << text;
    EXPECT_EQ(std::find(found.begin(), found.end(), "other"), found.end()) << text;
  }
}

TEST_F(CompoundSearch, WordsTypedApartFindTheCompound) {
  const auto found = ids("lakcím kártya");
  EXPECT_NE(std::find(found.begin(), found.end(), "joined"), found.end());
}

TEST_F(CompoundSearch, CompoundTypedTogetherFindsTheWordsWrittenApart) {
  const auto found = ids("lakcímkártyája");
  EXPECT_NE(std::find(found.begin(), found.end(), "apart"), found.end());
  EXPECT_EQ(std::find(found.begin(), found.end(), "other"), found.end());
}

}  // namespace
}  // namespace ugk::search
