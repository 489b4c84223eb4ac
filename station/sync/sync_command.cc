#include "station/sync/sync_command.h"

#include <boost/json.hpp>
#include <thread>

#include "core/base/hex.h"
#include "core/config/config_file.h"
#include "core/config/config_keys.h"
#include "station/config/hub_settings.h"
#include "station/commands/common.h"
#include "station/sync/https_client.h"
#include "station/sync/pull_catalog.h"
#include "station/sync/push_outbox.h"

namespace gongkai::station {
namespace {

Result<HttpsEndpoint> HubEndpoint(StationStore& store) {
  GK_ASSIGN_OR_RETURN(HubSettings hub, store.LoadHub());
  if (!hub.url || !hub.cert_sha256) {
    return FailedPrecondition(
        "hub_not_configured",
        "还没有设置镇服务器的地址和证书指纹，无法同步。请向镇管理员索取后运行: gongkai-station "
        "config --hub https://地址:端口 --hub-key 公钥 --hub-cert-sha256 指纹");
  }
  GK_ASSIGN_OR_RETURN(HttpsEndpoint ep, ParseHubUrl(*hub.url));
  ep.cert_sha256 = *hub.cert_sha256;
  return ep;
}

boost::json::object PullJson(const PullReport& p) {
  return boost::json::object{{"from_version", p.from_version}, {"to_version", p.to_version},
                             {"hash", HexEncode(p.hash)},         {"mode", p.mode},
                             {"approvals", p.approvals},          {"rejected", p.rejected_mine}};
}

void PrintPull(CommandContext& ctx, const PullReport& p) {
  if (p.to_version != p.from_version) {
    ctx.out << "已收到镇里批准的目录: 第 " << p.from_version << " 版 → 第 " << p.to_version
            << " 版（已核对管理员签名和目录哈希）。\n";
  } else {
    ctx.out << "目录已是最新: 第 " << p.to_version << " 版。\n";
  }
  if (p.rejected_mine > 0) {
    ctx.out << "有 " << p.rejected_mine
            << " 个变更集被镇里退回；运行 gongkai-station status 查看理由。\n";
  }
}

void PrintReport(CommandContext& ctx, size_t sealed, const PushReport& report,
                 const PullReport& pulled) {
  if (ctx.Json()) {
    boost::json::array list;
    size_t accepted = 0, rejected = 0;
    for (const PushedChangeSet& p : report.results) {
      boost::json::object o{{"seq", p.seq}, {"id", HexEncode(p.id)}, {"status", p.status}};
      if (p.log_index) o["log_index"] = *p.log_index;
      if (p.status == "rejected") {
        o["code"] = p.code;
        o["message"] = p.message;
        ++rejected;
      } else {
        ++accepted;
      }
      list.push_back(std::move(o));
    }
    PrintJsonLine(ctx.out,
                  boost::json::serialize(boost::json::object{{"sealed", sealed},
                                                             {"sent", report.results.size()},
                                                             {"accepted", accepted},
                                                             {"rejected", rejected},
                                                             {"receipts", std::move(list)},
                                                             {"pull", PullJson(pulled)}}));
    return;
  }
  if (sealed > 0) ctx.out << "已封存 " << sealed << " 个新的变更集。\n";
  PrintPull(ctx, pulled);
  if (report.results.empty()) {
    ctx.out << "发件箱里没有要上传的变更集 (nothing to send)。\n";
    return;
  }
  for (const PushedChangeSet& p : report.results) {
    ctx.out << "  变更集 " << p.seq << "  ";
    if (p.status == "rejected") {
      ctx.out << "被镇服务器退回: " << p.message << " [" << p.code << "]\n";
    } else {
      ctx.out << (p.status == "duplicate" ? "已受理（之前已上传过）" : "已受理") << "，日志序号 "
              << p.log_index.value_or(0) << "\n";
    }
  }
  if (report.stopped_at_rejection) {
    ctx.out << "有变更集被退回，其后的变更集暂不上传；请查看原因 (gongkai-station status)。\n";
  } else {
    ctx.out << "同步完成 (sync done)。\n";
  }
}

// station.conf (docs/packaging.md) as read by sync: values the command line
// does not give. Problems are usage errors (reason bad_config, exit status 2)
// naming the file and line.
struct SyncConfig {
  std::optional<std::string> dir;
  HubSettings hub;    // from the file; validated like `config`
  int interval = 60;  // --watch seconds
};

Status BadConfig(const Status& s) { return InvalidArgument("bad_config", s.message(), s.field()); }

Result<SyncConfig> LoadSyncConfig(const CommandContext& ctx) {
  SyncConfig c;
  std::optional<std::string> path = ctx.args.Get("config");
  if (path) {
    Result<ConfigFile> file = ReadConfigFile(*path, StationConfigKeys());
    if (!file.ok()) return BadConfig(file.status());
    c.dir = file->GetString("dir");
    c.hub.url = file->GetString("hub");
    c.hub.key = file->GetString("hub_key");
    c.hub.cert_sha256 = file->GetString("hub_cert_sha256");
    if (c.hub.url || c.hub.key || c.hub.cert_sha256) {
      Result<HubSettings> valid = ValidateHubSettings(c.hub);
      if (!valid.ok()) {
        const std::string& r = valid.status().reason();
        const char* key = r == "bad_hub_key"       ? "hub_key"
                          : r == "bad_fingerprint" ? "hub_cert_sha256"
                                                   : "hub";
        const ConfigEntry* e = file->Find(key);
        return InvalidArgument("bad_config",
                               file->name() + (e ? " 第 " + std::to_string(e->line) + " 行" : "") +
                                   ": " + valid.status().message(),
                               valid.status().field());
      }
      c.hub = std::move(valid).value();
    }
    // With a config file the documented default is 300 s (docs/packaging.md).
    Result<std::optional<uint64_t>> every = file->GetUnsigned("sync_interval_seconds", 10, 86400);
    if (!every.ok()) return BadConfig(every.status());
    c.interval = every->has_value() ? static_cast<int>(**every) : 300;
  }
  if (auto v = ctx.args.Get("interval")) {
    c.interval = std::atoi(v->c_str());
    if (c.interval < 1 || c.interval > 86400) {
      return InvalidArgument("bad_interval", "--interval 应为 1 到 86400 之间的秒数", "interval");
    }
  }
  return c;
}

// The hub settings of station.conf meet the store's: unset ones are saved
// (validated as by `config`); different ones are refused, because the store
// is what `config` shows and changes.
Status ApplyHubConfig(StationStore& store, const HubSettings& file, const std::string& path) {
  if (!file.url && !file.key && !file.cert_sha256) return Status::Ok();
  GK_ASSIGN_OR_RETURN(HubSettings have, store.LoadHub());
  HubSettings missing;
  auto meet = [&](const std::optional<std::string>& want, const std::optional<std::string>& got,
                  std::optional<std::string>* add, const char* key) -> Status {
    if (!want) return Status::Ok();
    if (!got) {
      *add = want;
      return Status::Ok();
    }
    if (*got == *want) return Status::Ok();
    return InvalidArgument(
        "config_mismatch",
        path + " 中的 " + key + " 与本站已保存的设置不同（本站: " + *got +
            "）。请运行 gongkai-station config 修改本站设置，或改正配置文件 (hub setting differs "
            "from the station's)",
        key);
  };
  GK_RETURN_IF_ERROR(meet(file.url, have.url, &missing.url, "hub"));
  GK_RETURN_IF_ERROR(meet(file.key, have.key, &missing.key, "hub_key"));
  GK_RETURN_IF_ERROR(meet(file.cert_sha256, have.cert_sha256, &missing.cert_sha256,
                          "hub_cert_sha256"));
  if (missing.url || missing.key || missing.cert_sha256) {
    GK_RETURN_IF_ERROR(store.UpdateHub(missing));
  }
  return Status::Ok();
}

Status SyncOnce(CommandContext& ctx, int64_t now, const SyncConfig& config) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_RETURN_IF_ERROR(ApplyHubConfig(store, config.hub, ctx.args.Get("config").value_or("")));
  GK_ASSIGN_OR_RETURN(HttpsEndpoint ep, HubEndpoint(store));
  GK_ASSIGN_OR_RETURN(PrivateKey key, store.LoadKey());
  GK_ASSIGN_OR_RETURN(SealResult sealed, store.Seal(key, ctx.args.Get("note").value_or(""), now));
  HttpsClient client(ep);
  PostFn post = [&client](const std::string& body) {
    return client.Request("POST", "/v1/changesets", "application/octet-stream", body);
  };
  PushOptions opts;
  if (ctx.args.Has("no-retry")) opts.retries = 0;
  GK_ASSIGN_OR_RETURN(PushReport report, PushOutbox(store, post, opts, now));
  // Then pull what the town decided (pull_catalog.h).
  GetFn get = [&client](const std::string& target) {
    return client.Request("GET", target, "", "");
  };
  GK_ASSIGN_OR_RETURN(PullReport pulled, PullCatalog(store, get, now));
  client.Close();
  GK_RETURN_IF_ERROR(store.RecordSync(now));
  PrintReport(ctx, sealed.change_sets.size(), report, pulled);
  return Status::Ok();
}

Status RunSync(CommandContext& outer) {
  GK_ASSIGN_OR_RETURN(SyncConfig config, LoadSyncConfig(outer));
  // --dir, then the file's dir, then $GONGKAI_DIR.
  CommandContext ctx{outer.args, outer.out, outer.err, outer.now,
                     config.dir.value_or(outer.env_dir)};
  if (ctx.args.Has("print-config")) {
    // The effective settings (file, then flags); the store is not opened.
    auto shown = [](const std::optional<std::string>& v) {
      return v ? *v : "(未在配置文件中设置，使用本站 config 的设置)";
    };
    Result<std::string> dir = ctx.Dir();
    ctx.out << "config = " << ctx.args.Get("config").value_or("") << "\n"
            << "dir = " << (dir.ok() ? *dir : "(未设置 not set)") << "\n"
            << "hub = " << shown(config.hub.url) << "\n"
            << "hub_key = " << shown(config.hub.key) << "\n"
            << "hub_cert_sha256 = " << shown(config.hub.cert_sha256) << "\n"
            << "sync_interval_seconds = " << config.interval << "\n";
    return Status::Ok();
  }
  if (!ctx.args.Has("watch")) return SyncOnce(ctx, ctx.now, config);
  int interval = config.interval;
  for (;;) {
    Status s = SyncOnce(ctx, static_cast<int64_t>(std::time(nullptr)), config);
    if (!s.ok() && s.code() != Code::kUnavailable) return s;
    if (!s.ok())
      ctx.err << "同步暂时失败，稍后再试: " << s.message() << " [" << s.reason() << "]\n";
    ctx.out.flush();
    std::this_thread::sleep_for(std::chrono::seconds(interval));
  }
}

}  // namespace

