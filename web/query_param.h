// Reading decimal parameters from a URL query string ("a=1&b=2"). Callers
// choose their own error reason and message; these only find and parse.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace gongkai {

// The raw value of the first `name=` parameter, or nullopt if absent.
std::optional<std::string_view> FindQueryParam(std::string_view query, std::string_view name);
// The raw values of every `name=` parameter, in order ("pick=a&pick=b").
std::vector<std::string_view> FindQueryParams(std::string_view query, std::string_view name);
// A non-negative decimal of 1..19 digits, or nullopt.
std::optional<uint64_t> ParseDecimal(std::string_view digits);

}  // namespace gongkai
