#include "station/commands/common.h"

namespace gongkai::station {

Result<StationStore> OpenStore(const CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(std::string dir, ctx.Dir());
  return StationStore::Open(dir);
}

std::string RowTitle(const Row& row) {
  return row.Get(Field::kArea) + " / " + row.Get(Field::kItemL1) + " / " + row.Get(Field::kItemL2);
}

std::string ShortId(std::string_view id) { return std::string(id.substr(0, 8)); }

std::string StateLabel(std::string_view state) {
  if (state == "pending") return "未封存";
  if (state == "sealed") return "已封存";
  if (state == "sent") return "已发送";
  if (state == "accepted") return "已受理";
  if (state == "approved") return "已批准";
  if (state == "rejected") return "已退回";
  if (state == "cancelled") return "已抵消";
  return std::string(state);
}

std::string OriginLabel(RowOrigin origin) {
  switch (origin) {
    case RowOrigin::kApproved:
      return "已批准";
    case RowOrigin::kOutbox:
      return "待审批";
    case RowOrigin::kPending:
      return "未封存";
  }
  return "";
}

Result<std::map<std::string, HeldRow>> HeldByRow(StationStore& store) {
  GK_ASSIGN_OR_RETURN(std::vector<HeldRow> held, store.HeldRows());
  std::map<std::string, HeldRow> out;
  for (HeldRow& h : held) out.emplace(h.row_id, std::move(h));
  return out;
}

void PrintJsonLine(std::ostream& out, const std::string& serialized) { out << serialized << "\n"; }

}  // namespace gongkai::station
