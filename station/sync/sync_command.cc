#include "station/sync/sync_command.h"

#include <signal.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <memory>
#include <thread>

#include "core/base/hex.h"
#include "core/text/time_text.h"
#include "station/cli/open_store.h"
#include "station/cli/row_json.h"
#include "station/config/station_conf.h"
#include "station/sync/https_client.h"
#include "station/sync/pull_catalog.h"
#include "station/sync/push_outbox.h"
#include "station/sync/reasons.h"
#include "station/sync/refusal_report.h"
#include "station/sync/retry_policy.h"
#include "station/sync/sync_round.h"

namespace gongkai::station {
namespace {

boost::json::object PullJson(const PullReport& p) {
  return boost::json::object{{"from_version", p.from_version}, {"to_version", p.to_version},
                             {"hash", HexEncode(p.hash)},      {"mode", p.mode},
                             {"approvals", p.approvals},       {"rejected", p.rejected_mine},
                             {"certificates", p.certificates}};
}

// Bytes on the TCP connections (TLS included) and handshakes of the sync.
boost::json::object WireJson(const HttpsStats& w) {
  return boost::json::object{{"bytes_sent", w.bytes_sent},
                             {"bytes_received", w.bytes_received},
                             {"connections", w.connections},
                             {"resumed", w.resumed_connections}};
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

// The keys every sync report shares, one-shot and --watch rounds alike.
void FillRoundJson(boost::json::object& o, const SyncRoundResult& r) {
  o["outcome"] = r.outcome.ok() ? std::string("delivered") : r.outcome.reason();
  o["sealed"] = r.sealed;
  o["sent"] = r.pushed.results.size();
  o["accepted"] = r.pushed.Accepted();
  o["rejected"] = r.pushed.results.size() - r.pushed.Accepted();
  o["returned"] = ReturnedJson(r.pushed.returned);
  o["held"] = HeldJson(r.held);
  if (r.pushed.refused_whole) {
    o["refused"] = boost::json::object{{"code", r.pushed.refused_whole->reason()},
                                       {"message", r.pushed.refused_whole->message()}};
  }
  o["pull"] = PullJson(r.pulled);
  o["attachments"] = boost::json::object{{"uploaded", r.attachments.uploaded},
                                         {"already", r.attachments.already},
                                         {"chunk_bytes", r.attachments.chunk_bytes},
                                         {"resumed_bytes", r.attachments.resumed_bytes}};
  o["wire"] = WireJson(r.wire);
  if (r.pin_moved_to) o["pin_moved_to"] = *r.pin_moved_to;
}

void PrintReport(CommandContext& ctx, const SyncRoundResult& r) {
  if (ctx.Json()) {
    boost::json::array list;
    for (const PushedChangeSet& p : r.pushed.results) {
      boost::json::object o{{"seq", p.seq}, {"id", HexEncode(p.id)}, {"status", p.status}};
      if (p.log_index) o["log_index"] = *p.log_index;
      if (p.status == receipt_status::kRejected) {
        o["code"] = p.code;
        o["message"] = p.message;
      }
      list.push_back(std::move(o));
    }
    boost::json::object o;
    FillRoundJson(o, r);
    o["receipts"] = std::move(list);
    PrintJsonLine(ctx.out, boost::json::serialize(o));
    return;
  }
  if (r.pin_moved_to) {
    ctx.out << "镇服务器换用了日志中公告过的新证书，本站已改为信任它: " << *r.pin_moved_to << "\n";
  }
  if (r.sealed > 0) ctx.out << "已封存 " << r.sealed << " 个新的变更集。\n";
  if (r.attachments.uploaded > 0) {
    ctx.out << "已上传 " << r.attachments.uploaded << " 个附件 (attachments uploaded)。\n";
  }
  for (const PushedChangeSet& p : r.pushed.results) {
    ctx.out << "  变更集 " << p.seq << "  ";
    if (p.status == receipt_status::kRejected && r.pushed.refused_whole &&
        &p == &r.pushed.results.back()) {
      ctx.out << "没有上传成功，仍保存在发件箱 [" << p.code << "]\n";
    } else if (p.status == receipt_status::kRejected) {
      ctx.out << "被镇服务器退回: " << p.message << " [" << p.code << "]\n";
    } else {
      ctx.out << (p.status == receipt_status::kDuplicate ? "已受理（之前已上传过）" : "已受理")
              << "，日志序号 " << p.log_index.value_or(0) << "\n";
    }
  }
  PrintReturned(ctx.out, r.pushed.returned, " 并上传");
  if (r.pushed.results.empty() && !r.pushed.refused_whole) {
    ctx.out << "发件箱里没有要上传的变更集 (nothing to send)。\n";
  }
  PrintPull(ctx, r.pulled);
  PrintHeld(ctx.out, r.held);
  if (r.outcome.ok()) ctx.out << "同步完成，全部修改已上传 (sync done)。\n";
}

// The settings of one sync run: station.conf (station/config/station_conf.h)
// when --config names it, then the flags.
struct SyncConfig {
  std::optional<std::string> dir;
  HubSettings hub;    // from the file
  int interval = 60;  // --watch seconds
};

Result<SyncConfig> LoadSyncConfig(const CommandContext& ctx) {
  SyncConfig c;
  if (std::optional<std::string> path = ctx.args.Get("config")) {
    GK_ASSIGN_OR_RETURN(StationConf file, ReadStationConf(*path));
    c.dir = std::move(file.dir);
    c.hub = std::move(file.hub);
    c.interval = file.interval;
  }
  if (auto v = ctx.args.Get("interval")) {
    c.interval = std::atoi(v->c_str());
    if (c.interval < 1 || c.interval > 86400) {
      return InvalidArgument("bad_interval", "--interval 应为 1 到 86400 之间的秒数", "interval");
    }
  }
  return c;
}

std::string LocalTime() { return LocalSecondsText(static_cast<int64_t>(std::time(nullptr))); }

// --watch: SIGINT/SIGTERM ask the loop to end after the current round (a
// second signal ends the process at once: the handler restores the default).
volatile std::sig_atomic_t g_stop_requested = 0;

extern "C" void OnStopSignal(int sig) {
  g_stop_requested = 1;
  std::signal(sig, SIG_DFL);
}

bool StopRequested() { return g_stop_requested != 0; }

// Why a round failed decides whether --watch goes on: a broken local store
// ends it; the network, the hub and its answers do not.
bool StoreBroken(const Status& s) {
  static const char* const kStoreReasons[] = {"store_corrupt", "db_corrupt",   "db_io",
                                              "db_error",      "db_constraint", "outbox_broken",
                                              "seal_lost_edit", "io_error"};
  for (const char* r : kStoreReasons) {
    if (s.reason() == r) return true;
  }
  return false;
}

// The client for the configured hub, kept between rounds of --watch (its
// TLS session and connection too) while the hub settings stay the same.
Status EnsureClient(const CommandContext& ctx, std::unique_ptr<HttpsClient>& client,
                    const HttpsEndpoint& ep, const std::string& dir) {
  if (client && client->endpoint().host == ep.host && client->endpoint().port == ep.port &&
      client->endpoint().cert_sha256 == ep.cert_sha256) {
    return Status::Ok();
  }
  HttpsTimeouts timeouts;
  if (auto v = ctx.args.Get("timeout")) {
    // One number for the steps that wait on the hub: connect, handshake,
    // and the silence allowed during a request.
    int seconds = std::atoi(v->c_str());
    if (seconds < 1 || seconds > 3600 || v->find_first_not_of("0123456789") != std::string::npos) {
      return InvalidArgument("bad_timeout", "--timeout 应为 1 到 3600 之间的秒数", "timeout");
    }
    timeouts.connect = timeouts.handshake = timeouts.idle = std::chrono::seconds(seconds);
  }
  HttpsOptions options;
  options.session_file = dir + "/tls-session";
  client = std::make_unique<HttpsClient>(ep, timeouts, options);
  return Status::Ok();
}

SyncRoundOptions RoundOptions(CommandContext& ctx, RetryPolicy policy) {
  SyncRoundOptions o;
  o.note = ctx.args.Get("note").value_or("");
  o.policy = policy;
  o.stop = StopRequested;
  // Retries are told on stderr, so stdout (and --json) stays one report.
  o.progress = [&ctx](const std::string& line) {
    ctx.err << LocalTime() << " " << line << "\n";
    ctx.err.flush();
  };
  return o;
}

RetryPolicy PolicyFor(const CommandContext& ctx) {
  return ctx.args.Has("no-retry") ? NoRetries() : RetryPolicy{};
}

Status SyncOnce(CommandContext& ctx, int64_t now, const SyncConfig& config) {
  GK_ASSIGN_OR_RETURN(std::string dir, ctx.Dir());
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_RETURN_IF_ERROR(ApplyHubConf(store, config.hub, ctx.args.Get("config").value_or("")));
  GK_ASSIGN_OR_RETURN(HttpsEndpoint ep, ConfiguredHub(store));
  std::unique_ptr<HttpsClient> client;
  GK_RETURN_IF_ERROR(EnsureClient(ctx, client, ep, dir));
  Result<SyncRoundResult> round =
      RunSyncRound(store, *client, RoundOptions(ctx, PolicyFor(ctx)), now);
  client->Close();
  if (!round.ok()) return round.status();
  PrintReport(ctx, *round);
  // Not everything delivered: the outcome's reason sets the exit status
  // (8 edits held, 9 not enrolled, …) and its message says what to do.
  return round->outcome;
}

void PrintRoundLine(CommandContext& ctx, int n, const Result<SyncRoundResult>& r,
                    double seconds, int interval, bool stopping) {
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", seconds);
  if (ctx.Json()) {
    boost::json::object o{{"round", n}, {"time", LocalTime()}, {"seconds", seconds}};
    if (r.ok()) {
      o["ok"] = true;
      FillRoundJson(o, *r);
      if (!r->outcome.ok()) {
        o["code"] = r->outcome.reason();
        o["message"] = r->outcome.message();
      }
    } else {
      o["ok"] = false;
      o["code"] = r.status().reason();
      o["message"] = r.status().message();
    }
    PrintJsonLine(ctx.out, boost::json::serialize(o));
    ctx.out.flush();
    return;
  }
  ctx.out << LocalTime() << " 第 " << n << " 轮同步";
  if (r.ok()) {
    size_t accepted = r->pushed.Accepted();
    size_t rejected = r->pushed.results.size() - accepted;
    ctx.out << ": 上传 " << r->pushed.results.size() << " 个（受理 " << accepted;
    if (rejected > 0) ctx.out << "，退回 " << rejected;
    ctx.out << "） · 目录第 ";
    if (r->pulled.from_version != r->pulled.to_version) {
      ctx.out << r->pulled.from_version << " → ";
    }
    ctx.out << r->pulled.to_version << " 版";
    if (r->pulled.rejected_mine > 0) ctx.out << " · 被退回 " << r->pulled.rejected_mine << " 个";
    if (!r->held.empty()) ctx.out << " · " << r->held.size() << " 个条目等待修改";
    if (!r->outcome.ok()) ctx.out << " · " << ShortReason(r->outcome) << " [" << r->outcome.reason() << "]";
    ctx.out << " · " << took << " 秒\n";
    if (!r->outcome.ok()) {
      ctx.err << LocalTime() << " " << r->outcome.message() << " [" << r->outcome.reason()
              << "]\n";
    }
  } else {
    ctx.out << "失败: " << ShortReason(r.status()) << " [" << r.status().reason() << "]";
    if (!stopping) ctx.out << "，" << interval << " 秒后再试";
    ctx.out << "\n";
    ctx.err << LocalTime() << " " << r.status().message() << " [" << r.status().reason()
            << "]\n";
  }
  ctx.out.flush();
}

// --watch: a round every `interval` seconds until SIGINT/SIGTERM (exit 0).
// Usage and configuration errors and a broken local store end it with
// their status; any other failure is one line and the next round.
Status WatchLoop(CommandContext& ctx, const SyncConfig& config) {
  GK_ASSIGN_OR_RETURN(std::string dir, ctx.Dir());
  g_stop_requested = 0;
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int {}, old_term {};
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  struct Restore {
    struct sigaction i, t;
    ~Restore() {
      sigaction(SIGINT, &i, nullptr);
      sigaction(SIGTERM, &t, nullptr);
    }
  } restore{old_int, old_term};

  RetryPolicy policy = PolicyFor(ctx);
  // A round retries for at most about one interval: the next round is the
  // next chance anyway.
  policy.max_total =
      std::clamp(std::chrono::milliseconds(config.interval * 1000LL),
                 std::chrono::milliseconds(10'000), RetryPolicy{}.max_total);
  std::unique_ptr<HttpsClient> client;
  for (int n = 1; !StopRequested(); ++n) {
    auto started = std::chrono::steady_clock::now();
    // The store is opened each round (a `config` change is seen at once);
    // these failures are configuration or store trouble: they end the watch.
    GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
    GK_RETURN_IF_ERROR(ApplyHubConf(store, config.hub, ctx.args.Get("config").value_or("")));
    GK_ASSIGN_OR_RETURN(HttpsEndpoint ep, ConfiguredHub(store));
    GK_RETURN_IF_ERROR(EnsureClient(ctx, client, ep, dir));
    Result<SyncRoundResult> round = RunSyncRound(store, *client, RoundOptions(ctx, policy),
                                                 static_cast<int64_t>(std::time(nullptr)));
    // The connection is kept for the next round, so a round with nothing
    // new costs one request and a 304 (docs/station-sync.md § `--watch`).
    // If the hub closed it meanwhile (its idle timeout, a restart), the
    // next request connects again and resumes the TLS session. A failed
    // round drops it: the next one starts on a fresh connection.
    if (!round.ok()) client->Close();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    PrintRoundLine(ctx, n, round, seconds, config.interval, StopRequested());
    if (!round.ok() && StoreBroken(round.status())) return round.status();
    auto next = std::chrono::steady_clock::now() + std::chrono::seconds(config.interval);
    while (!StopRequested() && std::chrono::steady_clock::now() < next) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  if (client) client->Close();
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
  return WatchLoop(ctx, config);
}

}  // namespace

CommandSpec SyncCommand() {
  return {
      .name = "sync",
      .flags = {DirFlag(),
                JsonFlag(),
                {"config", true, false, "文件",
                 "读取配置文件 station.conf 作为默认值 (config file; flags override it)"},
                {"print-config", false, false, "",
                 "显示生效的设置后退出，不同步 (print effective settings and exit)"},
                {"note", true, false, "说明", "封存时给镇里看的说明 (a note for the sealed edits)"},
                {"watch", false, false, "", "一直运行，定时同步 (keep syncing)"},
                {"interval", true, false, "秒",
                 "--watch 的间隔，默认取配置文件的 sync_interval_seconds，否则 60 秒 (seconds "
                 "between syncs)"},
                {"timeout", true, false, "秒",
                 "连接、握手和传输中无数据时最多等多少秒，默认 10/10/30 秒 (seconds to wait on the "
                 "hub)"},
                {"no-retry", false, false, "", "网络出错时不重试 (do not retry)"}},
      .run = RunSync};
}

}  // namespace gongkai::station
