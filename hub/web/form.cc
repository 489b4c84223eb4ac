#include "hub/web/form.h"

#include "core/text/html.h"

namespace gongkai::hub::web {

std::string UrlDecode(std::string_view s) { return gongkai::UrlDecode(s, true); }

std::map<std::string, std::string> ParseForm(std::string_view body) {
  std::map<std::string, std::string> out;
  const FormData form = FormData::Parse(body);
  for (const auto& [name, value] : form.pairs()) out.emplace(name, value);
  return out;
}

std::string FormValue(const std::map<std::string, std::string>& form, std::string_view name) {
  auto it = form.find(std::string(name));
  return it == form.end() ? std::string() : it->second;
}

}  // namespace gongkai::hub::web
