#include "station/audit/audit_cli.h"

#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>

#include "core/base/base64.h"
#include "core/base/decimal.h"
#include "core/base/exit_code.h"
#include "core/base/hex.h"
#include "core/catalog/fields.h"
#include "core/crypto/verifier_key.h"
#include "core/deadline/date.h"
#include "core/deadline/holiday_file.h"
#include "station/audit/file_log_source.h"
#include "station/audit/history_view.h"
#include "station/audit/hub_log_source.h"
#include "station/audit/log_audit.h"
#include "station/audit/posting_audit.h"
#include "station/cli/args.h"
#include "station/cli/text_layout.h"
#include "station/store/hub_settings.h"

namespace gongkai::station {
namespace json = boost::json;
namespace {

constexpr const char* kUsage =
    "gongkai-audit — 政务公开目录 独立核验工具 (independent audit of a hub's signed history)\n"
    "\n"
    "用法:\n"
    "  gongkai-audit verify  --hub URL --hub-cert-sha256 HEX --hub-key VKEY [--state FILE "
    "[--full | --sample N]] [--jobs N] [--json]\n"
    "  gongkai-audit verify  --file LOGFILE --hub-key VKEY [--state FILE [--full | --sample N]] "
    "[--jobs N] [--json]\n"
    "  gongkai-audit history --hub URL --hub-cert-sha256 HEX [--hub-key VKEY] [--json] 条目ID\n"
    "  gongkai-audit history --file LOGFILE [--hub-key VKEY] [--json] 条目ID\n"
    "  gongkai-audit postings (--hub URL --hub-cert-sha256 HEX | --file LOGFILE) --hub-key VKEY\n"
    "                        --witness-key VKEY... --period 期间 [--holidays 文件] [--json]\n"
    "  gongkai-audit attachments (--hub URL --hub-cert-sha256 HEX [--dir 附件目录] |\n"
    "                        --file LOGFILE --dir 附件目录) --hub-key VKEY [--json]\n"
    "  gongkai-audit --help | --version\n"
    "\n"
    "verify   下载集镇中心的全部签名记录并逐条核验：签名、站点权限、序号链、审批重算的目录\n"
    "         哈希、默克尔树根与签名检查点。给出 --state 时保存进度，下次只下载新增记录，\n"
    "         并检查集镇中心的新历史是否只是在旧历史后面追加（发现改写或倒退时报警）；\n"
    "         每次还会重新下载一批以前核验过的记录，与当时的记录逐字节比对。\n"
    "history  在同一遍核验中列出某一条目的全部修改：哪个站点、哪个变更集、什么时间、\n"
    "         原值和新值、谁批准或退回、何时。\n"
    "postings 某一期间的公开记录，集镇中心是否在公开时限内收到：收到时间只由县里见证者\n"
    "         联署检查点的时间界定（前后两个联署的检查点），判为 按时收到 / 逾期收到 /\n"
    "         无法判定（界限跨过期限或没有联署），绝不猜测。\n"
    "attachments 日志里公开记录所列的每个附件（照片、扫描件），从集镇中心下载或从目录读取，\n"
    "         核对 SHA-256 和大小；缺少或不符的附件逐个列出（哈希和记录），退出状态 1。\n"
    "\n"
    "选项:\n"
    "  --hub URL               集镇中心地址，例如 https://192.168.1.10:8443\n"
    "  --hub-cert-sha256 HEX   集镇中心 TLS 证书的 SHA-256 指纹（gongkai-hub info 显示）；\n"
    "                          用 --hub 时必须给出：连接只信任这张证书\n"
    "  --hub-key VKEY          集镇中心公布的日志公钥（名称+编号+公钥）；核验的信任根\n"
    "  --file LOGFILE          离线核验 gongkai-hub log export 导出的文件\n"
    "  --state FILE            核验进度文件（没有则新建）\n"
    "  --sample N              与 --state 一起：重新比对以前核验过的 N 条随机记录（默认 64，\n"
    "                          最新的一条总在其中）\n"
    "  --full                  与 --state 一起：重新比对以前核验过的全部记录\n"
    "  --jobs N                用 N 个线程验证签名（1 到 256；默认每个处理器核一个）\n"
    "  --witness-key VKEY      县里见证者的公钥（gongkai-witness init "
    "显示，可给多个）：检查点必须\n"
    "                          有见证者的联署，否则核验失败（可能是只给你看的分叉或回退的历史）\n"
    "  --witness-quorum K      至少 K 个见证者联署（默认：全部 --witness-key）\n"
    "  --witness-max-age 秒    联署不得早于这么多秒以前（默认不限；集镇中心每 10 "
    "分钟重新请求联署）\n"
    "  --period 期间           postings: 如 2026年11月、2026-11、2026年第四季度\n"
    "  --holidays 文件         postings: 节假日文件（默认内置日历；格式同 gongkai-hub "
    "compliance）\n"
    "  --dir 附件目录          attachments: 从这个目录读取附件（文件名为 64 位十六进制哈希）\n"
    "  --json                  机器可读的输出\n"
    "  --quiet                 不在标准错误上显示进度\n"
    "\n"
    "退出状态: 0 核验通过；1 核验失败（记录违规、签名无效、历史被改写或倒退）；\n"
    "          2 用法错误；3 无法核验（网络、证书指纹、文件）；\n"
    "          attachments: 1 也表示有附件缺少或与日志不符。\n"
    "\n"
    "例子:\n"
    "  gongkai-audit verify --hub https://192.168.1.10:8443 \\\n"
    "      --hub-cert-sha256 3f5a…c2 --hub-key 'town.example/gongkai+1a2b3c4d+AcF…' \\\n"
    "      --state ~/baofeng.audit\n"
    "  gongkai-hub log export --dir /var/lib/gongkai-hub baofeng.log\n"
    "  gongkai-audit verify --file baofeng.log --hub-key 'town.example/gongkai+1a2b3c4d+AcF…'\n"
    "  gongkai-audit history --hub https://192.168.1.10:8443 --hub-cert-sha256 3f5a…c2 \\\n"
    "      --hub-key 'town.example/gongkai+1a2b3c4d+AcF…' 2b9e41d0-5c1a-4f7e-9d3b-0c8a7e6f5d4c\n";

const std::vector<FlagSpec>& Flags() {
  static const std::vector<FlagSpec> kFlags = {
      {"hub", true, false, "URL", "集镇中心地址"},
      {"hub-cert-sha256", true, false, "HEX", "证书指纹"},
      {"hub-key", true, false, "VKEY", "日志公钥"},
      {"file", true, false, "LOGFILE", "导出文件"},
      {"state", true, false, "FILE", "进度文件"},
      {"sample", true, false, "N", "重新比对的记录数"},
      {"full", false, false, "", "重新比对全部记录"},
      {"jobs", true, false, "N", "签名验证线程数"},
      {"witness-key", true, true, "VKEY", "见证者公钥（可多次）"},
      {"witness-quorum", true, false, "K", "至少几个见证者联署"},
      {"witness-max-age", true, false, "秒", "联署最多多久以前"},
      {"json", false, false, "", "JSON 输出"},
      {"quiet", false, false, "", "不显示进度"},
      {"period", true, false, "期间", "期间"},
      {"holidays", true, false, "文件", "节假日文件"},
      {"dir", true, false, "目录", "附件目录"},
      {"help", false, false, "", "帮助"},
  };
  return kFlags;
}

int Usage(const std::string& message, const std::string& reason) {
  std::cerr << "错误: " << message << " [" << reason << "]（gongkai-audit --help 查看用法）\n";
  return kAuditUsage;
}

int CannotCheck(const Status& s, bool as_json) {
  if (as_json) {
    std::cout << json::serialize(json::object{
                     {"ok", false},
                     {"verified", false},
                     {"error", json::object{{"code", s.reason()}, {"message", s.message()}}}})
              << "\n";
  }
  std::cerr << "无法核验: " << s.message() << " [" << s.reason() << "]\n";
  return kAuditCannotCheck;
}

int Failed(const AuditFailure& f, bool as_json) {
  if (!f.invalid) return CannotCheck(f.status, as_json);
  if (as_json) {
    json::object e{{"code", f.status.reason()}, {"message", f.status.message()}};
    if (f.index) e["index"] = *f.index;
    if (!f.detail.empty()) e["detail"] = f.detail;
    std::cout << json::serialize(json::object{{"ok", false}, {"verified", false}, {"error", e}})
              << "\n";
  }
  std::cerr << "核验失败: " << f.status.message() << " [" << f.status.reason() << "]\n";
  if (f.index) {
    std::cerr << "  第一条有问题的记录: 第 " << *f.index << " 条 (first bad entry: " << *f.index
              << ")\n";
  }
  if (!f.detail.empty()) std::cerr << "  " << f.detail << "\n";
  return kAuditInvalid;
}

// Opens the source the flags name; usage errors have reason "usage".
Result<std::unique_ptr<LogSource>> OpenSource(const Args& args) {
  std::optional<std::string> hub = args.Get("hub"), file = args.Get("file");
  if (hub.has_value() == file.has_value()) {
    return InvalidArgument("usage", "请给出 --hub URL 或 --file LOGFILE 之一");
  }
  if (file) {
    GK_ASSIGN_OR_RETURN(std::unique_ptr<FileLogSource> src, FileLogSource::Open(*file));
    return std::unique_ptr<LogSource>(std::move(src));
  }
  Result<HttpsEndpoint> ep = ParseHubUrl(*hub);
  if (!ep.ok()) return InvalidArgument("usage", ep.status().message());
  std::optional<std::string> pin = args.Get("hub-cert-sha256");
  if (!pin) {
    return InvalidArgument(
        "usage",
        "用 --hub 时必须给出 --hub-cert-sha256（集镇中心 TLS 证书的指纹，gongkai-hub info "
        "显示）。核验本身只信任 --hub-key；证书指纹保证你连上的是这台集镇中心");
  }
  Result<std::string> fp = NormalizeFingerprint(*pin);
  if (!fp.ok()) return InvalidArgument("usage", fp.status().message());
  ep->cert_sha256 = *fp;
  ep->pin_advice =
      "集镇中心可能换了证书（gongkai-hub tls renew）：新的指纹见 gongkai-hub info 或集镇中心首页，"
      "核对无误后用新的 --hub-cert-sha256 再运行。";
  ep->follows_announcements = false;
  return std::unique_ptr<LogSource>(std::make_unique<HubLogSource>(*ep));
}

std::function<void(uint64_t, uint64_t)> Progress(bool quiet) {
  if (quiet) return nullptr;
  const auto start = std::chrono::steady_clock::now();
  auto last = std::make_shared<std::chrono::steady_clock::time_point>(start);
  return [start, last](uint64_t done, uint64_t total) {
    // A line a second at most; nothing at all for a log verified in under
    // a second.
    auto now = std::chrono::steady_clock::now();
    if (now - *last < std::chrono::seconds(1)) return;
    if (done == total && now - start < std::chrono::seconds(1)) return;
    *last = now;
    std::cerr << "核验进度: " << done << "/" << total << " 条 ("
              << (total ? done * 100 / total : 100) << "%)\n";
  };
}

// A decimal in [lo, hi], or nothing.
std::optional<uint64_t> Bounded(const std::string& text, uint64_t lo, uint64_t hi) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi) {
    return std::nullopt;
  }
  return v;
}

