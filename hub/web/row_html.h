// Catalog rows and change-set ops as HTML for the web pages: Chinese column
// labels (core/catalog/fields.h), old → new with the old value struck
// through. Every value is escaped (hub/web/html.h).
#pragma once

#include <string>

#include "core/catalog/catalog.h"
#include "core/changeset/changeset.h"

namespace gongkai::hub::web {

// <td data-label="LABEL">html</td>: the label heads the cell when a narrow
// screen shows a table row as a card. `label` is a fixed text of the page.
std::string CellHtml(const char* label, const std::string& html);
// "(空)" for an empty value, else the escaped value.
std::string ValueHtml(const std::string& v);
// One <table> of label → value for every field with a value.
std::string RowFieldsHtml(const Row& row);
// An op as one table row (<tr>) of columns 条目 | 栏目 | 原值 | 新值.
std::string OpRowHtml(const Op& op, const Catalog& context);
// The header row matching OpRowHtml.
std::string OpTableHead();

}  // namespace gongkai::hub::web
