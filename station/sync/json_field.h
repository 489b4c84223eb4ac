// Reading numbers from a hub's JSON answers without exceptions: a value that
// is not a non-negative integer (negative, fractional, too large, a string)
// is "absent", and the caller answers bad_hub_answer. boost::json's
// to_number<T>() throws on such values; nothing that parses hub input may
// call it.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>

namespace gongkai::station {

// o[key] as a non-negative integer; nullopt if missing or anything else.
std::optional<uint64_t> JsonUint(const boost::json::object& o, const char* key);

}  // namespace gongkai::station
