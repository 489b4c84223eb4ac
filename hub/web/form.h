// Reading what a browser sends: application/x-www-form-urlencoded bodies
// and query strings (WHATWG URL: '+' is a space, %XX a byte), and one
// cookie out of a Cookie header. Malformed escapes are kept literally;
// values are checked by the handlers (text rules of core/catalog/validate.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "web/form_data.h"

namespace gongkai::hub::web {

std::string UrlDecode(std::string_view s);
// name → value; the first occurrence of a name wins (the rule of
// web/form_data.h, which reads the pairs).
std::map<std::string, std::string> ParseForm(std::string_view body);
// The value of `name` in a parsed form; "" when absent.
std::string FormValue(const std::map<std::string, std::string>& form, std::string_view name);
// The decoded value of the first `name=` parameter of a query string; ""
// when absent.
std::string QueryValue(std::string_view query, std::string_view name);
// The value of cookie `name` in a Cookie header ("a=1; b=2"), if present:
// the shared cookie reader.
using ::gongkai::CookieValue;

}  // namespace gongkai::hub::web
