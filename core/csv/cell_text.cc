#include "core/csv/cell_text.h"

#include <algorithm>

#include "core/catalog/validate.h"

namespace gongkai {
std::string_view TrimCell(std::string_view s) { return TrimBlank(s); }

bool AllCellsBlank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& c) { return TrimCell(c).empty(); });
}

std::string ColumnLetters(size_t index) {
  std::string letters;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

std::string ColumnName(size_t index) {
  return "第 " + std::to_string(index + 1) + " 列（" + ColumnLetters(index) + " 列）";
}

std::string LinePrefix(size_t line) { return "第 " + std::to_string(line) + " 行: "; }

std::string RewriteText(std::string_view text, std::span<const TextRewrite> rules) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    std::string_view rest = text.substr(i);
    auto rule = std::find_if(rules.begin(), rules.end(),
                             [&](const TextRewrite& r) { return rest.starts_with(r.from); });
    if (rule == rules.end()) {
      out.push_back(text[i]);
      ++i;
    } else {
      out += rule->to;
      i += rule->from.size();
    }
  }
  return out;
}

}  // namespace gongkai
