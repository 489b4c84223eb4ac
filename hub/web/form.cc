#include "hub/web/form.h"

#include "core/text/html.h"
#include "web/query_param.h"

namespace gongkai::hub::web {

std::string UrlDecode(std::string_view s) { return gongkai::UrlDecode(s, true); }

std::map<std::string, std::string> ParseForm(std::string_view body) {
  std::map<std::string, std::string> out;
  const FormData form = FormData::Parse(body);
  for (const auto& [name, value] : form.pairs()) out.emplace(name, value);
  return out;
}

std::string QueryValue(std::string_view query, std::string_view name) {
  std::optional<std::string_view> raw = FindQueryParam(query, name);
  return raw ? UrlDecode(*raw) : std::string();
}

std::string FormValue(const std::map<std::string, std::string>& form, std::string_view name) {
  auto it = form.find(std::string(name));
  return it == form.end() ? std::string() : it->second;
}

}  // namespace gongkai::hub::web
