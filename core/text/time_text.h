// Times as people read them, in one place (issue 19): the clerk's and the
// administrator's pages and commands show local minutes, logs and reports
// show UTC. Every program formats a Unix time through these functions.
#pragma once

#include <cstdint>
#include <string>

namespace gongkai {

// Local time to the minute: "2024-03-05 14:30" (station and hub pages,
// command output).
std::string LocalTimeText(int64_t unix_seconds);
// Local time to the second: "2024-03-05 14:30:07" (sync --watch lines).
std::string LocalSecondsText(int64_t unix_seconds);
// UTC, ISO 8601: "2024-03-05T06:30:07Z" (server and bundle log lines,
// audit history).
std::string UtcTimeText(int64_t unix_seconds);
// UTC to the minute, marked: "2024-03-05 06:30 UTC" (certificate dates,
// benchmark reports).
std::string UtcMinuteText(int64_t unix_seconds);

}  // namespace gongkai
