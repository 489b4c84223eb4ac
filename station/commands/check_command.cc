// gongkai-station check: the full self-check of the store.
#include "station/commands/commands.h"
#include "station/commands/common.h"

namespace gongkai::station {
namespace {

Status RunCheck(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(std::string dir, ctx.Dir());
  GK_ASSIGN_OR_RETURN(StationStore store, StationStore::Open(dir, OpenOptions{true}));
  GK_RETURN_IF_ERROR(store.FullCheck());
  GK_RETURN_IF_ERROR(store.LoadKey().status());
  GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> outbox, store.Outbox());
  GK_RETURN_IF_ERROR(store.LoadView().status());
  ctx.out << "检查通过 (all checks passed): 数据库完好，私钥与本站相符，发件箱 " << outbox.size()
          << " 个变更集序号连续、签名有效。\n";
  return Status::Ok();
}

}  // namespace

CommandSpec CheckCommand() {
  CommandSpec c;
  c.name = "check";
  c.summary = "全面自检数据库、私钥和发件箱 (full self-check)";
  c.usage = "gongkai-station check [--dir 目录]";
  c.help =
      "全面检查本地数据库（SQLite integrity_check）、本站私钥、发件箱中每个变更集的序号链\n"
      "和签名。断电或死机后想确认数据无损时运行。\n"
      "Runs SQLite's integrity_check, checks the key and verifies the outbox chain and\n"
      "signatures.\n\n"
      "例子 (example):\n"
      "  gongkai-station check";
  c.flags = {DirFlag()};
  c.run = RunCheck;
  return c;
}

}  // namespace gongkai::station
