#include "core/csv/formula_marker.h"

namespace gongkai {
namespace {

bool IsTrigger(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace

bool NeedsFormulaMarker(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && text[i] == '\'') ++i;
  return i < text.size() && IsTrigger(text[i]);
}

std::string AddFormulaMarker(std::string_view text) {
  if (!NeedsFormulaMarker(text)) return std::string(text);
  std::string out = "'";
  out += text;
  return out;
}

std::string_view StripFormulaMarker(std::string_view text) {
  if (text.starts_with('\'') && NeedsFormulaMarker(text.substr(1))) text.remove_prefix(1);
  return text;
}

}  // namespace gongkai
