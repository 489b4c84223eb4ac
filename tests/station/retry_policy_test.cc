// station/sync/retry_policy.h: backoff with full jitter and a cap, what is
// retried and what is not, Retry-After, the attempt and time budgets, and
// the PostFn/GetFn wrappers — with a fake clock, no real waiting.
#include "station/sync/retry_policy.h"

#include <gtest/gtest.h>

#include <vector>

namespace gongkai::station {
namespace {

using std::chrono::milliseconds;

TEST(BackoffDelayTest, IsWithinTheDoublingCeilingAndTheCap) {
  std::mt19937_64 rng(42);
  for (int attempt = 0; attempt < 40; ++attempt) {
    int64_t ceiling = std::min<int64_t>(1000LL << std::min(attempt, 20), 30'000);
    for (int i = 0; i < 200; ++i) {
      milliseconds d = BackoffDelay(attempt, milliseconds(1000), milliseconds(30'000), rng);
      ASSERT_GE(d.count(), 0);
      ASSERT_LE(d.count(), ceiling) << "attempt " << attempt;
    }
  }
}

TEST(BackoffDelayTest, IsPinnedForAFixedGenerator) {
  std::mt19937_64 a(7), b(7);
  std::vector<int64_t> first, second;
  for (int attempt = 0; attempt < 8; ++attempt) {
    first.push_back(BackoffDelay(attempt, milliseconds(500), milliseconds(8000), a).count());
    second.push_back(BackoffDelay(attempt, milliseconds(500), milliseconds(8000), b).count());
  }
  EXPECT_EQ(first, second);
}

TEST(BackoffDelayTest, FullJitterSpreadsOverTheWholeRange) {
  // Full jitter: waits near 0 and near the ceiling both occur.
  std::mt19937_64 rng(1);
  int64_t lo = 1 << 30, hi = 0;
  for (int i = 0; i < 2000; ++i) {
    int64_t d = BackoffDelay(3, milliseconds(1000), milliseconds(60'000), rng).count();
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  EXPECT_LT(lo, 400);
  EXPECT_GT(hi, 7600);
}

TEST(BackoffDelayTest, HugeAttemptNumbersDoNotOverflow) {
  std::mt19937_64 rng(3);
  milliseconds d = BackoffDelay(1'000'000, milliseconds(1000), milliseconds(60'000), rng);
  EXPECT_LE(d.count(), 60'000);
  EXPECT_EQ(BackoffDelay(5, milliseconds(0), milliseconds(60'000), rng).count(), 0);
}

HttpsResponse Answer(int status, std::string retry_after = "") {
  HttpsResponse r;
  r.status = status;
  r.retry_after = std::move(retry_after);
  return r;
}

TEST(IsTransientTest, RetriesConnectionTroubleAndBusyStatusesOnly) {
  EXPECT_TRUE(IsTransient(Unavailable("hub_unreachable", "x")));
  EXPECT_TRUE(IsTransient(Unavailable("hub_timeout", "x")));
  EXPECT_TRUE(IsTransient(Unavailable("hub_io", "x")));
  for (int s : {429, 502, 503, 504}) EXPECT_TRUE(IsTransient(Answer(s))) << s;
  for (int s : {200, 400, 401, 403, 404, 409, 413, 415, 422, 500}) {
    EXPECT_FALSE(IsTransient(Answer(s))) << s;
  }
  EXPECT_FALSE(IsTransient(PermissionDenied("cert_pin_mismatch", "x")));
  EXPECT_FALSE(IsTransient(DataLoss("bad_compressed_body", "x")));
  EXPECT_FALSE(IsTransient(ResourceExhausted("answer_too_large", "x")));
}

TEST(RetryAfterTest, ReadsWholeSeconds) {
  EXPECT_EQ(RetryAfter(Answer(503, "1")), milliseconds(1000));
  EXPECT_EQ(RetryAfter(Answer(503, "120")), milliseconds(120'000));
  EXPECT_EQ(RetryAfter(Answer(503, "")), std::nullopt);
  EXPECT_EQ(RetryAfter(Answer(503, "Fri, 31 Dec 1999 23:59:59 GMT")), std::nullopt);
  EXPECT_EQ(RetryAfter(Answer(503, "-1")), std::nullopt);
  EXPECT_EQ(RetryAfter(Answer(503, "99999999999")), std::nullopt);
}

// A clock that only advances when the retrier sleeps.
struct FakeClock {
  std::chrono::steady_clock::time_point t{};
  std::vector<milliseconds> waits;
  bool stop_after_first_wait = false;

  RetryClock Make(uint64_t seed = 99) {
    RetryClock c;
    c.now = [this] { return t; };
    c.sleep = [this](milliseconds d) {
      waits.push_back(d);
      t += d;
      return !(stop_after_first_wait && waits.size() == 1);
    };
    c.seed = seed;
    return c;
  }
};

TEST(WithRetriesTest, RetriesTransientFailuresUntilSuccess) {
  FakeClock clock;
  int calls = 0, retries = 0;
  Result<HttpsResponse> r = WithRetries(
      [&]() -> Result<HttpsResponse> {
        ++calls;
        if (calls == 1) return Unavailable("hub_unreachable", "down");
        if (calls == 2) return Answer(503);
        if (calls == 3) return Unavailable("hub_timeout", "stalled");
        return Answer(200);
      },
      RetryPolicy{}, clock.Make(), &retries);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(retries, 3);
  ASSERT_EQ(clock.waits.size(), 3u);
  // Full jitter under a doubling ceiling: 1 s, 2 s, 4 s.
  EXPECT_LE(clock.waits[0].count(), 1000);
  EXPECT_LE(clock.waits[1].count(), 2000);
  EXPECT_LE(clock.waits[2].count(), 4000);
}

TEST(WithRetriesTest, NeverRetriesARefusal) {
  for (int status : {400, 401, 403, 404, 409, 413, 415, 422}) {
    FakeClock clock;
    int calls = 0;
    Result<HttpsResponse> r = WithRetries(
        [&]() -> Result<HttpsResponse> {
          ++calls;
          return Answer(status);
        },
        RetryPolicy{}, clock.Make());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, status);
    EXPECT_EQ(calls, 1) << status;
    EXPECT_TRUE(clock.waits.empty());
  }
  FakeClock clock;
  int calls = 0;
  Result<HttpsResponse> r = WithRetries(
      [&]() -> Result<HttpsResponse> {
        ++calls;
        return PermissionDenied("cert_pin_mismatch", "pin");
      },
      RetryPolicy{}, clock.Make());
  EXPECT_EQ(r.status().reason(), "cert_pin_mismatch");
  EXPECT_EQ(calls, 1);
}

TEST(WithRetriesTest, GivesUpAfterMaxAttemptsWithTheLastResult) {
  FakeClock clock;
  int calls = 0;
  RetryPolicy p;
  p.max_attempts = 5;
  p.max_total = std::chrono::hours(1);
  Result<HttpsResponse> r = WithRetries(
      [&]() -> Result<HttpsResponse> {
        ++calls;
        return Unavailable("hub_unreachable", "attempt " + std::to_string(calls));
      },
      p, clock.Make());
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(clock.waits.size(), 4u);
  EXPECT_EQ(r.status().message(), "attempt 5");
}

TEST(WithRetriesTest, GivesUpWhenTheNextWaitWouldPassTheTotalBudget) {
  FakeClock clock;
  int calls = 0;
  RetryPolicy p;
  p.max_attempts = 1000;
  p.base = milliseconds(1000);
  p.cap = milliseconds(10'000);
  p.max_total = milliseconds(30'000);
  Result<HttpsResponse> r = WithRetries(
      [&]() -> Result<HttpsResponse> {
        ++calls;
        return Answer(502);
      },
      p, clock.Make());
  EXPECT_EQ(r->status, 502);
  milliseconds total{0};
  for (milliseconds w : clock.waits) total += w;
  EXPECT_LE(total.count(), 30'000);
  EXPECT_GT(calls, 3);
  EXPECT_LT(calls, 1000);
}

TEST(WithRetriesTest, HonoursRetryAfterUpToTheCap) {
  FakeClock clock;
  int calls = 0;
  RetryPolicy p;
  p.cap = milliseconds(5000);
  Result<HttpsResponse> r = WithRetries(
      [&]() -> Result<HttpsResponse> {
        ++calls;
        if (calls == 1) return Answer(503, "2");
        if (calls == 2) return Answer(429, "3600");
        return Answer(200);
      },
      p, clock.Make());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(clock.waits.size(), 2u);
  EXPECT_EQ(clock.waits[0], milliseconds(2000));
  EXPECT_EQ(clock.waits[1], milliseconds(5000));
}

TEST(WithRetriesTest, StopsWhenAskedDuringAWait) {
  FakeClock clock;
  clock.stop_after_first_wait = true;
  int calls = 0;
  Result<HttpsResponse> r = WithRetries(
      [&]() -> Result<HttpsResponse> {
        ++calls;
        return Unavailable("hub_unreachable", "down");
      },
      RetryPolicy{}, clock.Make());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(r.status().reason(), "hub_unreachable");
}

TEST(WithRetriesTest, NoRetriesMakesOneAttempt) {
  FakeClock clock;
  int calls = 0;
  Result<HttpsResponse> r = WithRetries(
      [&]() -> Result<HttpsResponse> {
        ++calls;
        return Answer(503);
      },
      NoRetries(), clock.Make());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(r->status, 503);
}

TEST(RetryingWrappersTest, PassTheBodyAndTargetThroughEveryAttempt) {
  FakeClock clock;
  std::vector<std::string> seen;
  PostFn post = RetryingPost(
      [&](const std::string& body) -> Result<HttpsResponse> {
        seen.push_back(body);
        if (seen.size() < 3) return Unavailable("hub_io", "cut");
        return Answer(200);
      },
      RetryPolicy{}, clock.Make());
  ASSERT_TRUE(post("batch-bytes").ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"batch-bytes", "batch-bytes", "batch-bytes"}));

  seen.clear();
  GetFn get = RetryingGet(
      [&](const std::string& target) -> Result<HttpsResponse> {
        seen.push_back(target);
        return Answer(seen.size() < 2 ? 504 : 200);
      },
      RetryPolicy{}, clock.Make());
  ASSERT_TRUE(get("/v1/catalog?since=3").ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"/v1/catalog?since=3", "/v1/catalog?since=3"}));
}

}  // namespace
}  // namespace gongkai::station
