#include "hub/review/changeset_ref.h"

#include <algorithm>

#include "core/base/hex.h"

namespace gongkai::hub {
namespace {

// A decided change set matching the reference, for a precise error.
Status DecidedOrUnknown(HubDb& db, const std::string& ref, const std::string& station,
                        uint64_t seq) {
  std::optional<Hash32> id;
  if (!station.empty()) {
    Result<std::optional<AcceptedChangeSet>> cs = FindChangeSet(db, station, seq);
    if (cs.ok() && *cs) id = (*cs)->id;
  } else {
    // A hex prefix of exactly one accepted change set.
    Result<Stmt> st =
        db.Prepare("SELECT id FROM changesets WHERE lower(hex(id)) LIKE ? || '%' LIMIT 2");
    if (st.ok()) {
      (*st)->Bind(1, ref);
      std::vector<Bytes> found;
      while (true) {
        Result<bool> row = (*st)->Step();
        if (!row.ok() || !*row) break;
        found.push_back((*st)->ColumnBlob(0));
      }
      if (found.size() == 1 && found[0].size() == 32) {
        Hash32 h;
        std::copy(found[0].begin(), found[0].end(), h.begin());
        id = h;
      }
    }
  }
  if (id) {
    Result<std::optional<Decision>> d = FindDecision(db, *id);
    if (d.ok() && *d) {
      return FailedPrecondition(
          "already_decided",
          "变更集 " + ref + " 已经" +
              ((*d)->approved ? "批准（第 " + std::to_string((*d)->version) + " 版）"
                              : std::string("退回")) +
              "过了 (already decided)");
    }
  }
  return NotFound("unknown_changeset",
                  "待审的变更集中没有 " + ref + "；用 gongkai-hub pending 查看待审的变更集编号");
}

}  // namespace

Result<const LoggedChangeSet*> FindChangeSetRef(HubDb& db,
                                                const std::vector<LoggedChangeSet>& candidates,
                                                const std::string& ref) {
  size_t slash = ref.find('/');
  if (slash != std::string::npos) {
    std::string station = ref.substr(0, slash);
    std::string digits = ref.substr(slash + 1);
    bool ok = !station.empty() && !digits.empty() && digits.size() <= 18;
    uint64_t seq = 0;
    for (char c : digits) {
      ok = ok && c >= '0' && c <= '9';
      seq = seq * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!ok) {
      return InvalidArgument(
          "bad_changeset_ref",
          "变更集应写成编号前缀（至少 4 位）或 站点/序号，例如 hongqi-01/3: " + ref);
    }
    for (const LoggedChangeSet& l : candidates) {
      if (l.meta.station == station && l.meta.seq == seq) return &l;
    }
    return DecidedOrUnknown(db, ref, station, seq);
  }
  if (ref.size() < 4 || ref.size() > 64 || !IsLowerHex(ref)) {
    return InvalidArgument("bad_changeset_ref",
                           "变更集应写成编号前缀（至少 4 位十六进制小写）或 站点/序号，例如 "
                           "hongqi-01/3: " +
                               ref);
  }
  const LoggedChangeSet* found = nullptr;
  for (const LoggedChangeSet& l : candidates) {
    if (HexEncode(l.meta.id).compare(0, ref.size(), ref) != 0) continue;
    if (found) {
      return InvalidArgument("ambiguous_changeset",
                             "编号前缀 " + ref + " 对应多个待审的变更集；请多写几位");
    }
    found = &l;
  }
  if (found) return found;
  return DecidedOrUnknown(db, ref, "", 0);
}

}  // namespace gongkai::hub