struct Common {
  Args args;
  std::unique_ptr<LogSource> source;
  AuditOptions opts;
  bool json = false;
};

// Parses the flags shared by both commands; returns an exit status to stop
// with, or -1 to go on.
int Prepare(const std::vector<std::string>& argv, const char* command, Common* c) {
  Result<Args> args = ParseArgs(argv, Flags(), command);
  if (!args.ok()) return Usage(args.status().message(), args.status().reason());
  c->args = std::move(args).value();
  c->json = c->args.Has("json");
  const std::string cmd = command;
  for (const char* only_postings : {"period", "holidays"}) {
    if (cmd != "postings" && c->args.Has(only_postings)) {
      return Usage(std::string("--") + only_postings + " 只用于 postings", "usage");
    }
  }
  if (cmd != "attachments" && c->args.Has("dir")) return Usage("--dir 只用于 attachments", "usage");
  if (cmd == "attachments" && c->args.Has("file") && !c->args.Has("dir")) {
    return Usage("用 --file 时必须给出 --dir（导出文件不含附件）", "missing_flag");
  }
  if (std::optional<std::string> key = c->args.Get("hub-key")) {
    Result<VerifierKey> k = ParseVerifierKey(*key);
    if (!k.ok()) {
      return Usage(
          "--hub-key 不是有效的日志公钥（应为 名称+8位十六进制+base64）: " + k.status().message(),
          "bad_hub_key");
    }
    c->opts.hub_key = *k;
  }
  c->opts.state_file = c->args.Get("state").value_or("");
  c->opts.recheck_all = c->args.Has("full");
  if (std::optional<std::string> n = c->args.Get("sample")) {
    std::optional<uint64_t> v = Bounded(*n, 0, 1000000);
    if (!v) return Usage("--sample 必须是 0 到 1000000 之间的整数，现在是 " + *n, "bad_value");
    if (c->opts.recheck_all) return Usage("--sample 与 --full 只能选一个", "usage");
    c->opts.recheck_sample = *v;
  }
  if (std::optional<std::string> jobs = c->args.Get("jobs")) {
    std::optional<uint64_t> n = Bounded(*jobs, 1, 256);
    if (!n) {
      return Usage("--jobs 应为 1 到 256 之间的整数（签名验证线程数），现在是 " + *jobs,
                   "bad_jobs");
    }
    c->opts.jobs = static_cast<unsigned>(*n);
  }
  for (const std::string& w : c->args.GetAll("witness-key")) {
    Result<VerifierKey> k = ParseVerifierKey(w, kCosignatureV1KeyType);
    if (!k.ok()) {
      return Usage(
          "--witness-key 不是有效的见证者公钥（gongkai-witness init 显示的，类型 0x04）: " +
              k.status().message(),
          "bad_witness_key");
    }
    c->opts.witness.witnesses.push_back(*k);
  }
  if (!c->opts.witness.witnesses.empty()) {
    c->opts.witness.quorum = c->opts.witness.witnesses.size();
    if (std::optional<std::string> q = c->args.Get("witness-quorum")) {
      std::optional<uint64_t> n = ParseCanonicalDecimal(*q);
      if (!n || *n < 1 || *n > c->opts.witness.witnesses.size()) {
        return Usage("--witness-quorum 应在 1 到 --witness-key 的个数之间", "bad_number");
      }
      c->opts.witness.quorum = static_cast<size_t>(*n);
    }
    if (std::optional<std::string> a = c->args.Get("witness-max-age")) {
      std::optional<uint64_t> n = ParseCanonicalDecimal(*a);
      if (!n || *n < 1 || *n > 100ull * 365 * 86400) {
        return Usage("--witness-max-age 应为秒数", "bad_number");
      }
      c->opts.witness.max_age_seconds = static_cast<int64_t>(*n);
    }
  } else if (c->args.Has("witness-quorum") || c->args.Has("witness-max-age")) {
    return Usage("--witness-quorum/--witness-max-age 需要 --witness-key", "usage");
  }
  c->opts.now = static_cast<int64_t>(std::time(nullptr));
  c->opts.progress = Progress(c->args.Has("quiet") || c->json);
  Result<std::unique_ptr<LogSource>> src = OpenSource(c->args);
  if (!src.ok()) {
    if (src.status().reason() == reason::kUsage) return Usage(src.status().message(), "usage");
    return CannotCheck(src.status(), c->json);
  }
  c->source = std::move(src).value();
  return -1;
}

