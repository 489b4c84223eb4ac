// Canonical ASCII decimals, as in C2SP checkpoints and tlog-witness
// requests: digits only, no sign, no spaces, no leading zeros ("0" itself is
// fine), at most 2^64 - 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gongkai {

std::optional<uint64_t> ParseCanonicalDecimal(std::string_view s);

}  // namespace gongkai
