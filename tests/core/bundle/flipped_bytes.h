// Every flipped byte of a sealed bundle is refused with one of the
// container's reasons (core/bundle/bundle_file.h): shared by the tests of
// catalog, change-set and attachment bundles.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "core/base/bytes.h"

namespace gongkai::testing {

// Flips bit 0 and bit 7 of each byte of `full` in turn; `reason_of` opens
// the result and gives the refusal's reason ("" if it was accepted).
inline void ExpectEveryFlippedByteRefused(
    const Bytes& full, const std::function<std::string(const Bytes&)>& reason_of) {
  static const std::set<std::string> kReasons = {"not_a_bundle", "bundle_unsupported_format",
                                                 "bundle_too_large", "bundle_truncated",
                                                 "bundle_corrupt"};
  for (size_t i = 0; i < full.size(); ++i) {
    for (uint8_t mask : {0x01, 0x80}) {
      Bytes b = full;
      b[i] ^= mask;
      std::string reason = reason_of(b);
      EXPECT_TRUE(kReasons.count(reason)) << "byte " << i << ": \"" << reason << "\"";
    }
  }
}

}  // namespace gongkai::testing