int RunVerify(const std::vector<std::string>& argv) {
  Common c;
  if (int rc = Prepare(argv, "verify", &c); rc >= 0) return rc;
  if (!c.args.positional().empty()) return Usage("verify 不接受位置参数", "usage");
  if (!c.opts.hub_key) {
    return Usage("verify 必须给出 --hub-key（集镇中心公布的日志公钥），这是核验的信任根",
                 "missing_flag");
  }
  LogAudit audit(*c.source, c.opts);
  if (!audit.Run()) return Failed(audit.failure(), c.json);
  const AuditReport& r = audit.report();
  const Checkpoint& cp = r.checkpoint;
  std::string root = Base64Encode(cp.root.data(), cp.root.size());
  if (c.json) {
    json::object o{{"ok", true},
                   {"verified", true},
                   {"source", r.source},
                   {"origin", cp.origin},
                   {"hub_key", r.log_key.ToString()},
                   {"size", cp.size},
                   {"root", root},
                   {"catalog_version", cp.catalog_version},
                   {"catalog_hash", HexEncode(cp.catalog_hash)},
                   {"resumed_from", r.resumed_from},
                   {"verified_now", r.verified_now},
                   {"rechecked", r.rechecked},
                   {"seconds", r.seconds},
                   {"stations", r.stations},
                   {"revoked_stations", r.revoked_stations},
                   {"pending_changesets", r.pending}};
    o["previous_size"] = r.previous ? json::value(r.previous->size) : json::value();
    json::array cos;
    for (const Cosignature& w : r.cosignatures) {
      cos.push_back(json::object{{"witness", w.witness.ToString()}, {"timestamp", w.timestamp}});
    }
    o["cosignatures"] = std::move(cos);
    std::cout << json::serialize(o) << "\n";
    return kAuditOk;
  }
  std::cout << "核验通过 (verified): " << cp.origin << "（" << r.source << "）\n"
            << "  记录条数:     " << cp.size << "（本次核验 " << r.verified_now << " 条，用时 "
            << static_cast<int64_t>(r.seconds * 1000) << " 毫秒）\n"
            << "  根哈希:       " << root << "\n"
            << "  目录版本:     " << cp.catalog_version << "\n"
            << "  目录哈希:     " << HexEncode(cp.catalog_hash) << "\n"
            << "  站点:         " << r.stations << " 个（已撤销 " << r.revoked_stations
            << " 个）；待审批变更集 " << r.pending << " 个\n";
  for (const Cosignature& w : r.cosignatures) {
    std::cout << "  见证者联署:   " << w.witness.name << "（" << w.timestamp << "）\n";
  }
  if (r.previous) {
    std::cout << "  与上次核验通过的检查点（" << r.previous->size
              << " 条）一致：历史只追加，没有被改写；重新比对了以前核验过的 " << r.rechecked
              << " 条记录，均未改变\n";
  } else if (!c.opts.state_file.empty()) {
    std::cout << "  首次核验；进度已存入 " << c.opts.state_file << "\n";
  }
  std::cout << "请与其他核验人比对这个检查点：条数相同则根哈希必须相同。\n";
  return kAuditOk;
}

