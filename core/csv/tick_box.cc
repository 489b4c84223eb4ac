#include "core/csv/tick_box.h"

#include "core/csv/cell_text.h"

namespace gongkai {

std::optional<bool> ParseTickBox(std::string_view cell) {
  static constexpr std::string_view kTicked[] = {"√", "✓", "✔", "☑", "■", "是", "1"};
  static constexpr std::string_view kUnticked[] = {"", "□", "口", "☐", "×", "✗", "否", "0"};
  std::string_view mark = TrimCell(cell);
  for (std::string_view t : kTicked) {
    if (mark == t) return true;
  }
  for (std::string_view u : kUnticked) {
    if (mark == u) return false;
  }
  return std::nullopt;
}

}  // namespace gongkai
