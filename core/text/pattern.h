// A regular expression (ECMAScript syntax, as std::regex reads it) behind a
// small interface. std::regex is slow to compile: every file that builds or
// runs one instantiates its whole engine (~8 s per file at -O2), so only
// pattern.cc does, and the deadline parsers and the tests use this.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

// The groups of one match: [0] the whole match, [i] group i ("" when the
// group took no part in the match; matched(i) tells the two apart).
class PatternGroups {
 public:
  const std::string& operator[](size_t i) const { return text_.at(i); }
  bool matched(size_t i) const { return i < matched_.size() && matched_[i]; }
  size_t size() const { return text_.size(); }

 private:
  friend class Pattern;
  std::vector<std::string> text_;
  std::vector<bool> matched_;
};

class Pattern {
 public:
  // Throws std::regex_error for a malformed pattern: patterns are written in
  // the code, so that is a programming error, found by the first test.
  explicit Pattern(std::string_view ecmascript);
  ~Pattern();
  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;

  // The whole of `text` matches (std::regex_match); groups into *m if given.
  bool Match(const std::string& text, PatternGroups* m = nullptr) const;
  // Some part of `text` matches (std::regex_search): the first match.
  bool Search(const std::string& text, PatternGroups* m = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai
