#include "search/stopwords.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace ugk::search {
namespace {

TEST(StopWords, ParsesTheSnowballFormatWithCommentsAndBlankLines) {
  const StopWords words = parse_stopwords("| comment line\n\na\naz   | trailing comment\n  és \r\n");
  EXPECT_EQ(words.words(), (std::vector<std::string>{"a", "az", "és"}));
}

TEST(StopWords, AccentedWordsMatchExactlyAndUnaccentedOnesAlsoThroughFolding) {
  const StopWords words = parse_stopwords("által\nés\n");
  EXPECT_TRUE(words.contains("által"));
  EXPECT_TRUE(words.contains("altal"));  // typed without accents
  EXPECT_TRUE(words.contains("es"));
  EXPECT_FALSE(words.contains("ès"));  // a different accent is a different word
  EXPECT_FALSE(words.contains("áltál"));
}

TEST(StopWords, TheRepositoryListLoadsAndMatchesTheCompiledInDefault) {
  const StopWords loaded = load_stopwords(testing::source_path("data/lang/hungarian-stopwords.txt"));
  EXPECT_GT(loaded.words().size(), 150u);
  EXPECT_TRUE(loaded.contains("hogy"));
  EXPECT_FALSE(loaded.contains("személyi"));
  EXPECT_EQ(loaded.words(), default_stopwords().words());
}

TEST(StopWords, AMissingFileIsAnError) {
  EXPECT_THROW(load_stopwords("/nonexistent/stopwords.txt"), std::runtime_error);
}

}  // namespace
}  // namespace ugk::search
