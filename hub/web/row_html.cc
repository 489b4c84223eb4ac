#include "hub/web/row_html.h"

#include "hub/review/op_text.h"
#include "hub/web/html.h"

namespace gongkai::hub::web {
namespace {

std::string TitleLink(const Catalog& context, const std::string& id) {
  return "<a href=\"/rows/" + Esc(UrlEncode(id)) + "\">" + Esc(RowTitle(context, id)) + "</a>";
}

}  // namespace

std::string CellHtml(const char* label, const std::string& html) {
  return std::string("<td data-label=\"") + label + "\">" + html + "</td>";
}

std::string ValueHtml(const std::string& v) {
  if (v.empty()) return "<span class=\"meta\">(空)</span>";
  return "<span class=\"value\">" + Esc(v) + "</span>";
}

std::string RowFieldsHtml(const Row& row) {
  std::string out = "<table class=\"fields\">";
  for (const FieldSpec& s : AllFields()) {
    const std::string& v = row.Get(s.field);
    if (v.empty()) continue;
    out += "<tr><th>" + Esc(s.label) + "</th><td>" + ValueHtml(v) + "</td></tr>";
  }
  out += "<tr><th>单位</th><td>" + Esc(row.unit) + "</td></tr>";
  if (row.retired) out += "<tr><th>状态</th><td>已撤销</td></tr>";
  return out + "</table>";
}

std::string OpTableHead() {
  return "<thead><tr><th>条目</th><th>栏目</th><th>原值</th><th>新值</th></tr></thead>";
}

std::string OpRowHtml(const Op& op, const Catalog& context) {
  if (const auto* set = std::get_if<SetOp>(&op)) {
    return "<tr><td data-label=\"条目\">" + TitleLink(context, set->id) +
           "</td><td data-label=\"栏目\">" + Esc(Spec(set->field).label) +
           "</td><td data-label=\"原值\" class=\"old\">" + ValueHtml(set->base) +
           "</td><td data-label=\"新值\" class=\"new\">" + ValueHtml(set->value) + "</td></tr>";
  }
  if (const auto* create = std::get_if<CreateOp>(&op)) {
    return "<tr><td data-label=\"条目\">新增条目 " +
           Esc(create->row.Get(Field::kArea) + " / " + create->row.Get(Field::kItemL1) + " / " +
               create->row.Get(Field::kItemL2)) +
           "</td><td data-label=\"栏目\">全部栏目</td><td data-label=\"原值\" class=\"old\">"
           "<span class=\"meta\">(无)</span></td><td data-label=\"新值\" class=\"new\">" +
           RowFieldsHtml(create->row) + "</td></tr>";
  }
  const auto& retire = std::get<RetireOp>(op);
  return "<tr><td data-label=\"条目\">" + TitleLink(context, retire.id) +
         "</td><td data-label=\"栏目\">—</td><td data-label=\"原值\" class=\"old\">在用</td>"
         "<td data-label=\"新值\" class=\"new\">撤销</td></tr>";
}

}  // namespace gongkai::hub::web
