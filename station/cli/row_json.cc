#include "station/cli/row_json.h"

#include "core/catalog/set_value.h"

namespace gongkai::station {

boost::json::value FieldJson(Field f, const std::string& canonical) {
  if (!Spec(f).is_set) return boost::json::string(canonical);
  boost::json::array a;
  for (std::string& e : SplitSetValue(canonical)) a.emplace_back(boost::json::string(e));
  return a;
}

boost::json::object RowJson(const Row& row) {
  boost::json::object o;
  o["id"] = row.id;
  o["unit"] = row.unit;
  o["retired"] = row.retired;
  for (const FieldSpec& s : AllFields()) o[s.key] = FieldJson(s.field, row.Get(s.field));
  return o;
}

boost::json::object ViewRowJson(const ViewRow& row, const HeldRow* held) {
  boost::json::object o = RowJson(row.row);
  o["local_state"] = RowOriginName(row.origin);
  if (held) {
    o["held"] = boost::json::object{
        {"code", held->code}, {"reason", held->reason}, {"refused_seq", held->refused_seq}};
  }
  return o;
}

void PrintJsonLine(std::ostream& out, const std::string& serialized) { out << serialized << "\n"; }

}  // namespace gongkai::station
