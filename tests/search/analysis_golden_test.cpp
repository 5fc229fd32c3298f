// Golden table of the Hungarian analysis (search/analyzer.h): word -> stem, folded word, folded stem,
// stop word, for every word of the reference bundle's texts and of the development query set, plus
// edge cases. The same file checks the field app's offline analysis (web/src/search-hu.js, in
// tests/web/core.test.mjs), so the browser provably stems and folds as the server does. Each line is
// checked against the Analyzer; regenerate the word list after the data grows with
//   UGK_UPDATE_GOLDEN=1 build/tests/search/ugk_search_tests --gtest_filter='AnalysisGolden.*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "search/analyzer.h"
#include "search/relevance.h"
#include "test_support.h"

namespace ugk::search {
namespace {

const std::filesystem::path kGolden = testing::source_path("tests/search/golden/analysis_hu.tsv");

std::string line_for(const Token& t) {
  return t.word + "\t" + t.stem + "\t" + t.folded + "\t" + t.folded_stem + "\t" + (t.stop ? "1" : "0");
}

std::set<std::string> vocabulary(Analyzer& analyzer) {
  std::set<std::string> words;
  const auto add = [&](std::string_view text) {
    for (const Token& t : analyzer.analyze(text)) words.insert(t.word);
  };
  const kb::Bundle& b = testing::data_bundle();
  for (const auto& p : b.procedures) {
    add(p.title);
    add(p.category);
    add(p.summary);
    add(p.description);
    for (const auto& k : p.keywords) add(k);
    for (const auto& d : p.documents) add(d);
  }
  for (const auto& f : b.forms) add(f.title);
  for (const auto& q : load_query_set(testing::source_path("tests/search/dev-queries.tsv"))) add(q.text);
  // Edge cases: capitals (Hungarian lower case), ő/ű, digits, an underscore joining words, a stop
  // word typed without accents, a word just under the length limit.
  const std::string longest(Analyzer::kMaxWordBytes, 'a');
  for (std::string_view text :
       {std::string_view("ŐRIZET Ügysegéd"), std::string_view("tűzifa"), std::string_view("2026"),
        std::string_view("a_b"), std::string_view("altal"), std::string_view("által"), std::string_view(longest)}) {
    add(text);
  }
  return words;
}

TEST(AnalysisGolden, EveryLineIsWhatTheAnalyzerProduces) {
  Analyzer analyzer(default_stopwords());
  if (std::getenv("UGK_UPDATE_GOLDEN") != nullptr) {
    std::ofstream out(kGolden);
    out << "# word\tstem\tfolded\tfolded_stem\tstop — written by tests/search/analysis_golden_test.cpp\n";
    for (const std::string& word : vocabulary(analyzer)) out << line_for(analyzer.analyze(word).at(0)) << "\n";
    GTEST_SKIP() << "rewrote " << kGolden;
  }
  std::ifstream in(kGolden);
  ASSERT_TRUE(in) << kGolden;
  std::string line;
  std::size_t checked = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    const std::string word = line.substr(0, line.find('\t'));
    const std::vector<Token> tokens = analyzer.analyze(word);
    ASSERT_EQ(tokens.size(), 1u) << word;
    EXPECT_EQ(line_for(tokens.front()), line);
    ++checked;
  }
  EXPECT_GT(checked, 2000u) << "the table covers the bundle's vocabulary";
}

TEST(AnalysisGolden, SplitsWordsOnEverythingButWordCharactersAndDropsOverlongOnes) {
  Analyzer analyzer(default_stopwords());
  const auto words = [&](std::string_view text) {
    std::vector<std::string> out;
    for (const Token& t : analyzer.analyze(text)) out.push_back(t.word);
    return out;
  };
  EXPECT_EQ(words("Lakcím-bejelentés, 2026!😀ügy"), (std::vector<std::string>{"lakcím", "bejelentés", "2026", "ügy"}));
  EXPECT_TRUE(words(std::string(65, 'a')).empty());
  EXPECT_TRUE(words("😀 % ?!").empty());
}

}  // namespace
}  // namespace ugk::search
