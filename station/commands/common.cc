#include "station/commands/common.h"

#include <algorithm>
#include <tuple>

#include "core/base/decimal.h"
#include "station/store/edit_state.h"
#include "station/store/outbox.h"
#include "station/store/witness_settings.h"

namespace gongkai::station {

std::string RowTitle(const Row& row) {
  return row.Get(Field::kArea) + " / " + row.Get(Field::kItemL1) + " / " + row.Get(Field::kItemL2);
}

std::string ShortId(std::string_view id) { return std::string(id.substr(0, 8)); }

std::string StateLabel(std::string_view state) {
  if (state == edit_state::kPending) return "未封存";
  if (state == OutboxStateName(OutboxState::kSealed)) return "已封存";
  if (state == OutboxStateName(OutboxState::kSent)) return "已发送";
  if (state == OutboxStateName(OutboxState::kAccepted)) return "已受理";
  if (state == OutboxStateName(OutboxState::kApproved)) return "已批准";
  if (state == OutboxStateName(OutboxState::kRejected)) return "已退回";
  if (state == edit_state::kCancelled) return "已抵消";
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

std::map<int64_t, std::string> TownValues(const std::vector<HistoryEntry>& entries,
                                          const Catalog& approved) {
  // The clerk's last edit of each (row, field).
  std::map<std::pair<std::string, int>, const HistoryEntry*> last;
  for (const HistoryEntry& h : entries) {
    if (h.edit.kind == EditKind::kSet) {
      last[{h.edit.row_id, static_cast<int>(h.edit.field)}] = &h;
    }
  }
  std::map<int64_t, std::string> out;
  for (const auto& [key, h] : last) {
    if (h->state != OutboxStateName(OutboxState::kApproved)) continue;
    const Row* row = approved.Find(h->edit.row_id);
    if (!row) continue;
    const std::string& now = row->Get(h->edit.field);
    if (now != h->edit.value) out[h->edit_id] = now;
  }
  return out;
}

std::string EditKindLabel(EditKind k) {
  switch (k) {
    case EditKind::kCreate:
      return "新增";
    case EditKind::kSet:
      return "修改";
    case EditKind::kRetire:
      return "撤销";
  }
  return "";
}

std::string HistoryWhat(const HistoryEntry& h) {
  if (h.edit.kind == EditKind::kSet) {
    return std::string(Spec(h.edit.field).label) + ": “" + h.edit.base + "” → “" + h.edit.value +
           "”";
  }
  return RowTitle(h.edit.row);
}

std::string HistoryStateText(const HistoryEntry& h, const std::map<int64_t, std::string>& town) {
  std::string s = StateLabel(h.state);
  if (h.changeset_seq) s += "（变更集 " + std::to_string(*h.changeset_seq) + "）";
  if (h.approved_version) s += "，目录版本 " + std::to_string(*h.approved_version);
  if (auto it = town.find(h.edit_id); it != town.end()) s += "；镇里改为 “" + it->second + "”";
  if (h.state == OutboxStateName(OutboxState::kRejected) && !h.reject_reason.empty())
    s += "：" + h.reject_reason;
  return s;
}

void PutStoreCounts(const StoreStatus& s, boost::json::object* o) {
  (*o)["catalog_version"] = s.catalog_version;
  (*o)["approved_rows"] = s.approved_rows;
  (*o)["pending_edits"] = s.pending_edits;
  (*o)["outbox"] = s.outbox;
  (*o)["unsent"] = s.unsent;
  (*o)["conflicts"] = s.conflicts;
  (*o)["rejected"] = s.rejected;
  (*o)["held_rows"] = s.held_rows;
}

FlagSpec WitnessKeyFlag() {
  return {"witness-key", true, true, "见证者公钥",
          "县见证者公钥（可给多个）：只接受有其联署的检查点 (required witness key)"};
}

FlagSpec WitnessQuorumFlag() {
  return {"witness-quorum", true, false, "K", "至少 K 个见证者联署，默认全部 (quorum)"};
}

Status ApplyWitnessFlags(CommandContext& ctx, Database& db, bool* changed) {
  const std::vector<std::string> keys = ctx.args.GetAll("witness-key");
  const bool clear = ctx.args.Has("no-witness");
  std::optional<std::string> quorum_text = ctx.args.Get("witness-quorum");
  if (keys.empty() && !clear && !quorum_text) return Status::Ok();
  if (clear && (!keys.empty() || quorum_text)) {
    return InvalidArgument("usage", "--no-witness 不能与 --witness-key/--witness-quorum 同用");
  }
  std::optional<size_t> quorum;
  if (quorum_text) {
    std::optional<uint64_t> n = ParseCanonicalDecimal(*quorum_text);
    if (!n) {
      return InvalidArgument("bad_witness_quorum", "--witness-quorum 应为正整数", "witness-quorum");
    }
    quorum = static_cast<size_t>(*n);
  }
  std::vector<std::string> use = keys;
  if (use.empty() && !clear) {
    // Only the quorum changes: keep the keys.
    GK_ASSIGN_OR_RETURN(WitnessPolicy held, LoadWitnessPolicy(db));
    for (const VerifierKey& k : held.witnesses) use.push_back(k.ToString());
  }
  GK_RETURN_IF_ERROR(SaveWitnessPolicy(db, use, quorum));
  *changed = true;
  return Status::Ok();
}

std::vector<const Row*> UnitRowsInOrder(const WorkingView& view, const std::string& unit) {
  std::vector<const Row*> own;
  for (const auto& [id, vr] : view.rows()) {
    if (vr.row.unit == unit && !vr.row.retired) own.push_back(&vr.row);
  }
  auto key = [](const Row* r) {
    return std::tie(r->values[Index(Field::kArea)], r->values[Index(Field::kItemL1)],
                    r->values[Index(Field::kItemL2)], r->id);
  };
  std::sort(own.begin(), own.end(), [&](const Row* a, const Row* b) { return key(a) < key(b); });
  return own;
}

}  // namespace gongkai::station
