// gongkai-station check: the full self-check of the store.
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/sync/sync_round.h"

namespace gongkai::station {
namespace {

Status RunCheck(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(std::string dir, ctx.Dir());
  GK_ASSIGN_OR_RETURN(StationStore store, StationStore::Open(dir, OpenOptions{true}));
  GK_RETURN_IF_ERROR(store.FullCheck());
  GK_RETURN_IF_ERROR(store.LoadKey().status());
  GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> outbox, store.Outbox());
  GK_RETURN_IF_ERROR(store.LoadView().status());
  const std::string intact = "数据库完好，私钥与本站相符，发件箱 " + std::to_string(outbox.size()) +
                             " 个变更集序号连续、签名有效";
  // The store is sound, but it is not "all passed" while the clerk's work
  // waits: edits the hub refused, or a station the hub does not accept.
  GK_ASSIGN_OR_RETURN(std::vector<HeldRow> held, store.HeldRows());
  GK_ASSIGN_OR_RETURN(std::optional<StationRefusal> refusal, store.LastStationRefusal());
  if (refusal) {
    ctx.out << intact << "。\n";
    return WholeRefusal(refusal->code, refusal->message, store.info().VerifierKey());
  }
  if (!held.empty()) {
    ctx.out << intact << "。\n";
    return HeldStatus(held);
  }
  ctx.out << "检查通过 (all checks passed): " << intact << "。\n";
  return Status::Ok();
}

}  // namespace

CommandSpec CheckCommand() { return {.name = "check", .flags = {DirFlag()}, .run = RunCheck}; }

}  // namespace gongkai::station
