// Laying out Chinese text in a terminal: display width (CJK characters take
// two columns), padding, cutting long cells, and times as clerks read them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gongkai::station {

// Columns the UTF-8 text takes on a terminal (East Asian wide = 2).
size_t DisplayWidth(std::string_view text);
// Cuts to at most `width` columns, ending with "…" when cut; newlines
// become spaces.
std::string Clip(std::string_view text, size_t width);
// Clip to width-1 columns, then pad with spaces to exactly `width`, so
// neighbouring cells always keep one space between them.
std::string Cell(std::string_view text, size_t width);

// Local time "2024-03-05 14:30".
std::string LocalTime(int64_t unix_seconds);
// RFC 3339 UTC "2024-03-05T06:30:00Z" (JSON).
std::string UtcTime(int64_t unix_seconds);

}  // namespace gongkai::station
