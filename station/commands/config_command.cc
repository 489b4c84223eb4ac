// gongkai-station config: show or change how the station reaches its hub.
#include <boost/json.hpp>

#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/store/witness_settings.h"

namespace gongkai::station {
namespace {

boost::json::value OrNull(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

Status RunConfig(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  HubSettings changes;
  changes.url = ctx.args.Get("hub");
  changes.key = ctx.args.Get("hub-key");
  changes.cert_sha256 = ctx.args.Get("hub-cert-sha256");
  bool changing = changes.url || changes.key || changes.cert_sha256;
  if (changing) GK_RETURN_IF_ERROR(store.UpdateHub(changes));
  GK_RETURN_IF_ERROR(ApplyWitnessFlags(ctx, store.db(), &changing));
  GK_ASSIGN_OR_RETURN(HubSettings hub, store.LoadHub());
  GK_ASSIGN_OR_RETURN(WitnessPolicy witness, LoadWitnessPolicy(store.db()));
  const StationInfo& info = store.info();
  if (ctx.Json()) {
    boost::json::object o;
    o["station_id"] = info.station_id;
    o["unit"] = info.unit;
    o["verifier_key"] = info.VerifierKey();
    boost::json::object h;
    h["url"] = OrNull(hub.url);
    h["key"] = OrNull(hub.key);
    h["cert_sha256"] = OrNull(hub.cert_sha256);
    o["hub"] = std::move(h);
    boost::json::array w;
    for (const VerifierKey& k : witness.witnesses) w.push_back(boost::json::value(k.ToString()));
    o["witness_keys"] = std::move(w);
    o["witness_quorum"] = witness.quorum;
    PrintJsonLine(ctx.out, boost::json::serialize(o));
    return Status::Ok();
  }
  auto shown = [](const std::optional<std::string>& v) { return v ? *v : "未设置 (not set)"; };
  if (changing) ctx.out << "已保存设置 (saved).\n";
  ctx.out << "站点编号 (station id):        " << info.station_id << "\n"
          << "单位 (unit):                  " << info.unit << "\n"
          << "本站公钥 (verifier key):      " << info.VerifierKey() << "\n"
          << "镇服务器地址 (hub URL):       " << shown(hub.url) << "\n"
          << "镇服务器公钥 (hub key):       " << shown(hub.key) << "\n"
          << "证书指纹 (hub cert SHA-256):  " << shown(hub.cert_sha256) << "\n";
  if (witness.witnesses.empty()) {
    ctx.out << "县见证者 (witnesses):         未要求 (not required)\n";
  } else {
    ctx.out << "县见证者 (witnesses):         至少 " << witness.quorum << " 个联署 (quorum)\n";
    for (const VerifierKey& k : witness.witnesses) ctx.out << "  " << k.ToString() << "\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec ConfigCommand() {
  return {
      .name = "config",
      .flags = {DirFlag(),
                {"hub", true, false, "URL", "镇服务器地址 https://主机:端口 (hub URL)"},
                {"hub-key", true, false, "公钥", "镇服务器公钥 (hub verifier key)"},
                {"hub-cert-sha256", true, false, "指纹",
                 "镇服务器证书 SHA-256 指纹，64 位十六进制 (pinned cert fingerprint)"},
                WitnessKeyFlag(),
                WitnessQuorumFlag(),
                {"no-witness", false, false, "", "不再要求县见证者联署 (stop requiring witnesses)"},
                JsonFlag()},
      .run = RunConfig};
}

}  // namespace gongkai::station
