// Decoding what a browser sends: the query of a URL and the body of a form
// posted as application/x-www-form-urlencoded (WHATWG URL standard:
// name=value pairs joined by &, '+' is a space, %XX a byte). Names may
// repeat (a checkbox group sends one pair per ticked box), so a form is a
// list of pairs in the order sent. Bad percent escapes are kept as typed;
// the values are bytes, checked as UTF-8 later by field validation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongkai::station::ui {

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

std::string PercentDecode(std::string_view text, bool plus_is_space);

// "/path?query" → {"/path", "query"}.
std::pair<std::string, std::string> SplitTarget(std::string_view target);

}  // namespace gongkai::station::ui
