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
  CommandSpec c;
  c.name = "rekey";
  c.summary = "为本站换用新的密钥（旧密钥丢失、泄露或被撤销时）(new station key)";
  c.usage = "gongkai-station rekey [--dir 目录] [--json]";
  c.help =
      "生成本站的新密钥，停用旧密钥。已被镇里受理的变更集保留原来的签名；还没上传或还没收到回执的\n"
      "变更集用新密钥重新签名（内容和编号不变）。新公钥要交给镇政务公开办登记（gongkai-hub station "
      "add，\n"
      "本站被撤销后也可以重新登记），登记后同步即可继续。旧私钥文件改名为 station.key.old-时间 "
      "保留。\n"
      "Gives the station a new key; the town enrols it again and the station's chain goes on.";
  c.examples = {"gongkai-station rekey"};
  c.flags = {DirFlag(), JsonFlag()};
  c.run = RunRekey;
  return c;
}

}  // namespace gongkai::station
