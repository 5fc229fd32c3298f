// Snippets: a plain-text window of the hit's text around the first matched word.
#include "search/snippet.h"

#include <gtest/gtest.h>

#include "kb/text_fold.h"

namespace ugk::search {
namespace {

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

ParsedQuery query_for(std::vector<std::string> folded_words, std::string prefix = "") {
  ParsedQuery q;
  q.folded_words = std::move(folded_words);
  q.folded_prefix = std::move(prefix);
  return q;
}

const std::string kText =
    "Aki új címre költözik, három munkanapon belül köteles bejelenteni új lakóhelyét vagy tartózkodási "
    "helyét. 2025. február 1. óta ezt csak járási hivatalban, illetve kormányablakban lehet megtenni, a "
    "polgármesteri hivatal jegyzője már nem fogad lakcímbejelentést. Személyes ügyintézésnél a "
    "lakcímbejelentő lapot a szállásadónak és a bejelentőnek is alá kell írnia.";

TEST(Snippet, ShortTextIsReturnedWhole) {
  Analyzer analyzer(StopWords{});
  EXPECT_EQ(make_snippet("Költözés után.", analyzer, query_for({"koltozes"})), "Költözés után.");
}

TEST(Snippet, EmptyTextGivesAnEmptySnippet) {
  Analyzer analyzer(StopWords{});
  EXPECT_EQ(make_snippet("", analyzer, query_for({"x"})), "");
}

TEST(Snippet, WithoutAMatchTheTextStartIsShownAndTheCutMarked) {
  Analyzer analyzer(StopWords{});
  const std::string snippet = make_snippet(kText, analyzer, query_for({"nincsilyen"}));
  EXPECT_TRUE(snippet.starts_with("Aki új címre")) << snippet;
  EXPECT_TRUE(snippet.ends_with("…")) << snippet;
  EXPECT_LE(code_points(snippet), kSnippetChars + 1);
}

TEST(Snippet, TheWindowStartsShortlyBeforeTheFirstMatchedWord) {
  Analyzer analyzer(StopWords{});
  const std::string snippet = make_snippet(kText, analyzer, query_for({"szallasadonak"}));
  EXPECT_TRUE(snippet.starts_with("…")) << snippet;
  EXPECT_NE(snippet.find("szállásadónak"), std::string::npos) << snippet;
  EXPECT_LE(code_points(snippet), kSnippetChars + 2);
}

TEST(Snippet, APartialLastWordMatchesByPrefix) {
  Analyzer analyzer(StopWords{});
  const std::string snippet = make_snippet(kText, analyzer, query_for({}, "lakcimbej"));
  EXPECT_NE(snippet.find("lakcímbejelentést"), std::string::npos) << snippet;
}

TEST(Snippet, IsPlainTextEvenWhenTheSourceLooksLikeMarkup) {
  Analyzer analyzer(StopWords{});
  EXPECT_EQ(make_snippet("a <b> & c", analyzer, query_for({"c"})), "a <b> & c");
}

TEST(Snippet, ASingleOverlongRunIsShownRatherThanNothing) {
  Analyzer analyzer(StopWords{});
  const std::string text = std::string(60, 'x') + " " + std::string(60, 'y') + " " + std::string(60, 'z');
  const std::string snippet = make_snippet(text, analyzer, query_for({}), 20);
  EXPECT_TRUE(snippet.starts_with(std::string(60, 'x'))) << snippet;
}

// The snippet skips analysing texts in which no query word can occur; that shortcut must never hide
// a match, also not one found through a stem the stemmer undoubled ("ággyal" -> "ágy").
TEST(Snippet, AMatchDeepInTheTextIsFoundThroughItsStemEvenWhenTheWordIsSpelledDifferently) {
  Analyzer analyzer(StopWords{});
  std::string text;
  for (int i = 0; i < 5; ++i) text += "A kérelmet személyesen lehet benyújtani a hivatalban. ";
  text += "Aki a kórházi ággyal kapcsolatban kérdez, a kórházhoz forduljon.";
  ASSERT_EQ(kb::fold(text).find(kb::fold(analyzer.stem("ágy"))), std::string::npos);  // only the stem matches
  ParsedQuery q;
  q.folded_stems = {kb::fold(analyzer.stem("ágy"))};
  const Snippet snippet = make_highlighted_snippet(text, analyzer, q);
  ASSERT_EQ(snippet.highlights.size(), 1u) << snippet.text;
  const auto [begin, end] = snippet.highlights.front();
  EXPECT_EQ(snippet.text.substr(begin, end - begin), "ággyal") << snippet.text;
}

}  // namespace
}  // namespace ugk::search
