// gongkai-station records: this station's posting records (公开记录), with
// what became of each (docs/postings.md).
#include <boost/json.hpp>
#include <map>

#include "core/base/hex.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/commands/posting_text.h"
#include "station/edits/edit_plan.h"

namespace gongkai::station {
namespace {

Status RunRecords(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  std::optional<std::string> row_id;
  if (!ctx.args.positional().empty()) {
    GK_ASSIGN_OR_RETURN(const ViewRow* vr, ResolveRow(view, ctx.args.positional()[0]));
    row_id = vr->row.id;
  }
  GK_ASSIGN_OR_RETURN(std::vector<StationPosting> postings, store.LoadPostings(row_id));
  if (ctx.Json()) {
    boost::json::array out;
    for (const StationPosting& p : postings) out.push_back(PostingJson(p));
    PrintJsonLine(ctx.out, boost::json::serialize(boost::json::object{{"records", out}}));
    return Status::Ok();
  }
  if (postings.empty()) {
    ctx.out << "还没有公开记录；用 gongkai-station record 编号 --period … --posted … 登记 "
               "(no posting records)\n";
    return Status::Ok();
  }
  for (const StationPosting& p : postings) {
    const ViewRow* vr = view.Find(p.op.row_id);
    ctx.out << HexEncode(p.record_id).substr(0, 16) << "  " << PostingStateLabel(p.state) << "  "
            << (vr ? RowTitle(vr->row) : p.op.row_id) << "\n    " << PostingSummary(p.op) << "\n";
    if (!p.reason.empty()) ctx.out << "    镇里的理由: " << p.reason << " (" << p.code << ")\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec RecordsCommand() {
  return {.name = "records", .flags = {DirFlag(), JsonFlag()}, .max_args = 1, .run = RunRecords};
}

}  // namespace gongkai::station
