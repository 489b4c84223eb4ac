// The formula marker of spreadsheet exports (docs/formats/csv.md § Formula
// marker). A cell whose text begins with = + - @, a tab or a CR could be
// taken for a formula by Excel or WPS when they open a CSV file. Export
// writes such a cell with one leading apostrophe ('), which spreadsheet
// programs show as text; so that "'=…" stays "'=…" after a round trip, a
// cell that already begins with apostrophes followed by one of those
// characters gets one more. Import removes exactly one leading apostrophe
// from a cell of that shape, so export → import gives the same bytes.
#pragma once

#include <string>
#include <string_view>

namespace gongkai {

// True if the text is a formula trigger, possibly behind apostrophes.
bool NeedsFormulaMarker(std::string_view text);

// "'" + text when NeedsFormulaMarker(text), else text.
std::string AddFormulaMarker(std::string_view text);

// The text without the marker added by AddFormulaMarker.
std::string_view StripFormulaMarker(std::string_view text);

}  // namespace gongkai
