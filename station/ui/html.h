// HTML escaping for everything the page shows that is not a literal of
// this program: every value from the store, the clerk's input echoed back,
// error messages. One function for text and for attribute values (quoted
// with "), escaping & < > " ' — so a row text "<script>" shows as text.
#pragma once

#include <string>
#include <string_view>

#include "core/text/html.h"

namespace gongkai::station::ui {

inline std::string Esc(std::string_view text) { return HtmlEscape(text); }
using gongkai::UrlEncode;  // core/text/html.h

}  // namespace gongkai::station::ui
