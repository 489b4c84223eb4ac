#include "station/ui/form_data.h"

#include "core/text/html.h"

namespace gongkai::station::ui {
std::string PercentDecode(std::string_view text, bool plus_is_space) {
  return UrlDecode(text, plus_is_space);
}

FormData FormData::Parse(std::string_view encoded) {
  FormData f;
  while (!encoded.empty()) {
    size_t amp = encoded.find('&');
    std::string_view pair = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view() : encoded.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    f.pairs_.emplace_back(PercentDecode(name, true), PercentDecode(value, true));
  }
  return f;
}

std::optional<std::string> FormData::Get(std::string_view name) const {
  for (const auto& [n, v] : pairs_) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> FormData::GetAll(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : pairs_) {
    if (n == name) out.push_back(v);
  }
  return out;
}

std::pair<std::string, std::string> SplitTarget(std::string_view target) {
  size_t q = target.find('?');
  if (q == std::string_view::npos) return {std::string(target), ""};
  return {std::string(target.substr(0, q)), std::string(target.substr(q + 1))};
}

}  // namespace gongkai::station::ui
