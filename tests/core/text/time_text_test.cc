#include "core/text/time_text.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace gongkai {
namespace {

// Sets TZ for one test and puts the old value back.
class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* tz) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~ScopedTimeZone() {
    if (old_) {
      ::setenv("TZ", old_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }

 private:
  std::optional<std::string> old_;
};

// 2024-03-05T06:30:07Z.
constexpr int64_t kTime = 1709620207;

TEST(TimeText, UtcFormsDoNotDependOnTheTimeZone) {
  ScopedTimeZone tz("Asia/Shanghai");
  EXPECT_EQ(UtcTimeText(kTime), "2024-03-05T06:30:07Z");
  EXPECT_EQ(UtcMinuteText(kTime), "2024-03-05 06:30 UTC");
  EXPECT_EQ(UtcTimeText(0), "1970-01-01T00:00:00Z");
}

TEST(TimeText, LocalFormsUseTheTimeZone) {
  {
    ScopedTimeZone tz("Asia/Shanghai");  // UTC+8, no summer time
    EXPECT_EQ(LocalTimeText(kTime), "2024-03-05 14:30");
    EXPECT_EQ(LocalSecondsText(kTime), "2024-03-05 14:30:07");
  }
  {
    ScopedTimeZone tz("UTC");
    EXPECT_EQ(LocalTimeText(kTime), "2024-03-05 06:30");
    EXPECT_EQ(LocalSecondsText(kTime), "2024-03-05 06:30:07");
  }
}

TEST(TimeText, DayBoundaryInLocalTime) {
  ScopedTimeZone tz("Asia/Shanghai");
  // 2024-12-31T16:00:00Z is already the new year in Beijing.
  EXPECT_EQ(LocalTimeText(1735660800), "2025-01-01 00:00");
  EXPECT_EQ(UtcTimeText(1735660800), "2024-12-31T16:00:00Z");
}

}  // namespace
}  // namespace gongkai
