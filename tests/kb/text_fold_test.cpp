#include "kb/text_fold.h"

#include <gtest/gtest.h>

namespace ugk::kb {
namespace {

struct FoldCase {
  const char* input;
  const char* folded;
};

class FoldTable : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldTable, LowercasesAndStripsAccents) { EXPECT_EQ(fold(GetParam().input), GetParam().folded); }

INSTANTIATE_TEST_SUITE_P(
    Hungarian, FoldTable,
    ::testing::Values(FoldCase{"", ""}, FoldCase{"Hajdúnánás", "hajdunanas"}, FoldCase{"ŐRBOTTYÁN", "orbottyan"},
                      FoldCase{"Űrhajó és tükör", "urhajo es tukor"}, FoldCase{"Folyás", "folyas"},
                      FoldCase{"already plain 123", "already plain 123"}, FoldCase{"Ügy-kalauz!", "ugy-kalauz!"},
                      FoldCase{"emoji 🙂 marad", "emoji 🙂 marad"}));

TEST(Fold, ReplacesInvalidUtf8InsteadOfThrowing) { EXPECT_NO_THROW(fold("\xff\xfe broken")); }

TEST(ToLower, KeepsAccents) { EXPECT_EQ(to_lower("ŐSZI Ügy"), "őszi ügy"); }

}  // namespace
}  // namespace ugk::kb
