#include "hub/review/op_text.h"

#include "core/base/hex.h"

namespace gongkai::hub {

std::string ShortHex(const Hash32& id) { return HexEncode(id).substr(0, 8); }

std::string RowTitle(const Catalog& catalog, const std::string& row_id) {
  std::string short_id = row_id.substr(0, 8);
  const Row* r = catalog.Find(row_id);
  if (!r) return "条目 " + short_id;
  return r->Get(Field::kArea) + " / " + r->Get(Field::kItemL1) + " / " + r->Get(Field::kItemL2) +
         " (" + short_id + ")";
}

std::string ShowValue(const std::string& v) { return v.empty() ? "(空)" : v; }

std::string OpText(const Op& op, const Catalog& context, const std::string& indent) {
  if (const auto* c = std::get_if<CreateOp>(&op)) {
    std::string out =
        indent + "新增 " + RowTitle(Catalog(), c->row.id) + "，单位 " + c->row.unit + "\n";
    for (const FieldSpec& f : AllFields()) {
      const std::string& v = c->row.Get(f.field);
      if (!v.empty()) out += indent + "    " + f.label + ": " + v + "\n";
    }
    return out;
  }
  if (const auto* s = std::get_if<SetOp>(&op)) {
    return indent + "修改 " + RowTitle(context, s->id) + "\n" + indent + "    " +
           Spec(s->field).label + ": " + ShowValue(s->base) + " → " + ShowValue(s->value) + "\n";
  }
  const auto& r = std::get<RetireOp>(op);
  return indent + "撤销 " + RowTitle(context, r.id) + "\n";
}

boost::json::object RowJsonObject(const Row& row) {
  boost::json::object o{{"id", row.id}, {"unit", row.unit}, {"retired", row.retired}};
  for (const FieldSpec& f : AllFields()) o[f.key] = row.Get(f.field);
  return o;
}

boost::json::object OpJson(const Op& op, const Catalog& context) {
  if (const auto* c = std::get_if<CreateOp>(&op)) {
    return boost::json::object{
        {"op", "create"}, {"row_id", c->row.id}, {"row", RowJsonObject(c->row)}};
  }
  if (const auto* s = std::get_if<SetOp>(&op)) {
    return boost::json::object{{"op", "set"},
                               {"row_id", s->id},
                               {"row_title", RowTitle(context, s->id)},
                               {"field", Spec(s->field).key},
                               {"label", Spec(s->field).label},
                               {"old", s->base},
                               {"new", s->value}};
  }
  const auto& r = std::get<RetireOp>(op);
  return boost::json::object{
      {"op", "retire"}, {"row_id", r.id}, {"row_title", RowTitle(context, r.id)}};
}

}  // namespace gongkai::hub
