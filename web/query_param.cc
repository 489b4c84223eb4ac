#include "web/query_param.h"

#include <algorithm>

namespace gongkai {

namespace {

// Calls `found` with each value of `name=`; stops when it returns false.
template <typename F>
void EachQueryParam(std::string_view query, std::string_view name, F found) {
  while (!query.empty()) {
    std::string_view param = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), param.size() + 1));
    if (param.size() > name.size() && param.substr(0, name.size()) == name &&
        param[name.size()] == '=') {
      if (!found(param.substr(name.size() + 1))) return;
    }
  }
}

}  // namespace

std::optional<std::string_view> FindQueryParam(std::string_view query, std::string_view name) {
  std::optional<std::string_view> first;
  EachQueryParam(query, name, [&](std::string_view v) {
    first = v;
    return false;
  });
  return first;
}

std::vector<std::string_view> FindQueryParams(std::string_view query, std::string_view name) {
  std::vector<std::string_view> all;
  EachQueryParam(query, name, [&](std::string_view v) {
    all.push_back(v);
    return true;
  });
  return all;
}

std::optional<uint64_t> ParseDecimal(std::string_view digits) {
  if (digits.empty() || digits.size() > 19) return std::nullopt;
  uint64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

}  // namespace gongkai
