#include "core/text/time_text.h"

#include <ctime>

namespace gongkai {
namespace {

std::string Format(int64_t unix_seconds, bool local, const char* format) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (local) {
    localtime_r(&t, &tm);
  } else {
    gmtime_r(&t, &tm);
  }
  char buf[40];
  size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

}  // namespace

std::string LocalTimeText(int64_t unix_seconds) {
  return Format(unix_seconds, true, "%Y-%m-%d %H:%M");
}

std::string LocalSecondsText(int64_t unix_seconds) {
  return Format(unix_seconds, true, "%Y-%m-%d %H:%M:%S");
}

std::string UtcTimeText(int64_t unix_seconds) {
  return Format(unix_seconds, false, "%Y-%m-%dT%H:%M:%SZ");
}

std::string UtcMinuteText(int64_t unix_seconds) {
  return Format(unix_seconds, false, "%Y-%m-%d %H:%M UTC");
}

}  // namespace gongkai
