// kb::scrub_personal_data on the golden table tests/kb/golden/scrub.tsv (input -> stored text).
#include "kb/scrub.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace ugk::kb {
namespace {

TEST(ScrubTest, GoldenTable) {
  std::ifstream in(UGK_SOURCE_DIR "/tests/kb/golden/scrub.tsv");
  ASSERT_TRUE(in) << "golden table missing";
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    const auto tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    EXPECT_EQ(scrub_personal_data(line.substr(0, tab)), line.substr(tab + 1)) << "input: " << line.substr(0, tab);
    ++cases;
  }
  EXPECT_GE(cases, 15);
}

TEST(ScrubTest, EdgeCases) {
  EXPECT_EQ(scrub_personal_data(""), "");
  EXPECT_EQ(scrub_personal_data("@"), "@");
  EXPECT_EQ(scrub_personal_data("vagyok"), "vagyok");
  EXPECT_EQ(scrub_personal_data("🙂 jó volt 🙂"), "🙂 jó volt 🙂");
  // Long input stays linear and intact apart from the matches.
  const std::string long_text(100000, 'a');
  EXPECT_EQ(scrub_personal_data(long_text), long_text);
  const std::string digits(5000, '7');
  EXPECT_EQ(scrub_personal_data(digits), "[szám]");
}

}  // namespace
}  // namespace ugk::kb
