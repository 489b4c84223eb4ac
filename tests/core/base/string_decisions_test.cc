// No code decides on a string literal (docs/exit-codes.md § Decisions on
// codes, not on strings): the check that page gives, run over the tree.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace gongkai {
namespace {

TEST(StringDecisionsTest, NoReasonStatusOrStateIsComparedWithALiteral) {
  const std::regex decision(
      R"re((reason\(\)|\.reason|\.code|status|state|kind|outcome|done|\br) *(==|!=) *")re");
  std::vector<std::string> found;
  size_t files = 0;
  for (const char* room : {"core", "hub", "station"}) {
    const std::filesystem::path dir = std::filesystem::path(GONGKAI_SOURCE_DIR) / room;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".cc" && ext != ".h")) continue;
      ++files;
      std::ifstream in(entry.path());
      std::string line;
      for (int n = 1; std::getline(in, line); ++n) {
        const bool compares =
            line.find("== \"") != std::string::npos || line.find("==\"") != std::string::npos ||
            line.find("!= \"") != std::string::npos || line.find("!=\"") != std::string::npos;
        if (compares && std::regex_search(line, decision)) {
          found.push_back(entry.path().string() + ":" + std::to_string(n) + ": " + line);
        }
      }
    }
  }
  EXPECT_GT(files, 300u) << "the tree was not found at " << GONGKAI_SOURCE_DIR;
  std::ostringstream all;
  for (const std::string& f : found) all << f << "\n";
  EXPECT_TRUE(found.empty()) << "compare with a named constant or an enum instead:\n" << all.str();
}

}  // namespace
}  // namespace gongkai
