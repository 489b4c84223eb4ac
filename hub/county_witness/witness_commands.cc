#include "hub/county_witness/witness_commands.h"

#include <boost/json.hpp>
#include <ctime>
#include <iostream>

#include "core/base/hex.h"
#include "core/store/atomic_file.h"
#include "hub/cli/commands.h"
#include "hub/cli/flags.h"
#include "hub/server/listen_address.h"
#include "hub/server/server.h"
#include "hub/county_witness/witness_service.h"
#include "hub/county_witness/witness_store.h"

namespace gongkai::witness {
namespace {

using hub::Flags;
using hub::ReportError;

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

void PrintIdentity(const std::string& dir, const WitnessIdentity& id, bool json) {
  if (json) {
    boost::json::object o{{"dir", dir},
                          {"name", id.name},
                          {"witness_key", id.key.ToString()},
                          {"cert_sha256", HexEncode(id.cert_sha256)}};
    std::cout << boost::json::serialize(o) << "\n";
    return;
  }
  std::cout
      << "见证者数据目录:            " << dir << "\n"
      << "见证者名称:                " << id.name << "\n"
      << "见证者公钥 (witness key):  " << id.key.ToString() << "\n"
      << "TLS 证书 SHA-256 指纹:     " << HexEncode(id.cert_sha256) << "\n"
      << "请把见证者公钥和证书指纹交给集镇中心，把见证者公钥交给各村站点和核验人员：\n"
      << "  gongkai-hub witness add --dir D --url https://<本机地址>:<端口> --key "
      << id.key.ToString() << " --cert-sha256 " << HexEncode(id.cert_sha256) << "\n"
      << "  gongkai-station config --dir D --witness-key " << id.key.ToString() << "\n"
      << "  gongkai-audit verify --hub URL --hub-cert-sha256 HEX --hub-key VKEY --witness-key "
      << id.key.ToString() << "\n";
}

}  // namespace

int RunInit(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "name", "tls-san"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> dir = hub::DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  Result<std::string> name = flags->Require("name");
  if (!name.ok()) return ReportError(name.status());
  Result<WitnessIdentity> id = InitWitness({*dir, *name, flags->GetAll("tls-san")});
  if (!id.ok()) return ReportError(id.status());
  if (!flags->Has("json")) std::cout << "已创建见证者。\n";
  PrintIdentity(*dir, *id, flags->Has("json"));
  return 0;
}

int RunInfo(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> dir = hub::DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  Result<WitnessIdentity> id = ReadWitnessIdentity(WitnessPaths{*dir});
  if (!id.ok()) return ReportError(id.status());
  PrintIdentity(*dir, *id, flags->Has("json"));
  return 0;
}

int RunAddLog(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "key"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> dir = hub::DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  Result<std::string> key = flags->Require("key");
  if (!key.ok()) return ReportError(key.status());
  Result<WitnessStore> store = WitnessStore::Open(*dir);
  if (!store.ok()) return ReportError(store.status());
  Result<LogRecord> log = store->AddLog(*key, Now());
  if (!log.ok()) return ReportError(log.status());
  if (flags->Has("json")) {
    boost::json::object o{{"origin", log->origin}, {"log_key", log->log_key}};
    std::cout << boost::json::serialize(o) << "\n";
  } else {
    std::cout << "开始见证日志 " << log->origin << "（公钥 " << log->log_key << "）。\n"
              << "集镇中心第一次提交时从大小 0 开始，以后每个检查点都必须与已见证的一致。\n";
  }
  return 0;
}

int RunList(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> dir = hub::DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  Result<WitnessStore> store = WitnessStore::Open(*dir);
  if (!store.ok()) return ReportError(store.status());
  Result<std::vector<LogRecord>> logs = store->Logs();
  if (!logs.ok()) return ReportError(logs.status());
  if (flags->Has("json")) {
    boost::json::array a;
    for (const LogRecord& l : *logs) {
      a.push_back(boost::json::object{{"origin", l.origin},
                                      {"log_key", l.log_key},
                                      {"size", l.size},
                                      {"cosigned_at", l.cosigned_at},
                                      {"evidence", l.evidence},
                                      {"checkpoint", l.checkpoint}});
    }
    std::cout << boost::json::serialize(boost::json::object{{"logs", a}}) << "\n";
    return 0;
  }
  if (logs->empty()) std::cout << "还没有见证任何日志；用 gongkai-witness add-log 添加。\n";
  for (const LogRecord& l : *logs) {
    std::cout << l.origin << "  已联署大小 " << l.size << "  公钥 " << l.log_key;
    if (l.evidence > 0) std::cout << "  ⚠ 可疑提交 " << l.evidence << " 次（已保存为证据）";
    std::cout << "\n";
  }
  return 0;
}

int RunServe(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "listen", "port-file", "threads"}, {}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> dir = hub::DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  Result<WitnessIdentity> id = ReadWitnessIdentity(WitnessPaths{*dir});
  if (!id.ok()) return ReportError(id.status());
  Result<WitnessStore> store = WitnessStore::Open(*dir);
  if (!store.ok()) return ReportError(store.status());
  hub::ServerOptions opts;
  Status s = hub::ParseListen(flags->GetOr("listen", "127.0.0.1:8444"), &opts);
  if (!s.ok()) return ReportError(s);
  Result<uint64_t> threads = flags->GetUint("threads", 2, 1, 64);
  if (!threads.ok()) return ReportError(threads.status());
  opts.threads = static_cast<int>(*threads);
  const WitnessPaths paths{*dir};
  opts.cert_file = paths.tls_cert();
  opts.key_file = paths.tls_key();
  // A request is one checkpoint (at most 1 MiB) and at most 63 proof lines.
  opts.max_body_bytes = (size_t{1} << 20) + 64 * 64;
  const std::string vkey = id->key.ToString();
  const hub::RequestHandler handle = [&](const HttpRequest& req,
                                         std::function<void(HttpResponse)> send) {
    send(HandleWitnessRequest(*store, vkey, req, Now()));
  };
  const std::string port_file = flags->GetOr("port-file", "");
  Status port_status;
  s = hub::RunServer(
      opts, handle,
      [&](uint16_t port) {
        std::cout << "gongkai-witness " << id->name << " 正在监听 https://" << opts.host << ":"
                  << port << "/ (按 Ctrl-C 停止)" << std::endl;
        if (!port_file.empty()) {
          port_status = WriteFileAtomic(port_file, std::to_string(port) + "\n", 0644);
        }
      },
      [] {});
  if (!s.ok()) return ReportError(s);
  if (!port_status.ok()) return ReportError(port_status);
  std::cout << "gongkai-witness 已停止。" << std::endl;
  return 0;
}

}  // namespace gongkai::witness
