// The per-address token bucket of the hub's server
// (hub/server/request_rate_limiter.h), with the time passed in.
#include "hub/server/request_rate_limiter.h"

#include <gtest/gtest.h>

namespace gongkai::hub {
namespace {

TEST(RequestRateLimiterTest, BurstThenWaitForATokenPerInterval) {
  RequestRateLimiter limiter(2, 3);  // 2 a second, 3 at once
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("10.0.0.1", 1000), 0) << i;
  EXPECT_EQ(limiter.Take("10.0.0.1", 1000), 1);  // empty: half a second, said as 1
  EXPECT_EQ(limiter.Take("10.0.0.1", 1499), 1);  // a refusal takes nothing
  EXPECT_EQ(limiter.Take("10.0.0.1", 1500), 0);  // one token back after 0.5 s
  EXPECT_EQ(limiter.Take("10.0.0.1", 1500), 1);
}

TEST(RequestRateLimiterTest, OneAddressDoesNotSpendAnothersTokens) {
  RequestRateLimiter limiter(1, 2);
  EXPECT_EQ(limiter.Take("10.0.0.1", 0), 0);
  EXPECT_EQ(limiter.Take("10.0.0.1", 0), 0);
  EXPECT_GT(limiter.Take("10.0.0.1", 0), 0);
  EXPECT_EQ(limiter.Take("10.0.0.2", 0), 0);
  EXPECT_EQ(limiter.Take("10.0.0.2", 0), 0);
}

TEST(RequestRateLimiterTest, RetryAfterIsTheWholeSecondsUntilAToken) {
  RequestRateLimiter limiter(0.25, 1);  // one every 4 s
  EXPECT_EQ(limiter.Take("a", 0), 0);
  EXPECT_EQ(limiter.Take("a", 0), 4);
  EXPECT_EQ(limiter.Take("a", 2500), 2);  // 1.5 s left: 2
  EXPECT_EQ(limiter.Take("a", 4000), 0);
}

TEST(RequestRateLimiterTest, TokensNeverPileUpBeyondTheBurst) {
  RequestRateLimiter limiter(10, 2);
  EXPECT_EQ(limiter.Take("a", 0), 0);
  // An hour idle gives back 2 tokens, not 36,000.
  EXPECT_EQ(limiter.Take("a", 3'600'000), 0);
  EXPECT_EQ(limiter.Take("a", 3'600'000), 0);
  EXPECT_GT(limiter.Take("a", 3'600'000), 0);
}

TEST(RequestRateLimiterTest, ZeroPerSecondIsNoLimit) {
  RequestRateLimiter limiter(0, 1);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(limiter.Take("a", 0), 0);
  EXPECT_EQ(limiter.tracked(), 0u);
}

TEST(RequestRateLimiterTest, FullBucketsAreForgottenWhenTheTableIsFull) {
  RequestRateLimiter limiter(1, 1, /*max_addresses=*/2);
  EXPECT_EQ(limiter.Take("a", 0), 0);
  EXPECT_EQ(limiter.Take("b", 0), 0);
  // Both still empty: a third address is let through untracked.
  EXPECT_EQ(limiter.Take("c", 0), 0);
  EXPECT_EQ(limiter.tracked(), 2u);
  // A second later both have refilled and are dropped to make room.
  EXPECT_EQ(limiter.Take("c", 1000), 0);
  EXPECT_EQ(limiter.tracked(), 1u);
  EXPECT_GT(limiter.Take("c", 1000), 0);  // c is tracked now
}

}  // namespace
}  // namespace gongkai::hub
