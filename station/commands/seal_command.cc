// gongkai-station seal: pending edits → signed change set(s) in the outbox.
#include "core/base/hex.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"

namespace gongkai::station {
namespace {

Status RunSeal(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(PrivateKey key, store.LoadKey());
  std::string note = ctx.args.Get("note").value_or("");
  GK_ASSIGN_OR_RETURN(SealResult r, store.Seal(key, note, ctx.now));
  if (r.change_sets.empty()) {
    if (r.cancelled_edits > 0) {
      ctx.out << r.cancelled_edits
              << " 项修改相互抵消，没有需要上传的内容 (edits cancelled out, nothing to send)\n";
    } else {
      ctx.out << "没有未封存的修改 (nothing to seal)\n";
    }
    return Status::Ok();
  }
  uint64_t ops = 0;
  for (const SealedChangeSet& cs : r.change_sets) ops += cs.op_count;
  ctx.out << "已封存 " << r.sealed_edits << " 项修改，共 " << ops
          << " 处改动，放入发件箱 (sealed):\n";
  for (const SealedChangeSet& cs : r.change_sets) {
    ctx.out << "  变更集 " << cs.seq << "  " << cs.op_count << " 处改动  "
            << HexEncode(cs.id).substr(0, 16) << "\n";
  }
  if (r.cancelled_edits > 0) {
    ctx.out << "另有 " << r.cancelled_edits << " 项修改相互抵消，不再上传。\n";
  }
  ctx.out << "下一步: 同步上传到镇服务器 (next: sync to the town hub)\n";
  return Status::Ok();
}

}  // namespace

CommandSpec SealCommand() {
  return {
      .name = "seal",
      .flags = {DirFlag(),
                {"note", true, false, "说明", "给镇里看的说明，最多 970 字 (a note for the town)"}},
      .run = RunSeal};
}

}  // namespace gongkai::station
