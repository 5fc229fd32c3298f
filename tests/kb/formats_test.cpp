// The value formats of kb/formats.h: hand-written scanners that stay linear on hostile input.
#include "kb/formats.h"

#include <gtest/gtest.h>

#include <string>

namespace ugk::kb {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("hagyaték"));
  EXPECT_TRUE(is_valid_utf8("Győr-Moson-Sopron \u20ac \U0001F600 \U0010FFFF"));
}

TEST(Utf8, RefusesEveryMalformedSequence) {
  for (const std::string bad : {std::string("\xFF"), std::string("a\x80"), std::string("\xC3"),    // lone or cut
                                std::string("\xC0\xAF"), std::string("\xE0\x80\xAF"),              // overlong
                                std::string("\xED\xA0\x80"),                                       // surrogate
                                std::string("\xF4\x90\x80\x80"), std::string("\xF5\x80\x80\x80"),  // > U+10FFFF
                                std::string("\xE2\x82"), std::string("\xE2\x28\xA1")}) {
    EXPECT_FALSE(is_valid_utf8(bad)) << ::testing::PrintToString(bad);
  }
}

TEST(Formats, VeryLongInputIsRefusedWithoutRecursion) {
  // A 30 kB URL overflowed the stack of the regex this replaced (issue 15).
  EXPECT_FALSE(is_http_url("https://" + std::string(30000, 'a')));
  EXPECT_FALSE(is_http_url("https://" + std::string(200000, 'a')));
  EXPECT_TRUE(is_http_url("https://" + std::string(1000, 'a') + ".hu/"));
  EXPECT_FALSE(is_email(std::string(100000, 'a') + "@b.hu"));
  EXPECT_FALSE(is_phone(std::string(100000, '1')));
}

}  // namespace
}  // namespace ugk::kb