// history: the log verified, but the id names no row or several (exit 4).
// Never "no changes" for an id the log does not have: that would read as
// reassurance about a row the auditor may simply have mistyped.
int NoSuchRow(const RowHistoryByPrefix& h, const AuditReport& r, bool as_json) {
  const bool none = h.matches().empty();
  std::string reason = none ? "unknown_row" : "ambiguous_id";
  std::string message =
      none ? "已核验的日志（" + std::to_string(r.checkpoint.size) + " 条）中没有编号为 “" +
                 h.prefix() +
                 "” 或以它开头的条目；请核对编号（gongkai-station list、镇里的公开页面都显示编号）"
                 "(no row with this id in the log)"
           : "编号 “" + h.prefix() + "” 对应不止一个条目，请多输入几位 (ambiguous id prefix)";
  json::array candidates;
  for (const auto& [id, history] : h.matches()) candidates.push_back(json::string(id));
  if (as_json) {
    json::object e{{"code", reason}, {"message", message}};
    if (!none) e["candidates"] = candidates;
    std::cout << json::serialize(json::object{{"ok", false}, {"verified", true}, {"error", e}})
              << "\n";
  }
  std::cerr << "错误: " << message << " [" << reason << "]\n";
  for (const auto& [id, history] : h.matches()) std::cerr << "  " << id << "\n";
  return kAuditNoSuchRow;
}

