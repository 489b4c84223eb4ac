// gongkai-hub witness add|remove|list|send (docs/hub.md § Witnesses).
#include <boost/json.hpp>
#include <ctime>
#include <iostream>

#include "hub/cli/commands.h"
#include "hub/cli/flags.h"
#include "hub/store/hub_paths.h"
#include "hub/store/witness_table.h"
#include "hub/witness/witness_sender.h"

namespace gongkai::hub {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

Result<HubDb> OpenDb(const Flags& flags) {
  GK_ASSIGN_OR_RETURN(std::string dir, DataDir(flags));
  return HubDb::Open(HubPaths{dir}.db());
}

int Add(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "url", "key", "cert-sha256"}, {}});
  if (!flags.ok()) return ReportError(flags.status());
  for (const char* f : {"url", "key", "cert-sha256"}) {
    if (!flags->Has(f)) return ReportError(flags->Require(f).status());
  }
  Result<HubDb> db = OpenDb(*flags);
  if (!db.ok()) return ReportError(db.status());
  Status s =
      AddWitness(*db, *flags->Get("key"), *flags->Get("url"), *flags->Get("cert-sha256"), Now());
  if (!s.ok()) return ReportError(s);
  std::cout << "已添加见证者 " << flags->Get("key")->substr(0, flags->Get("key")->find('+'))
            << "。运行中的 gongkai-hub serve 会把每个新检查点发给它（失败时自动重试）；\n"
            << "用 gongkai-hub witness list 查看它联署到了哪里。\n";
  return 0;
}

int Remove(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "key", "name"}, {}});
  if (!flags.ok()) return ReportError(flags.status());
  std::optional<std::string> which = flags->Get("name");
  if (!which) which = flags->Get("key");
  if (!which) {
    return ReportError(InvalidArgument("missing_flag", "请给出 --name NAME 或 --key VKEY", "name"));
  }
  Result<HubDb> db = OpenDb(*flags);
  if (!db.ok()) return ReportError(db.status());
  Status s = RemoveWitness(*db, *which);
  if (!s.ok()) return ReportError(s);
  std::cout << "已移除见证者 " << *which << "；已有的联署仍随检查点提供。\n";
  return 0;
}

int List(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<HubDb> db = OpenDb(*flags);
  if (!db.ok()) return ReportError(db.status());
  Result<std::vector<WitnessEntry>> list = ListWitnesses(*db);
  if (!list.ok()) return ReportError(list.status());
  if (flags->Has("json")) {
    boost::json::array a;
    for (const WitnessEntry& w : *list) {
      a.push_back(boost::json::object{{"name", w.name},
                                      {"key", w.key},
                                      {"url", w.url},
                                      {"cert_sha256", w.cert_sha256},
                                      {"size", w.size},
                                      {"cosigned_size", w.cosigned_size},
                                      {"last_ok_at", w.last_ok_at},
                                      {"last_error", w.last_error},
                                      {"last_error_at", w.last_error_at}});
    }
    std::cout << boost::json::serialize(boost::json::object{{"witnesses", a}}) << "\n";
    return 0;
  }
  if (list->empty()) std::cout << "没有见证者；用 gongkai-hub witness add 添加县里的见证者。\n";
  for (const WitnessEntry& w : *list) {
    std::cout << w.name << "  " << w.url << "  已联署到第 " << w.cosigned_size << " 条\n"
              << "  公钥 " << w.key << "\n";
    if (!w.last_error.empty()) std::cout << "  最近一次失败: " << w.last_error << "\n";
  }
  return 0;
}

int Send(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> dir = DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  const HubPaths paths{*dir};
  Result<std::unique_ptr<WitnessSender>> sender =
      WitnessSender::Open(paths.db(), paths.log_key(), WitnessSenderOptions{});
  if (!sender.ok()) return ReportError(sender.status());
  WitnessPassReport r = (*sender)->RunOnce(Now());
  std::cout << "联署成功 " << r.cosigned << " 个，失败 " << r.failed << " 个。\n";
  if (r.failed > 0) {
    std::cerr << "错误: 有见证者没有联署；gongkai-hub witness list 显示原因 [witness_failed]\n";
    return 1;
  }
  return 0;
}

}  // namespace

int RunWitness(const Args& args) {
  if (args.empty()) {
    return ReportError(
        InvalidArgument("usage", "用法: gongkai-hub witness add|remove|list|send ..."));
  }
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "add") return Add(rest);
  if (args[0] == "remove") return Remove(rest);
  if (args[0] == "list") return List(rest);
  if (args[0] == "send") return Send(rest);
  return ReportError(InvalidArgument(
      "usage", "没有这个子命令: witness " + args[0] + "；可用 add、remove、list、send"));
}

}  // namespace gongkai::hub
