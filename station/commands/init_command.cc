// gongkai-station init: make the data directory, key and store.
#include <boost/json.hpp>

#include "core/base/decimal.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/store/witness_settings.h"

namespace gongkai::station {
namespace {

Status RunInit(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(std::string dir, ctx.Dir());
  InitRequest req;
  req.dir = dir;
  auto id = ctx.args.Get("id");
  auto unit = ctx.args.Get("unit");
  if (!id) {
    return InvalidArgument("missing_flag",
                           "请用 --id 给本站起一个编号（小写字母、数字和 -，例如 hongqi-01）"
                           " (missing --id)",
                           "id");
  }
  if (!unit) {
    return InvalidArgument(
        "missing_flag", "请用 --unit 写明本站代表的村或单位，例如 --unit 红旗村 (missing --unit)",
        "unit");
  }
  req.station_id = *id;
  req.unit = *unit;
  req.hub.url = ctx.args.Get("hub");
  req.hub.key = ctx.args.Get("hub-key");
  req.hub.cert_sha256 = ctx.args.Get("hub-cert-sha256");
  req.now = ctx.now;
  // The witness flags are checked before anything is made.
  const std::vector<std::string> witness_keys = ctx.args.GetAll("witness-key");
  for (const std::string& k : witness_keys) {
    if (!ParseVerifierKey(k, kCosignatureV1KeyType).ok()) {
      const std::string why = "--witness-key 不是有效的见证者公钥（县里 gongkai-witness init "
                              "显示的，类型 0x04）: ";
      return InvalidArgument("bad_witness_key", why + k, "witness-key");
    }
  }
  if (std::optional<std::string> q = ctx.args.Get("witness-quorum")) {
    std::optional<uint64_t> n = ParseCanonicalDecimal(*q);
    if (!n || *n < 1 || *n > witness_keys.size()) {
      return InvalidArgument("bad_witness_quorum",
                             "--witness-quorum 应在 1 到 --witness-key 的个数之间",
                             "witness-quorum");
    }
  }
  GK_ASSIGN_OR_RETURN(StationStore store, StationStore::Init(req));
  bool witness_set = false;
  GK_RETURN_IF_ERROR(ApplyWitnessFlags(ctx, store.db(), &witness_set));
  const StationInfo& info = store.info();
  if (ctx.Json()) {
    boost::json::object o;
    o["station_id"] = info.station_id;
    o["unit"] = info.unit;
    o["dir"] = dir;
    o["verifier_key"] = info.VerifierKey();
    PrintJsonLine(ctx.out, boost::json::serialize(o));
    return Status::Ok();
  }
  ctx.out << "已初始化站点 " << info.station_id << "（" << info.unit << "），数据目录: " << dir
          << "\n"
          << "本站公钥——请交给镇政务公开办登记 (verifier key, give it to the town office for "
             "enrollment):\n"
          << info.VerifierKey() << "\n";
  if (!req.hub.url || !req.hub.key || !req.hub.cert_sha256) {
    ctx.out << "镇服务器尚未设置；拿到地址、公钥和证书指纹后运行 gongkai-station config 设置 "
               "(hub not configured yet).\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec InitCommand() {
  return {.name = "init",
          .flags = {DirFlag(),
                    {"id", true, false, "站点编号",
                     "本站编号：小写字母、数字和 -，例如 hongqi-01 (station id)"},
                    {"unit", true, false, "村名", "本站代表的村或单位，例如 红旗村 (the unit)"},
                    {"hub", true, false, "URL", "镇服务器地址 https://主机:端口 (hub URL)"},
                    {"hub-key", true, false, "公钥", "镇服务器公钥 (hub verifier key)"},
                    {"hub-cert-sha256", true, false, "指纹",
                     "镇服务器证书的 SHA-256 指纹 (pinned cert)"},
                    WitnessKeyFlag(),
                    WitnessQuorumFlag(),
                    JsonFlag()},
          .run = RunInit};
}

}  // namespace gongkai::station