int RunHistory(const std::vector<std::string>& argv) {
  Common c;
  if (int rc = Prepare(argv, "history", &c); rc >= 0) return rc;
  if (c.args.positional().size() != 1) return Usage("history 需要一个条目 ID", "usage");
  if (!c.opts.state_file.empty()) {
    return Usage("history 总是从第 0 条核验全部记录，不使用 --state", "usage");
  }
  // The id as lists and pages show it (8 digits) or whole: one pass keeps
  // the history of every row it could name, then exactly one must match.
  RowHistoryByPrefix histories(c.args.positional()[0]);
  LogAudit audit(*c.source, c.opts);
  audit.AddObserver(&histories);
  if (!audit.Run()) return Failed(audit.failure(), c.json);
  const AuditReport& r = audit.report();
  if (histories.matches().size() != 1) return NoSuchRow(histories, r, c.json);
  const RowHistory& history = histories.matches().begin()->second;
  if (r.key_from_genesis) {
    std::cerr << "注意: 没有给出 --hub-key，本次以日志第 0 条（创世记录）中的日志公钥为准:\n  "
              << r.log_key.ToString()
              << "\n请与集镇中心公布的公钥核对；只有核对一致，这份历史才可信。\n";
  }
  if (c.json) {
    json::object o = HistoryJson(history, r);
    o["hub_key"] = r.log_key.ToString();
    o["key_from_genesis"] = r.key_from_genesis;
    std::cout << json::serialize(o) << "\n";
  } else {
    std::cout << HistoryText(history, r);
  }
  return kAuditOk;
}

