// The checked integer parser behind every integer request parameter (limit, offset, days, the change
// feed's since): whole decimal numbers in range or a 400 naming the parameter, never an exception
// from the standard library (which the handler boundary would answer with a 500).
#include "api/params.h"

#include <gtest/gtest.h>

#include <functional>
#include <limits>

#include "api/problem.h"

namespace ugk::api {
namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

TEST(ParseInteger, AcceptsPlainDecimalNumbersInRange) {
  EXPECT_EQ(parse_integer("0", 0, 10), 0);
  EXPECT_EQ(parse_integer("7", 0, 10), 7);
  EXPECT_EQ(parse_integer("10", 0, 10), 10);
  EXPECT_EQ(parse_integer("0007", 0, 10), 7);
  EXPECT_EQ(parse_integer("-5", -10, 10), -5);
}

TEST(ParseInteger, AcceptsTheLargestAndSmallestInt64) {
  EXPECT_EQ(parse_integer("9223372036854775807", 0, kMaxInteger), kMaxInteger);
  EXPECT_EQ(parse_integer("-9223372036854775808", kMin, 0), kMin);
}

TEST(ParseInteger, RejectsOverlongNumbers) {
  EXPECT_EQ(parse_integer("9223372036854775808", 0, kMaxInteger), std::nullopt);  // max + 1
  EXPECT_EQ(parse_integer("18446744073709551616", 0, kMaxInteger), std::nullopt);
  EXPECT_EQ(parse_integer(std::string(400, '9'), 0, kMaxInteger), std::nullopt);
  EXPECT_EQ(parse_integer("-9223372036854775809", kMin, 0), std::nullopt);
}

TEST(ParseInteger, RejectsNegativeNumbersUnlessTheRangeHasThem) {
  EXPECT_EQ(parse_integer("-1", 0, 10), std::nullopt);
  EXPECT_EQ(parse_integer("-0", 0, 10), std::nullopt);
  EXPECT_EQ(parse_integer("-11", -10, 10), std::nullopt);
}

TEST(ParseInteger, RejectsNonDigits) {
  for (const char* text : {"abc", "12a", "a12", " 1", "1 ", "+1", "1.5", "1e3", "0x10", "--1", "-", "1-", "١"}) {
    EXPECT_EQ(parse_integer(text, -100, 100), std::nullopt) << text;
  }
}

TEST(ParseInteger, RejectsEmptyText) {
  EXPECT_EQ(parse_integer("", 0, 10), std::nullopt);
  EXPECT_EQ(parse_integer("", kMin, kMaxInteger), std::nullopt);
}

TEST(ParseInteger, RejectsValuesOutsideTheRange) {
  EXPECT_EQ(parse_integer("0", 1, 100), std::nullopt);
  EXPECT_EQ(parse_integer("101", 1, 100), std::nullopt);
}

// The 400 a bad value produces: status, field and a Hungarian detail.
Problem problem_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const ApiError& e) {
    return e.problem();
  }
  ADD_FAILURE() << "no ApiError thrown";
  return {};
}

TEST(CheckedInteger, ABadValueIsA400NamingTheField) {
  const Problem p = problem_of([] { checked_integer("9223372036854775808", "since", 0, kMaxInteger); });
  EXPECT_EQ(p.status, 400);
  EXPECT_EQ(p.field, "since");
  EXPECT_NE(p.detail.find("„since”"), std::string::npos) << p.detail;
  EXPECT_EQ(problem_of([] { checked_integer("x", "since", 0, 9, "Saját szöveg."); }).detail, "Saját szöveg.");
  EXPECT_EQ(checked_integer("42", "since", 0, kMaxInteger), 42);
}

TEST(IntegerParam, AbsentGivesTheFallbackPresentMustParse) {
  Request request;
  EXPECT_EQ(integer_param(request, "days", 90, 0, 3650), 90);
  request.query["days"] = "30";
  EXPECT_EQ(integer_param(request, "days", 90, 0, 3650), 30);
  request.query["days"] = "";
  EXPECT_EQ(problem_of([&] { integer_param(request, "days", 90, 0, 3650); }).field, "days");
}

TEST(BoundedCount, NamesTheParameterForEveryKindOfBadValue) {
  Request request;
  EXPECT_EQ(bounded_count(request, "limit", 10, 1, 100), 10u);
  for (const char* text : {"", "0", "101", "-1", "abc", "1x", "99999999999999999999", "18446744073709551615"}) {
    request.query["limit"] = text;
    const Problem p = problem_of([&] { bounded_count(request, "limit", 10, 1, 100); });
    EXPECT_EQ(p.status, 400) << text;
    EXPECT_EQ(p.field, "limit") << text;
    EXPECT_EQ(p.detail, "A(z) „limit” paraméter 1 és 100 közötti egész szám legyen.") << text;
  }
  request.query["limit"] = "100";
  EXPECT_EQ(bounded_count(request, "limit", 10, 1, 100), 100u);
}

}  // namespace
}  // namespace ugk::api
