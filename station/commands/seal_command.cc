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
  CommandSpec c;
  c.name = "seal";
  c.summary = "把未封存的修改签名封存，等待上传 (seal pending edits)";
  c.usage = "gongkai-station seal [--dir 目录] [--note 说明]";
  c.help =
      "把所有未封存的修改合并、用本站密钥签名，做成变更集放入发件箱，等待同步上传。\n"
      "同一栏目改了几次只上传最后结果；新增后又撤销的条目不再上传。\n"
      "修改很多时（超过 2000 处）会分成几个变更集。封存后的修改不能再撤回，只能再做新的修改。\n"
      "Seals pending edits into signed change set(s) in the outbox, ready to sync.";
  c.examples = {"gongkai-station seal --note \"三月份村务公开目录更新\""};
  c.flags = {DirFlag(),
             {"note", true, false, "说明", "给镇里看的说明，最多 970 字 (a note for the town)"}};
  c.run = RunSeal;
  return c;
}

}  // namespace gongkai::station