CommandSpec SyncCommand() {
  CommandSpec c;
  c.name = "sync";
  c.summary = "封存修改、上传到镇服务器，并取回镇里批准的目录 (seal, upload, pull)";
  c.usage =
      "gongkai-station sync [--dir 目录] [--config 文件] [--note 说明] [--json] "
      "[--watch [--interval 秒]] [--print-config]";
  c.help =
      "先把未封存的修改封存（同 "
      "seal），再把发件箱里的变更集按顺序上传到镇服务器，记录每个变更集的回执："
      "已受理，或被退回及原因。\n"
      "连接时核对镇服务器的证书指纹（config --hub-cert-sha256），不符就拒绝连接，不发送任何数据。\n"
      "网络不通时自动重试；中途断开也不要紧，下次同步会接着上传，不会重复也不会丢失。\n"
      "然后取回镇里批准的新版目录和退回的变更集：核对管理员签名和目录哈希后才采用，\n"
      "拒绝比本站旧的版本；未封存的修改如与新目录不符，会在 status 中显示为冲突。\n"
      "Seals pending edits, then pushes the outbox to the hub in order over HTTPS with the\n"
      "pinned certificate, recording each receipt, then pulls the approved catalog and\n"
      "rejections (signatures and hashes checked first). Safe to interrupt and repeat.\n"
      "--config 读取 station.conf（dir、hub、hub_key、hub_cert_sha256、sync_interval_seconds）作为\n"
      "默认值，命令行选项优先；本站还没有镇服务器设置时照文件保存（同 config），已有而不同时拒绝，\n"
      "请用 gongkai-station config 修改。配置文件有误时退出状态为 2。--print-config 只显示生效的设置。\n"
      "--config reads station.conf as defaults (flags win); --print-config prints the result.\n\n"
      "例子 (example):\n"
      "  gongkai-station sync --note \"三月份更新\"\n"
      "  gongkai-station sync --watch --interval 300     # 每 5 分钟同步一次";
  c.flags = {DirFlag(),
             JsonFlag(),
             {"config", true, false, "文件",
              "读取配置文件 station.conf 作为默认值 (config file; flags override it)"},
             {"print-config", false, false, "",
              "显示生效的设置后退出，不同步 (print effective settings and exit)"},
             {"note", true, false, "说明", "封存时给镇里看的说明 (a note for the sealed edits)"},
             {"watch", false, false, "", "一直运行，定时同步 (keep syncing)"},
             {"interval", true, false, "秒", "--watch 的间隔，默认取配置文件的 sync_interval_seconds，否则 60 秒 (seconds between syncs)"},
             {"no-retry", false, false, "", "网络出错时不重试 (do not retry)"}};
  c.run = RunSync;
  return c;
}

}  // namespace gongkai::station