json::value BoundJson(const std::optional<uint64_t>& t, uint64_t size) {
  if (!t) return nullptr;
  return json::object{
      {"time", UtcTime(static_cast<int64_t>(*t))},
      {"date_china", deadline::FormatIsoDate(deadline::DateInChina(static_cast<int64_t>(*t)))},
      {"checkpoint_size", size}};
}

std::string BoundText(const std::optional<uint64_t>& t) {
  if (!t) return "无联署";
  return deadline::FormatIsoDate(deadline::DateInChina(static_cast<int64_t>(*t)));
}

// postings: which of a period's records the hub received after their
// deadline, as far as witness cosignatures bound the time of receipt.
int RunPostings(const std::vector<std::string>& argv) {
  Common c;
  if (int rc = Prepare(argv, "postings", &c); rc >= 0) return rc;
  if (!c.args.positional().empty()) return Usage("postings 不接受位置参数", "usage");
  if (!c.opts.hub_key) {
    return Usage("postings 必须给出 --hub-key（集镇中心公布的日志公钥），这是核验的信任根",
                 "missing_flag");
  }
  if (!c.opts.witness.required()) {
    return Usage(
        "postings 必须给出 --witness-key（县里见证者的公钥）：日志记录本身不含时间，收到时间只能"
        "由见证者联署的时间界定",
        "missing_flag");
  }
  if (!c.opts.state_file.empty())
    return Usage("postings 总是核验全部记录，不使用 --state", "usage");
  std::optional<std::string> period_text = c.args.Get("period");
  if (!period_text) return Usage("postings 必须给出 --period，例如 2026年11月", "missing_flag");
  Result<deadline::Period> period = deadline::ParsePeriod(*period_text);
  if (!period.ok()) return Usage(period.status().message(), "bad_period");
  Result<deadline::WorkCalendar> cal = deadline::LoadWorkCalendar(c.args.Get("holidays"));
  if (!cal.ok()) return Usage(cal.status().message(), cal.status().reason());

  PostingLog postings;
  LogAudit audit(*c.source, c.opts);
  audit.AddObserver(&postings);
  if (!audit.Run()) return Failed(audit.failure(), c.json);
  const AuditReport& r = audit.report();
  WitnessedTimes times(*c.source, *c.opts.hub_key, c.opts.witness, r.checkpoint);
  std::vector<PostingVerdict> verdicts;
  if (!PostingsReport(postings, audit.verifier().catalog(), *period, *cal, times, &verdicts)) {
    return Failed(times.failure(), c.json);
  }
  std::map<std::string, int> counts{
      {"on_time", 0}, {"late", 0}, {"undetermined", 0}, {"not_judged", 0}};
  for (const PostingVerdict& v : verdicts) {
    ++counts[v.deadline ? ReceiptVerdictName(v.verdict) : "not_judged"];
  }
  const std::string period_name = deadline::FormatPeriod(*period);
  if (c.json) {
    json::array records;
    for (const PostingVerdict& v : verdicts) {
      const LoggedPosting& p = *v.posting;
      json::object o{
          {"record_id", HexEncode(p.record_id)},
          {"row_id", p.op.row_id},
          {"unit", v.row ? json::value(v.row->unit) : json::value()},
          {"title",
           v.row ? json::value(v.row->Get(Field::kItemL1) + " / " + v.row->Get(Field::kItemL2))
                 : json::value()},
          {"time_limit", v.row ? json::value(v.row->Get(Field::kTimeLimit)) : json::value()},
          {"period", p.op.period},
          {"posted", p.op.posted},
          {"station", p.station},
          {"log_index", p.index},
          {"deadline",
           v.deadline ? json::value(deadline::FormatIsoDate(*v.deadline)) : json::value()},
          {"received_not_before", BoundJson(v.bounds.not_before, v.bounds.not_before_size)},
          {"received_not_after", BoundJson(v.bounds.not_after, v.bounds.not_after_size)},
          {"status", v.deadline ? ReceiptVerdictName(v.verdict) : "not_judged"}};
      if (!v.not_judged.empty()) o["reason"] = v.not_judged;
      o["superseded_by"] =
          v.superseded_by ? json::value(HexEncode(v.superseded_by->record_id)) : json::value();
      records.push_back(std::move(o));
    }
    json::object cnt;
    for (const auto& [k, n] : counts) cnt[k] = n;
    std::cout << json::serialize(json::object{{"ok", true},
                                              {"verified", true},
                                              {"origin", r.checkpoint.origin},
                                              {"size", r.checkpoint.size},
                                              {"period", period_name},
                                              {"counts", std::move(cnt)},
                                              {"records", std::move(records)}})
              << "\n";
    return kAuditOk;
  }
  std::cout << "日志核验通过（" << r.checkpoint.size << " 条）。" << period_name << " 的公开记录 "
            << verdicts.size() << " 条：按时收到 " << counts["on_time"] << "，逾期收到 "
            << counts["late"] << "，无法判定 " << counts["undetermined"] << "，不判定 "
            << counts["not_judged"] << "\n";
  for (const PostingVerdict& v : verdicts) {
    const LoggedPosting& p = *v.posting;
    std::cout << "  " << HexEncode(p.record_id).substr(0, 8) << "  第 " << p.index << " 条  "
              << (v.row ? v.row->unit + " " + v.row->Get(Field::kItemL2) : p.op.row_id)
              << "  公开日期 " << p.op.posted;
    if (!v.deadline) {
      std::cout << "  不判定（" << v.not_judged << "）\n";
      continue;
    }
    std::cout << "  期限 " << deadline::FormatIsoDate(*v.deadline) << "  收到于 "
              << BoundText(v.bounds.not_before) << " 至 " << BoundText(v.bounds.not_after)
              << " 之间  " << ReceiptVerdictLabel(v.verdict);
    if (v.superseded_by) std::cout << "（已被更正）";
    std::cout << "\n";
  }
  std::cout << "收到时间按县里见证者联署检查点的时间界定（中国标准时间的日期）；"
               "界限跨过期限的记录无法判定。\n";
  return kAuditOk;
}

