#include "kb/text_fold.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ugk::kb {
namespace {

struct FoldCase {
  const char* input;
  const char* folded;
};

class FoldTable : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldTable, LowercasesAndStripsAccents) {
  EXPECT_EQ(fold(GetParam().input), GetParam().folded);
}

INSTANTIATE_TEST_SUITE_P(Hungarian, FoldTable,
                         ::testing::Values(FoldCase{"", ""}, FoldCase{"Hajdúnánás", "hajdunanas"},
                                           FoldCase{"ŐRBOTTYÁN", "orbottyan"},
                                           FoldCase{"Űrhajó és tükör", "urhajo es tukor"}, FoldCase{"Folyás", "folyas"},
                                           FoldCase{"already plain 123", "already plain 123"},
                                           FoldCase{"Ügy-kalauz!", "ugy-kalauz!"},
                                           FoldCase{"emoji 🙂 marad", "emoji 🙂 marad"}));

TEST(Fold, ReplacesInvalidUtf8InsteadOfThrowing) {
  EXPECT_NO_THROW(fold("\xff\xfe broken"));
}

TEST(ToLower, KeepsAccents) {
  EXPECT_EQ(to_lower("ŐSZI Ügy"), "őszi ügy");
}

TEST(Fold, LettersOutsideTheHungarianAlphabetAreFoldedToo) {
  EXPECT_EQ(fold("Ça va, SEÑOR Dvořák"), "ca va, senor dvorak");
  EXPECT_EQ(to_lower("ÇA VA ŁÓDŹ"), "ça va łódź");
}

// Hungarian text takes a table, anything else ICU: a "ç" appended sends the same letters through
// ICU, and both must give the same answer for every letter of the alphabet and for ASCII.
TEST(Fold, TableAndIcuAgreeOnEveryHungarianLetterAndAscii) {
  std::vector<std::string> letters = {"Á", "á", "É", "é", "Í", "í", "Ó", "ó", "Ö",
                                      "ö", "Ő", "ő", "Ú", "ú", "Ü", "ü", "Ű", "ű"};
  for (char c = 0x20; c < 0x7F; ++c) letters.emplace_back(1, c);
  ASSERT_EQ(letters.size(), 18u + 95u);
  for (const auto& letter : letters) {
    EXPECT_EQ(fold(letter) + "c", fold(letter + "ç")) << letter;
    EXPECT_EQ(to_lower(letter) + "ç", to_lower(letter + "Ç")) << letter;
  }
}

}  // namespace
}  // namespace ugk::kb
