// Small pieces the commands share: the Chinese names of states and
// one-line row titles (opening the store: station/cli/open_store.h; JSON
// lines: station/cli/row_json.h).
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/row.h"
#include "station/cli/command.h"
#include "station/cli/open_store.h"
#include "station/cli/row_json.h"
#include "station/store/station_store.h"

namespace gongkai::station {

// The unit's rows in use (not retired) in the order clerks read the
// catalog: by area and item, as list does.
std::vector<const Row*> UnitRowsInOrder(const WorkingView& view, const std::string& unit);

// "财政预决算 / 财政预决算 / 部门预算"
std::string RowTitle(const Row& row);
// The first 8 characters of a row id, as list shows it.
std::string ShortId(std::string_view id);

// Chinese names: 未封存, 已封存, 已发送, 已受理, 已批准, 已退回, 已抵消.
std::string StateLabel(std::string_view state);
// 已批准 / 待审批 / 未封存 for a row's origin in the working view.
std::string OriginLabel(RowOrigin origin);

// The rows held by the hub's refusals (refused_changesets.h), by row id.
Result<std::map<std::string, HeldRow>> HeldByRow(StationStore& store);
// 已退回·待修改: the state of a held row, as list and the page show it.
inline constexpr const char* kHeldLabel = "已退回·待修改";

// For each approved set edit that is the clerk's last word on its field:
// the value the approved catalog holds when the town made it something else
// (it resolved a conflict with another value, say) — keyed by edit_id.
// "镇里改为 …" in history and on the page.
std::map<int64_t, std::string> TownValues(const std::vector<HistoryEntry>& entries,
                                          const Catalog& approved);

// One history entry for people: 新增/修改/撤销; what changed; its state
// (with the change set, the version, "镇里改为 …" from TownValues, the
// town's reason).
std::string EditKindLabel(EditKind kind);
std::string HistoryWhat(const HistoryEntry& h);
std::string HistoryStateText(const HistoryEntry& h, const std::map<int64_t, std::string>& town);

// --witness-key (repeatable) and --witness-quorum of init and config.
FlagSpec WitnessKeyFlag();
FlagSpec WitnessQuorumFlag();
// Applies --witness-key/--witness-quorum/--no-witness, if given, to the
// store (station/store/witness_settings.h); sets *changed when it did.
Status ApplyWitnessFlags(CommandContext& ctx, Database& db, bool* changed);

// The store's counts as `status --json` and the page's /status.json name
// them: catalog_version, approved_rows, pending_edits, outbox, unsent,
// conflicts, rejected, held_rows.
void PutStoreCounts(const StoreStatus& s, boost::json::object* o);

}  // namespace gongkai::station