// attachments: every attachment a record in the log names, against the
// hash and size the log commits to.
int RunAttachments(const std::vector<std::string>& argv) {
  Common c;
  if (int rc = Prepare(argv, "attachments", &c); rc >= 0) return rc;
  if (!c.args.positional().empty()) return Usage("attachments 不接受位置参数", "usage");
  if (!c.opts.hub_key) {
    return Usage("attachments 必须给出 --hub-key（集镇中心公布的日志公钥），这是核验的信任根",
                 "missing_flag");
  }
  if (!c.opts.state_file.empty()) {
    return Usage("attachments 总是核验全部记录，不使用 --state", "usage");
  }
  std::string dir = c.args.Get("dir").value_or("");
  PostingLog postings;
  LogAudit audit(*c.source, c.opts);
  audit.AddObserver(&postings);
  if (!audit.Run()) return Failed(audit.failure(), c.json);
  const AuditReport& r = audit.report();
  std::vector<AttachmentResult> results;
  AuditFailure failure;
  if (!CheckAttachments(postings, *c.source, dir, &results, &failure)) {
    return Failed(failure, c.json);
  }
  size_t bad = 0;
  for (const AttachmentResult& a : results) bad += a.verdict != AttachmentVerdict::kOk;
  if (c.json) {
    json::array list;
    for (const AttachmentResult& a : results) {
      list.push_back(json::object{{"sha256", HexEncode(a.attachment.ref.sha256)},
                                  {"size", a.attachment.ref.size},
                                  {"media_type", a.attachment.ref.media_type},
                                  {"file_name", a.attachment.ref.file_name},
                                  {"record_id", HexEncode(a.attachment.first->record_id)},
                                  {"row_id", a.attachment.first->op.row_id},
                                  {"log_index", a.attachment.first->index},
                                  {"records", a.attachment.records},
                                  {"status", AttachmentVerdictName(a.verdict)}});
    }
    json::object o{{"ok", bad == 0},
                   {"verified", true},
                   {"origin", r.checkpoint.origin},
                   {"size", r.checkpoint.size},
                   {"source", dir.empty() ? r.source : dir},
                   {"checked", results.size()},
                   {"bad", bad},
                   {"attachments", std::move(list)}};
    if (bad) {
      o["error"] = json::object{{"code", "attachment_mismatch"},
                                {"message", std::to_string(bad) + " 个附件缺少或与日志不符"}};
    }
    std::cout << json::serialize(o) << "\n";
  } else {
    std::cout << "日志核验通过（" << r.checkpoint.size << " 条）；公开记录所列附件 "
              << results.size() << " 个，来自 " << (dir.empty() ? r.source : dir) << "\n";
  }
  for (const AttachmentResult& a : results) {
    if (a.verdict == AttachmentVerdict::kOk) continue;
    const char* what = a.verdict == AttachmentVerdict::kMissing ? "缺少" : "与日志不符";
    std::cerr << "附件" << what << " [" << AttachmentVerdictName(a.verdict)
              << "]: " << HexEncode(a.attachment.ref.sha256) << "（" << a.attachment.ref.file_name
              << "，" << a.attachment.ref.size << " 字节）记录 "
              << HexEncode(a.attachment.first->record_id) << "（条目 "
              << a.attachment.first->op.row_id << "，日志第 " << a.attachment.first->index
              << " 条）\n";
  }
  if (bad) {
    std::cerr << "核验失败: " << bad << " 个附件缺少或与签名历史不符 [attachment_mismatch]；"
              << "请向集镇中心要回原件（按哈希）并重新核验\n";
    return kAuditInvalid;
  }
  if (!c.json) std::cout << "全部附件与签名历史一致。\n";
  return kAuditOk;
}

}  // namespace

int RunAudit(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << kUsage;
    return kAuditUsage;
  }
  const std::string& cmd = args[0];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return kAuditOk;
  }
  if (cmd == "--version" || cmd == "version") {
    std::cout << "gongkai-audit " << GONGKAI_VERSION << "\n";
    return kAuditOk;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const std::string& a : rest) {
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return kAuditOk;
    }
  }
  if (cmd == "verify") return RunVerify(rest);
  if (cmd == "history") return RunHistory(rest);
  if (cmd == "postings") return RunPostings(rest);
  if (cmd == "attachments") return RunAttachments(rest);
  return Usage("不认识的命令 " + cmd, "usage");
}

}  // namespace gongkai::station
