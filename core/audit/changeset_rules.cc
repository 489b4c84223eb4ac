#include "core/audit/changeset_rules.h"

#include <map>

#include "core/base/hex.h"

namespace gongkai {
namespace {

const std::string& RowIdOf(const Op& op) {
  if (const auto* s = std::get_if<SetOp>(&op)) return s->id;
  if (const auto* r = std::get_if<RetireOp>(&op)) return r->id;
  return std::get<CreateOp>(op).row.id;
}

// C10: the unit rule. A row id belongs to the unit of the change set that
// first created it; a station creates rows of its own unit only and edits
// or retires rows of its own unit only.
Status CheckOps(const AuditState& st, const ChangeSet& cs, const std::string& unit) {
  std::map<std::string, const std::string*> created;  // rows created earlier in this change set
  auto unit_of = [&](const std::string& id) -> const std::string* {
    if (auto it = created.find(id); it != created.end()) return it->second;
    auto it = st.row_units.find(id);
    return it == st.row_units.end() ? nullptr : &it->second;
  };
  for (size_t i = 0; i < cs.ops.size(); ++i) {
    const Op& op = cs.ops[i];
    const std::string& id = RowIdOf(op);
    auto where = [i] {  // built only for an error
      return "第 " + std::to_string(i + 1) + " 项修改 (op " + std::to_string(i + 1) + "): ";
    };
    const std::string* owner = unit_of(id);
    if (const auto* c = std::get_if<CreateOp>(&op)) {
      if (c->row.unit != unit) {
        return PermissionDenied("outside_unit", where() + "站点 " + cs.station +
                                                    " 只能新建本单位（" + unit +
                                                    "）的条目，这一条属于 " + c->row.unit);
      }
      if (owner) {
        return DataLoss("row_exists", where() + "条目编号 " + id +
                                          " 已经存在，不能再次新建 (row id already created)");
      }
      created[id] = &c->row.unit;
      continue;
    }
    if (!owner) {
      return DataLoss("unknown_row", where() + "修改的条目 " + id +
                                         " 此前没有被任何变更集新建过 (row was never created)");
    }
    if (*owner != unit) {
      return PermissionDenied("outside_unit", where() + "条目 " + id + " 属于 " + *owner +
                                                  "，站点 " + cs.station + " 只能修改 " + unit +
                                                  " 的条目");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<IdentifiedChangeSet> CheckChangeSet(const AuditState& st, const Envelope& env) {
  auto sit = st.stations.find(env.signer);
  if (sit == st.stations.end()) {
    return PermissionDenied(
        "unknown_station",
        "变更集的签名者 " + env.signer + " 不是此前日志中登记的站点 (station not enrolled)");
  }
  const StationState& station = sit->second;
  Status sig = VerifyEnvelope(env, station.key);
  if (!sig.ok()) return sig.WithContext("变更集 (站点 " + env.signer + "): ");

  IdentifiedChangeSet ics;
  {
    Result<ChangeSet> cs = DecodeChangeSet(env.body);
    if (!cs.ok()) return cs.status().WithContext("变更集无法解析 (change set body): ");
    ics.cs = std::move(cs).value();
  }
  const ChangeSet& cs = ics.cs;
  if (cs.station != env.signer) {
    return PermissionDenied("signer_mismatch",
                            "信封的签名者 " + env.signer + " 与变更集中的站点 " + cs.station +
                                " 不一致 (envelope signer does not match the body)");
  }
  if (station.revoked) {
    return PermissionDenied(
        "station_revoked",
        "站点 " + cs.station + " 已在第 " + std::to_string(station.revoked_index) +
            " 条记录被撤销，此后不能再有它的变更集 (change set after revocation)");
  }
  ics.id = ChangeSetId(env.body);
  if (auto it = st.changesets.find(ics.id); it != st.changesets.end()) {
    return DataLoss("duplicate_changeset", "变更集 " + HexEncode(ics.id) + " 已出现在第 " +
                                               std::to_string(it->second) +
                                               " 条记录 (change set logged twice)");
  }
  if (cs.seq != station.last_seq + 1) {
    return DataLoss("seq_gap", "站点 " + cs.station + " 的变更集序号不连续：应为 " +
                                   std::to_string(station.last_seq + 1) + "，实为 " +
                                   std::to_string(cs.seq) + " (seq gap)");
  }
  if (cs.prev != station.last_id) {
    return DataLoss("prev_mismatch", "站点 " + cs.station + " 第 " + std::to_string(cs.seq) +
                                         " 号变更集的 prev 与其上一个变更集 " +
                                         HexEncode(station.last_id) + " 不符 (prev mismatch)");
  }
  if (cs.base_version > st.catalog_version) {
    return DataLoss("unknown_base_version",
                    "变更集基于目录版本 " + std::to_string(cs.base_version) +
                        "，但当时最新的版本是 " + std::to_string(st.catalog_version) +
                        " (base version does not exist yet)");
  }
  GK_RETURN_IF_ERROR(CheckOps(st, cs, station.unit));
  return ics;
}

const IdentifiedChangeSet& ApplyChangeSet(AuditState& st, uint64_t index, IdentifiedChangeSet ics) {
  StationState& station = st.stations.at(ics.cs.station);
  station.last_seq = ics.cs.seq;
  station.last_id = ics.id;
  for (const Op& op : ics.cs.ops) {
    if (const auto* c = std::get_if<CreateOp>(&op)) st.row_units.emplace(c->row.id, c->row.unit);
  }
  st.changesets.emplace(ics.id, index);
  Hash32 id = ics.id;
  auto [it, inserted] = st.pending.emplace(id, PendingChangeSet{index, std::move(ics)});
  (void)inserted;
  return it->second.ics;
}

}  // namespace gongkai
