#include "core/catalog/set_value.h"

#include <algorithm>
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

std::vector<std::string_view> SplitAny(std::string_view text) {
  static const std::string_view kSeps[] = {"、", "，", "；", ",", ";"};
  std::vector<std::string_view> out;
  size_t start = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t sep_len = 0;
    for (auto sep : kSeps) {
      if (text.substr(i, sep.size()) == sep) {
        sep_len = sep.size();
        break;
      }
    }
    if (sep_len) {
      out.push_back(text.substr(start, i - start));
      i += sep_len;
      start = i;
    } else {
      ++i;
    }
  }
  out.push_back(text.substr(start));
  return out;
}

std::string Join(Field f, const std::set<std::string>& elems) {
  std::string out;
  for (const char* allowed : Spec(f).allowed) {
    if (elems.count(allowed)) {
      if (!out.empty()) out += kSetSeparator;
      out += allowed;
    }
  }
  return out;
}

}  // namespace

Result<std::string> CanonicalSetValue(Field f, std::string_view text) {
  const FieldSpec& spec = Spec(f);
  std::set<std::string> elems;
  for (std::string_view part : SplitAny(text)) {
    part = Trim(part);
    if (part.empty()) continue;
    bool known = std::any_of(spec.allowed.begin(), spec.allowed.end(),
                             [&](const char* a) { return part == a; });
    if (!known) {
      std::string choices;
      for (const char* a : spec.allowed) {
        if (!choices.empty()) choices += "、";
        choices += a;
      }
      return InvalidArgument("unknown_value",
                             std::string(spec.label) + " 不能取值 “" + std::string(part) +
                                 "”；可选: " + choices,
                             spec.key);
    }
    elems.insert(std::string(part));
  }
  return Join(f, elems);
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
  return Join(f, result);
}

}  // namespace gongkai
