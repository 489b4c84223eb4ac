#include <boost/json.hpp>
#include <ctime>
#include <iostream>

#include "core/base/hex.h"
#include "hub/admin/init_hub.h"
#include "hub/cli/commands.h"
#include "hub/cli/flags.h"

namespace gongkai::hub {
namespace {

void PrintIdentity(const std::string& dir, const HubIdentity& id, bool json) {
  if (json) {
    boost::json::object o{{"dir", dir},
                          {"origin", id.origin},
                          {"log_key", id.log_key.ToString()},
                          {"cert_sha256", HexEncode(id.cert_sha256)},
                          {"admin", id.admin},
                          {"admin_key", id.admin_key.ToString()}};
    std::cout << boost::json::serialize(o) << "\n";
    return;
  }
  std::cout << "集镇中心数据目录:          " << dir << "\n"
            << "日志名称 (origin):         " << id.origin << "\n"
            << "日志公钥 (hub key):        " << id.log_key.ToString() << "\n"
            << "TLS 证书 SHA-256 指纹:     " << HexEncode(id.cert_sha256) << "\n"
            << "管理员 " << id.admin << " 的公钥:  " << id.admin_key.ToString() << "\n"
            << "请把日志公钥和证书指纹交给各站点：\n"
            << "  gongkai-station init ... --hub-key " << id.log_key.ToString()
            << " --hub-cert-sha256 " << HexEncode(id.cert_sha256) << "\n";
}

}  // namespace

int RunInit(const Args& args) {
  Result<Flags> flags =
      Flags::Parse(args, {{"dir", "origin", "admin", "tls-cert", "tls-key", "tls-san"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  InitOptions opts;
  Result<std::string> dir = DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  Result<std::string> origin = flags->Require("origin");
  if (!origin.ok()) return ReportError(origin.status());
  Result<std::string> admin = flags->Require("admin");
  if (!admin.ok()) return ReportError(admin.status());
  opts.dir = *dir;
  opts.origin = *origin;
  opts.admin = *admin;
  opts.tls_cert_file = flags->GetOr("tls-cert", "");
  opts.tls_key_file = flags->GetOr("tls-key", "");
  opts.tls_san = flags->GetAll("tls-san");
  opts.now = static_cast<int64_t>(std::time(nullptr));
  Result<HubIdentity> id = InitHub(opts);
  if (!id.ok()) return ReportError(id.status());
  if (!flags->Has("json")) std::cout << "已创建集镇中心。\n";
  PrintIdentity(opts.dir, *id, flags->Has("json"));
  return 0;
}

int RunInfo(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> dir = DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  Result<HubIdentity> id = ReadHubIdentity(HubPaths{*dir});
  if (!id.ok()) return ReportError(id.status());
  PrintIdentity(*dir, *id, flags->Has("json"));
  return 0;
}

}  // namespace gongkai::hub
