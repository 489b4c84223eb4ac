// gongkai-hub tls renew|switch|status: renewing the hub's TLS certificate
// without visiting the villages (hub/tls/cert_renewal.h, docs/operations.md
// § Renewing the TLS certificate).
#include <boost/json.hpp>
#include <iostream>

#include "core/base/hex.h"
#include "hub/cli/commands.h"
#include "hub/cli/review_cli.h"
#include "hub/store/hub_paths.h"
#include "hub/tls/cert_renewal.h"

namespace gongkai::hub {
namespace {

boost::json::object FactsJson(const CertFacts& f) {
  return {{"cert_sha256", HexEncode(f.sha256)},
          {"spki_sha256", HexEncode(f.spki_sha256)},
          {"not_before", f.not_before},
          {"not_after", f.not_after}};
}

std::string Validity(const CertFacts& f) {
  return LocalTimeText(f.not_before) + " 至 " + LocalTimeText(f.not_after);
}

int RunRenew(const Args& args) {
  Result<Flags> flags =
      Flags::Parse(args, {{"dir", "tls-cert", "tls-key", "tls-san", "days", "reason"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> reason = flags->Require("reason");
  if (!reason.ok()) return ReportError(reason.status());
  Result<uint64_t> days = flags->GetUint("days", 3650, 1, 36500);
  if (!days.ok()) return ReportError(days.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  RenewRequest req;
  req.source = TlsSource{flags->GetOr("tls-cert", ""), flags->GetOr("tls-key", ""),
                         flags->GetAll("tls-san"), static_cast<int>(*days)};
  req.reason = *reason;
  req.now = NowSeconds();
  Result<RenewOutcome> r = RenewTls(hub->db, HubPaths{hub->dir}, req);
  if (!r.ok()) return ReportError(r.status());
  if (flags->Has("json")) {
    boost::json::object o = FactsJson(r->next);
    o["log_index"] = r->log_index;
    o["key_changed"] = r->key_changed;
    std::cout << boost::json::serialize(o) << "\n";
    return 0;
  }
  std::cout << "新证书已公告（日志第 " << r->log_index << " 条，由日志密钥签名），放在 "
            << HubPaths{hub->dir}.tls_next_cert() << "\n"
            << "  新证书指纹: " << HexEncode(r->next.sha256) << "\n"
            << "  有效期:     " << Validity(r->next) << "\n"
            << "  密钥:       " << (r->key_changed ? "新密钥" : "与现用证书相同") << "\n"
            << "下一步: 等各村站同步一次（gongkai-hub station list 看各站最近同步），然后\n"
            << "  gongkai-hub tls switch --dir " << hub->dir
            << "  并重启 gongkai-hub serve；村站会自动改用新证书。\n";
  return 0;
}

int RunSwitch(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<SwitchOutcome> r = SwitchTls(hub->db, HubPaths{hub->dir});
  if (!r.ok()) return ReportError(r.status());
  if (flags->Has("json")) {
    std::cout << boost::json::serialize(
                     boost::json::object{{"now", FactsJson(r->now)},
                                         {"before", FactsJson(r->before)},
                                         {"announced_at_index", r->announced_at_index}})
              << "\n";
    return 0;
  }
  std::cout << "已改用新证书（日志第 " << r->announced_at_index
            << " 条公告的）: " << HexEncode(r->now.sha256) << "\n"
            << "  旧证书留在 " << HubPaths{hub->dir}.tls_old_cert() << "\n"
            << "下一步: 重启 gongkai-hub serve（例如 systemctl restart gongkai-hub）后生效。\n";
  return 0;
}

int RunStatus(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<TlsState> st = ReadTlsState(hub->db, HubPaths{hub->dir});
  if (!st.ok()) return ReportError(st.status());
  if (flags->Has("json")) {
    boost::json::array announced;
    for (const AnnouncedCertificate& a : st->announced) {
      announced.push_back(
          boost::json::object{{"log_index", a.log_index},
                              {"cert_sha256", HexEncode(a.announcement.cert_sha256)},
                              {"spki_sha256", HexEncode(a.announcement.spki_sha256)},
                              {"not_before", a.announcement.not_before},
                              {"not_after", a.announcement.not_after},
                              {"reason", a.announcement.reason}});
    }
    boost::json::object o{{"current", FactsJson(st->current)}, {"announced", announced}};
    if (st->next) {
      boost::json::object n = FactsJson(*st->next);
      if (st->next_announced) {
        n["log_index"] = *st->next_announced;
      } else {
        n["log_index"] = nullptr;
      }
      o["next"] = n;
    } else {
      o["next"] = nullptr;
    }
    std::cout << boost::json::serialize(o) << "\n";
    return 0;
  }
  std::cout << "现用证书: " << HexEncode(st->current.sha256) << "（" << Validity(st->current)
            << "）\n";
  if (st->next) {
    std::cout << "待启用:   " << HexEncode(st->next->sha256) << "（" << Validity(*st->next) << "）"
              << (st->next_announced
                      ? "，已在日志第 " + std::to_string(*st->next_announced) + " 条公告"
                      : std::string("，没有公告——请重新运行 gongkai-hub tls renew"))
              << "\n";
  } else {
    std::cout << "待启用:   无\n";
  }
  std::cout << "日志中的证书公告: " << st->announced.size() << " 条\n";
  for (const AnnouncedCertificate& a : st->announced) {
    std::cout << "  第 " << a.log_index << " 条: " << HexEncode(a.announcement.cert_sha256)
              << "（至 " << LocalTimeText(a.announcement.not_after) << "）" << a.announcement.reason
              << "\n";
  }
  return 0;
}

}  // namespace

int RunTls(const Args& args) {
  if (args.empty()) {
    return ReportError(
        InvalidArgument("usage", "用法: gongkai-hub tls renew|switch|status --dir D"));
  }
  Args rest(args.begin() + 1, args.end());
  if (args[0] == "renew") return RunRenew(rest);
  if (args[0] == "switch") return RunSwitch(rest);
  if (args[0] == "status") return RunStatus(rest);
  return ReportError(
      InvalidArgument("usage", "未知的子命令 tls " + args[0] + "；可用: renew, switch, status"));
}

}  // namespace gongkai::hub
