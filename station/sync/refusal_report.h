// How a station reports refused change sets and the rows they hold back —
// the same words and JSON keys from `sync` and from `bundle import`, so a
// clerk (and a script) reads one form whichever way the refusal arrived
// (docs/station-sync.md § "When the town's server refuses").
#pragma once

#include <boost/json.hpp>
#include <ostream>
#include <vector>

#include "station/store/station_store.h"
#include "station/sync/push_outbox.h"

namespace gongkai::station {

// [{"seq","code","message","held_rows":[…],"returned_edits","resealed":[…]}]
boost::json::array ReturnedJson(const std::vector<ReturnedReport>& returned);
// [{"row_id","code","reason","refused_seq"}]
boost::json::array HeldJson(const std::vector<HeldRow>& held);

// "  变更集 3 中 2 个条目的修改已退回本站，等待修改；其余的修改已重新封存为变更集 3–4<tail>。"
// `resealed_tail` says what became of the re-sealed ones (e.g. " 并上传").
void PrintReturned(std::ostream& out, const std::vector<ReturnedReport>& returned,
                   const char* resealed_tail);
// "  等待修改: 条目 0a1b2c3d — <reason> [code]"
void PrintHeld(std::ostream& out, const std::vector<HeldRow>& held);

}  // namespace gongkai::station
