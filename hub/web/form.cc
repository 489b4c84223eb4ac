#include "hub/web/form.h"

#include "core/text/html.h"
#include "hub/api/query_param.h"

namespace gongkai::hub::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string UrlDecode(std::string_view s) { return gongkai::UrlDecode(s, true); }

std::map<std::string, std::string> ParseForm(std::string_view body) {
  std::map<std::string, std::string> out;
  while (!body.empty()) {
    std::string_view pair = body.substr(0, body.find('&'));
    body.remove_prefix(std::min(body.size(), pair.size() + 1));
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name = UrlDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1));
    out.emplace(std::move(name), std::move(value));
  }
  return out;
}

std::string QueryValue(std::string_view query, std::string_view name) {
  std::optional<std::string_view> raw = FindQueryParam(query, name);
  return raw ? UrlDecode(*raw) : std::string();
}

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    std::string_view item = header.substr(0, header.find(';'));
    header.remove_prefix(std::min(header.size(), item.size() + 1));
    item = Trim(item);
    size_t eq = item.find('=');
    if (eq != std::string_view::npos && Trim(item.substr(0, eq)) == name) {
      return std::string(Trim(item.substr(eq + 1)));
    }
  }
  return std::nullopt;
}

std::string FormValue(const std::map<std::string, std::string>& form, std::string_view name) {
  auto it = form.find(std::string(name));
  return it == form.end() ? std::string() : it->second;
}

}  // namespace gongkai::hub::web
