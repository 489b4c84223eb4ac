// Text for HTML pages (the station's page, station/ui/, and the hub's pages,
// hub/web/): every value that comes from data — row text, notes, reasons,
// names, ids, query text — goes through HtmlEscape() before it is put into a
// page or a quoted attribute, so a row text "<script>" shows as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gongkai {

// & < > " ' → entities (safe in text and in attribute values quoted with ").
std::string HtmlEscape(std::string_view text);

// Percent-encodes every byte outside the unreserved characters of RFC 3986
// ([A-Za-z0-9-._~]), for a value inside a URL; in an attribute the result
// still goes through HtmlEscape().
std::string UrlEncode(std::string_view text);

// Decodes %XX escapes (and '+' as a space when plus_is_space); a malformed
// escape is kept as it is (form bodies and query strings of the pages).
std::string UrlDecode(std::string_view text, bool plus_is_space);
// The same without '+', but a malformed escape makes the whole value
// invalid (header values a program sends, e.g. Gongkai-Station-Unit).
std::optional<std::string> UrlDecodeStrict(std::string_view text);

}  // namespace gongkai
