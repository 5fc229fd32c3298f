#include "api/rate_limiter.h"

#include <gtest/gtest.h>

namespace ugk::api {
namespace {

using namespace std::chrono_literals;
using Clock = RateLimiter::Clock;

TEST(RateLimiter, RepeatedAuthenticationFailuresOfOneClientAndKeyIdAnswerSlowerThenForgive) {
  RateLimiter limiter({3, 60s, 30s, 10, 10});
  const auto t0 = Clock::time_point{} + 1000s;
  EXPECT_FALSE(limiter.auth_failed("10.0.0.1|k1", t0));
  EXPECT_FALSE(limiter.auth_failed("10.0.0.1|k1", t0));
  auto wait = limiter.auth_failed("10.0.0.1|k1", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 30s);
  wait = limiter.auth_failed("10.0.0.1|k1", t0 + 1s);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 29s);
  // Another key id from the same address (an editor behind the same proxy) is not affected.
  EXPECT_FALSE(limiter.auth_failed("10.0.0.1|k2", t0 + 1s));
  EXPECT_FALSE(limiter.auth_failed("10.0.0.1|k1", t0 + 31s));
}

TEST(RateLimiter, FailuresOutsideTheWindowDoNotAddUp) {
  RateLimiter limiter({3, 60s, 30s, 10, 10});
  const auto t0 = Clock::time_point{} + 1000s;
  EXPECT_FALSE(limiter.auth_failed("c", t0));
  EXPECT_FALSE(limiter.auth_failed("c", t0 + 1s));
  EXPECT_FALSE(limiter.auth_failed("c", t0 + 120s));
  EXPECT_FALSE(limiter.auth_failed("c", t0 + 121s));
}

TEST(RateLimiter, WriteBucketAllowsABurstThenRefillsAtTheRate) {
  RateLimiter limiter({10, 60s, 60s, 2, 3});
  const auto t0 = Clock::time_point{} + 1000s;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.take_write("key:a", t0)) << i;
  auto wait = limiter.take_write("key:a", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 1s);
  EXPECT_FALSE(limiter.take_write("key:b", t0));  // buckets are per key
  EXPECT_FALSE(limiter.take_write("key:a", t0 + 500ms));
  EXPECT_TRUE(limiter.take_write("key:a", t0 + 500ms));
}

}  // namespace
}  // namespace ugk::api
