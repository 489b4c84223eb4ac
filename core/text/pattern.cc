#include "core/text/pattern.h"

#include <regex>

namespace gongkai {

struct Pattern::Impl {
  std::regex re;
};

namespace {

void Fill(const std::smatch& sm, std::vector<std::string>* text, std::vector<bool>* matched) {
  text->clear();
  matched->clear();
  for (size_t i = 0; i < sm.size(); ++i) {
    text->push_back(sm[i].matched ? sm[i].str() : std::string());
    matched->push_back(sm[i].matched);
  }
}

}  // namespace

Pattern::Pattern(std::string_view ecmascript)
    : impl_(std::make_unique<Impl>(Impl{std::regex(ecmascript.begin(), ecmascript.end())})) {}
Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;

bool Pattern::Match(const std::string& text, PatternGroups* m) const {
  std::smatch sm;
  if (!std::regex_match(text, sm, impl_->re)) return false;
  if (m) Fill(sm, &m->text_, &m->matched_);
  return true;
}

bool Pattern::Search(const std::string& text, PatternGroups* m) const {
  std::smatch sm;
  if (!std::regex_search(text, sm, impl_->re)) return false;
  if (m) Fill(sm, &m->text_, &m->matched_);
  return true;
}

}  // namespace gongkai
