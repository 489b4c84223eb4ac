// What a browser sends, read the same way by the hub's pages (hub/web/) and
// the station's page (station/ui/): the query of a URL and the body of a
// form posted as application/x-www-form-urlencoded (WHATWG URL standard:
// name=value pairs joined by &, '+' is a space, %XX a byte), and one cookie
// out of a Cookie header.
//
// Repeated names (a checkbox group sends one pair per ticked box): a form is
// the list of pairs in the order sent; one value of a name is its FIRST
// occurrence, GetAll gives every one. Bad percent escapes are kept as typed;
// values are bytes, checked as UTF-8 later by field validation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongkai {

class FormData {
 public:
  static FormData Parse(std::string_view encoded);

  // The first value of `name`, if sent.
  std::optional<std::string> Get(std::string_view name) const;
  // The first value, or "" when not sent.
  std::string Value(std::string_view name) const { return Get(name).value_or(""); }
  // Every value of `name`, in order.
  std::vector<std::string> GetAll(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// "/path?query" → {"/path", "query"}.
std::pair<std::string, std::string> SplitTarget(std::string_view target);

// The value of cookie `name` in a Cookie header ("a=1; b=2", RFC 6265:
// spaces and tabs around names and values are not part of them), if present;
// the first cookie of that name wins.
std::optional<std::string> CookieValue(std::string_view header, std::string_view name);

}  // namespace gongkai
