// A text function checked on a table of cases: each an input and the text
// the function must give for it. One table replaces an EXPECT_EQ a case,
// and a failure names the input.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongkai {

using TextCases = std::vector<std::pair<std::string, std::string>>;

inline void ExpectEachGives(const std::function<std::string(std::string_view)>& f,
                            const TextCases& cases) {
  for (const auto& [input, want] : cases) {
    EXPECT_EQ(f(input), want) << "for \"" << input << "\"";
  }
}

}  // namespace gongkai
