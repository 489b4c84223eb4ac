// HTML text for the hub's web pages (docs/hub-web.md). Every value that
// comes from data — row text, notes, reasons, names, ids, query text — goes
// through Esc() before it is put into a page or an attribute; page code
// never concatenates raw data.
#pragma once

#include <string>
#include <string_view>

#include "core/text/html.h"

namespace gongkai::hub::web {

// core/text/html.h: & < > " ' → entities; percent-encoding for URLs.
inline std::string Esc(std::string_view s) { return HtmlEscape(s); }
using gongkai::UrlEncode;

struct PageFrame {
  std::string title;       // plain text (escaped here)
  std::string body;        // HTML made by the page code
  bool admin = false;      // administrator navigation and sign-out form
  std::string admin_name;  // plain text
  std::string csrf;        // the session's CSRF token, unmasked (masked for the sign-out form)
};
// A whole document: doctype, UTF-8, viewport, the embedded style sheet, the
// navigation and `body`.
std::string RenderPage(const PageFrame& frame);

// A hidden input named "csrf" carrying `value` (a masked session token,
// hub/web/csrf_token.h, or the sign-in form's token).
std::string CsrfInput(const std::string& token);

}  // namespace gongkai::hub::web
