#include "core/catalog/set_value.h"

#include <algorithm>
#include <cstdint>
#include <set>

namespace gongkai {
namespace {

std::string_view Trim(std::string_view s) {
  auto is_space = [](std::string_view t) {
    if (t.empty()) return size_t{0};
    if (t[0] == ' ' || t[0] == '\t' || t[0] == '\r' || t[0] == '\n') return size_t{1};
    if (t.substr(0, 3) == "\xE3\x80\x80") return size_t{3};  // U+3000 ideographic space
    return size_t{0};
  };
  for (size_t n; (n = is_space(s)) > 0;) s.remove_prefix(n);
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

// The length of the separator that starts `text` at `i` (0 if none). Only
// bytes that can begin a separator are compared: this runs for every set
// cell of every imported row.
size_t SeparatorAt(std::string_view text, size_t i) {
  static const std::string_view kSeps[] = {"、", "，", "；"};
  const char c = text[i];
  if (c == ',' || c == ';') return 1;
  if (c != '\xE3' && c != '\xEF') return 0;
  for (auto sep : kSeps) {
    if (text.compare(i, sep.size(), sep) == 0) return sep.size();
  }
  return 0;
}

// Calls `part` for each piece of `text` between separators.
template <typename Fn>
bool ForEachPart(std::string_view text, Fn&& part) {
  size_t start = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (size_t sep_len = SeparatorAt(text, i)) {
      if (!part(text.substr(start, i - start))) return false;
      i += sep_len;
      start = i;
    } else {
      ++i;
    }
  }
  return part(text.substr(start));
}

// The chosen elements (bit k: spec.allowed[k]) in the order of the list.
std::string Join(const FieldSpec& spec, uint64_t chosen) {
  std::string out;
  for (size_t k = 0; k < spec.allowed.size(); ++k) {
    if (chosen & (uint64_t{1} << k)) {
      if (!out.empty()) out += kSetSeparator;
      out += spec.allowed[k];
    }
  }
  return out;
}

}  // namespace

Result<std::string> CanonicalSetValue(Field f, std::string_view text) {
  const FieldSpec& spec = Spec(f);
  uint64_t chosen = 0;  // every field's list is far shorter than 64
  std::string_view unknown;
  ForEachPart(text, [&](std::string_view part) {
    part = Trim(part);
    if (part.empty()) return true;
    for (size_t k = 0; k < spec.allowed.size() && k < 64; ++k) {
      if (part == spec.allowed[k]) {
        chosen |= uint64_t{1} << k;
        return true;
      }
    }
    unknown = part;
    return false;
  });
  if (unknown.data() != nullptr) {
    std::string choices;
    for (const char* a : spec.allowed) {
      if (!choices.empty()) choices += "、";
      choices += a;
    }
    return InvalidArgument(
        "unknown_value",
        std::string(spec.label) + " 不能取值 “" + std::string(unknown) + "”；可选: " + choices,
        spec.key);
  }
  return Join(spec, chosen);
}

std::vector<std::string> SplitSetValue(std::string_view canonical) {
  std::vector<std::string> out;
  if (canonical.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t pos = canonical.find(kSetSeparator, start);
    if (pos == std::string_view::npos) {
      out.emplace_back(canonical.substr(start));
      break;
    }
    out.emplace_back(canonical.substr(start, pos - start));
    start = pos + kSetSeparator.size();
  }
  return out;
}

std::string MergeSetValues(Field f, std::string_view base, std::string_view proposed,
                           std::string_view updated) {
  auto to_set = [](std::string_view v) {
    auto parts = SplitSetValue(v);
    return std::set<std::string>(parts.begin(), parts.end());
  };
  std::set<std::string> b = to_set(base), p = to_set(proposed), n = to_set(updated);
  std::set<std::string> result = p;
  for (const auto& e : n) {
    if (!b.count(e)) result.insert(e);  // added by this change
  }
  for (const auto& e : b) {
    if (!n.count(e)) result.erase(e);  // removed by this change
  }
  const FieldSpec& spec = Spec(f);
  uint64_t chosen = 0;
  for (size_t k = 0; k < spec.allowed.size() && k < 64; ++k) {
    if (result.count(spec.allowed[k])) chosen |= uint64_t{1} << k;
  }
  return Join(spec, chosen);
}

}  // namespace gongkai
