// Golden table for Hungarian text analysis: input -> words, stems and folded forms.
// Each row is a specification of how text is split and normalised; stop words are listed with a
// trailing "!" (they are produced, flagged, and neither indexed nor searched).
#include "search/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search/stopwords.h"
#include "test_support.h"

namespace ugk::search {
namespace {

struct GoldenCase {
  std::string name;
  std::string input;
  std::vector<std::string> words;  // lower-case as written; "!" suffix = stop word
  std::vector<std::string> stems;
  std::vector<std::string> folded;
  std::vector<std::string> folded_stems;
};

// Names the case instead of dumping its bytes when a row fails.
void PrintTo(const GoldenCase& golden, std::ostream* out) {
  *out << golden.name;
}

const std::string kLongWord(Analyzer::kMaxWordBytes, 'a');
const std::string kTooLongWord(Analyzer::kMaxWordBytes + 1, 'b');

std::vector<GoldenCase> golden_cases() {
  return {
      {"Empty", "", {}, {}, {}, {}},
      {"OnlySeparators", "  ,.;-–!? \t\n", {}, {}, {}, {}},
      {"InflectedNounStemmedWithAccents", "személyimet", {"személyimet"}, {"személy"}, {"szemelyimet"}, {"szemely"}},
      {"MixedCaseIsLowered",
       "Elvesztettem a SZEMÉLYIMET",
       {"elvesztettem", "a!", "személyimet"},
       {"elvesztett", "a", "személy"},
       {"elvesztettem", "a", "szemelyimet"},
       {"elvesztett", "a", "szemely"}},
      {"DoubleAcuteCapitalsLowerAndFold",
       "ÁRVÍZTŰRŐ tükörfúrógép",
       {"árvíztűrő", "tükörfúrógép"},
       {"árvíztűrő", "tükörfúrógép"},
       {"arvizturo", "tukorfurogep"},
       {"arvizturo", "tukorfurogep"}},
      {"UnaccentedColloquialForms",
       "jogsi lejart szemelyi",
       {"jogsi", "lejart", "szemelyi"},
       {"jogs", "lejar", "szemely"},
       {"jogsi", "lejart", "szemelyi"},
       {"jogs", "lejar", "szemely"}},
      {"SuffixesShareAStem",
       "hagyaték hagyatéki hagyatékhoz",
       {"hagyaték", "hagyatéki", "hagyatékhoz"},
       {"hagyate", "hagyate", "hagyate"},
       {"hagyatek", "hagyateki", "hagyatekhoz"},
       {"hagyate", "hagyate", "hagyate"}},
      {"AccentsDistinguishWordsUntilFolded",
       "kör kór kor",
       {"kör", "kór", "kor"},
       {"kör", "kór", "kor"},
       {"kor", "kor", "kor"},
       {"kor", "kor", "kor"}},
      {"DigitsAreWordsAndPunctuationSplits",
       "A3-as lap, 12.500 Ft",
       {"a3", "as", "lap", "12", "500", "ft"},
       {"a3", "as", "lap", "12", "500", "ft"},
       {"a3", "as", "lap", "12", "500", "ft"},
       {"a3", "as", "lap", "12", "500", "ft"}},
      {"PlusSignsParenthesesAndAddresses",
       "Ügyfélkapu+ (DÁP) ugyfel@kh.gov.hu",
       {"ügyfélkapu", "dáp", "ugyfel", "kh", "gov", "hu"},
       {"ügyfélkapu", "dáp", "ugyfel", "kh", "gov", "hu"},
       {"ugyfelkapu", "dap", "ugyfel", "kh", "gov", "hu"},
       {"ugyfelkapu", "dap", "ugyfel", "kh", "gov", "hu"}},
      {"EmojiSeparateWords",
       "🙂 kutya🐕macska",
       {"kutya", "macska"},
       {"kuty", "macs"},
       {"kutya", "macska"},
       {"kuty", "macs"}},
      {"UnaccentedStopWordsMatchAccentedList",
       "altal által ok",
       {"altal!", "által!", "ok!"},
       {"altal", "által", "ok"},
       {"altal", "altal", "ok"},
       {"altal", "altal", "ok"}},
      {"HyphenatedColloquialSplitsIntoWords",
       "TB-kártya",
       {"tb", "kártya"},
       {"tb", "kárty"},
       {"tb", "kartya"},
       {"tb", "karty"}},
      {"CompoundStaysOneWordInAnalysis",
       "Lakcímkártyát",
       {"lakcímkártyát"},
       {"lakcímkárty"},
       {"lakcimkartyat"},
       {"lakcimkarty"}},
      {"OverlongWordsAreDropped",
       kLongWord + " " + kTooLongWord + " kész",
       {kLongWord, "kész"},
       {kLongWord, "kész"},
       {kLongWord, "kesz"},
       {kLongWord, "kesz"}},
  };
}

class AnalyzerGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(AnalyzerGolden, ProducesTheExpectedForms) {
  const GoldenCase& expected = GetParam();
  Analyzer analyzer(load_stopwords(testing::source_path("data/lang/hungarian-stopwords.txt")));
  std::vector<std::string> words, stems, folded, folded_stems;
  for (const Token& token : analyzer.analyze(expected.input)) {
    words.push_back(token.word + (token.stop ? "!" : ""));
    stems.push_back(token.stem);
    folded.push_back(token.folded);
    folded_stems.push_back(token.folded_stem);
  }
  EXPECT_EQ(words, expected.words);
  EXPECT_EQ(stems, expected.stems);
  EXPECT_EQ(folded, expected.folded);
  EXPECT_EQ(folded_stems, expected.folded_stems);
}

INSTANTIATE_TEST_SUITE_P(Hungarian, AnalyzerGolden, ::testing::ValuesIn(golden_cases()),
                         [](const auto& info) { return info.param.name; });

TEST(Analyzer, ReportsByteRangesOfWordsInTheOriginalText) {
  Analyzer analyzer(StopWords{});
  const std::string text = "Új lakcím, 2025!";
  const auto tokens = analyzer.analyze(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(text.substr(tokens[0].offset, tokens[0].length), "Új");
  EXPECT_EQ(text.substr(tokens[1].offset, tokens[1].length), "lakcím");
  EXPECT_EQ(text.substr(tokens[2].offset, tokens[2].length), "2025");
}

TEST(Analyzer, VeryLongInputIsAnalysedWordByWord) {
  Analyzer analyzer(StopWords{});
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "lakcímkártya ";
  const auto tokens = analyzer.analyze(text);
  ASSERT_EQ(tokens.size(), 20000u);
  EXPECT_EQ(tokens.back().folded, "lakcimkartya");
}

TEST(Analyzer, InvalidUtf8NeverThrows) {
  Analyzer analyzer(StopWords{});
  const std::string text = "szem\xC3\xA9lyi \xFF\xFE hib\xC3";
  EXPECT_NO_THROW(analyzer.analyze(text));
  EXPECT_EQ(analyzer.analyze(text).front().word, "személyi");
}

TEST(Analyzer, NextTokenWalksTheSameWordsAsAnalyzeOneAtATime) {
  Analyzer analyzer(StopWords{});
  const std::string text = "  Személyi igazolvány, " + kTooLongWord + " -- pótlása!";
  std::vector<Token> walked;
  std::size_t position = 0;
  while (auto token = analyzer.next_token(text, position)) walked.push_back(*token);
  EXPECT_EQ(walked, analyzer.analyze(text));
  ASSERT_EQ(walked.size(), 3u);
  EXPECT_EQ(position, text.size());
  EXPECT_FALSE(analyzer.next_token(text, position));
}

}  // namespace
}  // namespace ugk::search
