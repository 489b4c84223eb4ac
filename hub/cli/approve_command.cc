// gongkai-hub approve [--all | CHANGESET...] [--expect HASH] [--note TEXT] [--admin NAME]
// gongkai-hub reject CHANGESET --reason TEXT [--admin NAME]
#include <iostream>

#include "core/base/hex.h"
#include "hub/admin/admin_signer.h"
#include "hub/cli/commands.h"
#include "hub/cli/review_cli.h"
#include "hub/review/approval_reviews.h"
#include "hub/review/approve.h"
#include "hub/review/reject.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {
namespace {

boost::json::array ReviewersJson(const std::vector<std::string>& names) {
  boost::json::array out;
  for (const std::string& n : names) out.push_back(boost::json::value(n));
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "、") + n;
  return out;
}

}  // namespace

int RunApprove(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "note", "admin", "as", "expect"}, {"all", "json"}});
  if (!flags.ok()) return ReportError(flags.status());
  bool all = flags->Has("all");
  if (all == !flags->positional().empty()) {
    return ReportError(InvalidArgument(
        "usage",
        "用法: gongkai-hub approve --dir D --all | 变更集编号… [--expect 结果哈希] [--note 说明]"));
  }
  std::optional<Hash32> expect;
  if (std::optional<std::string> raw = flags->Get("expect")) {
    expect = HexDecodeHash(*raw);
    if (!expect) {
      return ReportError(InvalidArgument(
          "bad_expect",
          "--expect 应为 64 位十六进制的结果哈希（gongkai-hub pending --json 的 proposed_hash）",
          "expect"));
    }
  }
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<AdminSigner> admin =
      LoadAdminSigner(hub->db, HubPaths{hub->dir}, SignerFlag(*flags));
  if (!admin.ok()) return ReportError(admin.status());
  ApproveRequest req;
  req.all = all;
  req.changesets = flags->positional();
  req.note = flags->GetOr("note", "");
  req.now = NowSeconds();
  req.expect_hash = expect;
  Result<ApproveOutcome> out = Approve(hub->db, *admin, req);
  if (!out.ok()) return ReportError(out.status());
  if (out->reviewed) {
    // Policy 2, the first signature: logged as a review, no version made.
    if (flags->Has("json")) {
      std::cout << boost::json::serialize(
                       boost::json::object{{"state", "reviewed"},
                                           {"version", nullptr},
                                           {"proposed_version", out->version},
                                           {"proposed_hash", HexEncode(out->hash)},
                                           {"log_index", out->log_index},
                                           {"admin", admin->name}})
                << "\n";
      return 0;
    }
    std::cout << kWaitingLabel << "：管理员 " << admin->name << " 的审查签名已记入日志第 "
              << out->log_index
              << " 条。尚未生成新版本——审批规则要求另一位在任管理员批准同一提案（第 "
              << out->version << " 版，结果哈希 " << HexEncode(out->hash).substr(0, 16)
              << "…）: gongkai-hub approve --all --as 另一位管理员\n";
    return 0;
  }
  if (flags->Has("json")) {
    boost::json::array ids;
    for (const Hash32& id : out->included) ids.push_back(boost::json::value(HexEncode(id)));
    boost::json::array signed_sets;
    for (const ApprovedChangeSet& d : out->details) {
      signed_sets.push_back(boost::json::object{
          {"id", HexEncode(d.id)}, {"station", d.station}, {"seq", d.seq}, {"ops", d.ops}});
    }
    std::cout << boost::json::serialize(
                     boost::json::object{{"version", out->version},
                                         {"hash", HexEncode(out->hash)},
                                         {"parent_hash", HexEncode(out->parent_hash)},
                                         {"log_index", out->log_index},
                                         {"changesets", std::move(ids)},
                                         {"signed", std::move(signed_sets)},
                                         {"resolutions", out->resolutions},
                                         {"rows", out->rows},
                                         {"state", "approved"},
                                         {"reviewers", ReviewersJson(out->reviewers)},
                                         {"admin", admin->name}})
              << "\n";
    return 0;
  }
  std::cout << "已批准第 " << out->version << " 版目录: 包含 " << out->included.size()
            << " 个变更集，处理冲突 " << out->resolutions << " 个，共 " << out->rows
            << " 条；由管理员 " << admin->name
            << (out->reviewers.empty() ? std::string()
                                       : "（审查: " + JoinNames(out->reviewers) + "）")
            << " 签名，日志第 " << out->log_index << " 条。\n目录哈希 " << HexEncode(out->hash)
            << "\n签名包含的变更集（按合并顺序）:\n";
  for (const ApprovedChangeSet& d : out->details) {
    std::cout << "  " << HexEncode(d.id) << "  " << d.station << "/" << d.seq << "  " << d.ops
              << " 项修改\n";
  }
  std::cout << "各村站点下次同步 (gongkai-station sync) 时会收到新版本。\n";
  return 0;
}

int RunReject(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "reason", "admin", "as"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  if (flags->positional().size() != 1) {
    return ReportError(
        InvalidArgument("usage", "用法: gongkai-hub reject --dir D 变更集编号 --reason 理由"));
  }
  Result<std::string> reason = flags->Require("reason");
  if (!reason.ok()) return ReportError(reason.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<AdminSigner> admin =
      LoadAdminSigner(hub->db, HubPaths{hub->dir}, SignerFlag(*flags));
  if (!admin.ok()) return ReportError(admin.status());
  Result<RejectOutcome> out =
      Reject(hub->db, *admin, flags->positional()[0], *reason, NowSeconds());
  if (!out.ok()) return ReportError(out.status());
  if (flags->Has("json")) {
    std::cout << boost::json::serialize(
                     boost::json::object{{"changeset", HexEncode(out->rejection.changeset)},
                                         {"station", out->rejection.station},
                                         {"seq", out->rejection.seq},
                                         {"log_index", out->log_index},
                                         {"admin", admin->name}})
              << "\n";
    return 0;
  }
  std::cout << "已退回变更集 " << ShortHex(out->rejection.changeset) << "（"
            << out->rejection.station << "/" << out->rejection.seq << "），由管理员 " << admin->name
            << " 签名，日志第 " << out->log_index << " 条。该站点下次同步时会看到退回理由。\n";
  return 0;
}

}  // namespace gongkai::hub
