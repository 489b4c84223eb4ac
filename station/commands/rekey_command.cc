// gongkai-station rekey: a new key for this station, when the old one was
// lost, leaked or revoked (station/store/station_keys.h).
#include <boost/json.hpp>

#include "core/crypto/verifier_key.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"

namespace gongkai::station {
namespace {

Status RunRekey(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  const std::string old_vkey = store.info().VerifierKey();
  GK_ASSIGN_OR_RETURN(PublicKey fresh, store.Rekey(ctx.now));
  (void)fresh;
  const std::string vkey = store.info().VerifierKey();
  if (ctx.Json()) {
    PrintJsonLine(ctx.out, boost::json::serialize(boost::json::object{
                               {"station_id", store.info().station_id},
                               {"verifier_key", vkey},
                               {"old_verifier_key", old_vkey}}));
    return Status::Ok();
  }
  ctx.out << "已为本站换用新的密钥；旧密钥已停用（旧私钥文件改名保存在数据目录中）。\n"
          << "新公钥——请交给镇政务公开办重新登记 (new verifier key, for the town to enrol):\n"
          << vkey << "\n"
          << "镇里登记之前，同步会显示本站未登记（退出状态 9）；本站的修改都会保留，登记后一次同步全部上传。\n";
  return Status::Ok();
}

}  // namespace

CommandSpec RekeyCommand() {
  return {.name = "rekey", .flags = {DirFlag(), JsonFlag()}, .run = RunRekey};
}

}  // namespace gongkai::station
