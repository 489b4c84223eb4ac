// gongkai-hub admin passwd --dir D [--admin NAME] [--password-file F | --password-stdin]
//   [--current-password-file F] [--keep-plaintext] [--scrypt-log2n N]
//
// Sets (or changes) an administrator's password: the administrator's key
// is written encrypted under it to D/admins/NAME.key.enc
// (docs/formats/admin-key.md) and the plaintext D/admins/NAME.key is
// removed unless --keep-plaintext. Without a file the new password is asked
// twice on the terminal with echo off. Changing an existing password needs
// the current one (terminal, --current-password-file or
// GONGKAI_ADMIN_PASSWORD). See docs/decisions/0005-admin-web-keys.md.
//
// gongkai-hub admin add --dir D --name NAME [--as SIGNER] [--password-file F | --password-stdin]
// gongkai-hub admin revoke --dir D --name NAME [--as SIGNER]
// gongkai-hub admin rekey --dir D --name NAME [--as SIGNER] [--password-file F | --password-stdin]
// gongkai-hub admin list --dir D [--json]
// gongkai-hub admin policy --dir D [--approvals 1|2 [--as SIGNER]] [--json]
//
// The roster (hub/admin/admin_roster.h, docs/hub.md § Administrators):
// each change is a roster record signed by SIGNER (an active administrator;
// its key unlocked as for approve) and logged in the same transaction.
#include <sys/stat.h>

#include <cstdlib>
#include <iostream>

#include "core/base/hex.h"
#include "core/crypto/verifier_key.h"
#include "core/record/policy.h"
#include "hub/admin/admin_key_file.h"
#include "hub/admin/admin_password.h"
#include "hub/admin/admin_roster.h"
#include "hub/admin/approval_policy.h"
#include "hub/admin/password_input.h"
#include "hub/cli/commands.h"
#include "hub/cli/review_cli.h"

namespace gongkai::hub {
namespace {

Result<std::string> NewPassword(const Flags& flags) {
  if (std::optional<std::string> f = flags.Get("password-file")) return ReadPasswordFile(*f);
  if (flags.Has("password-stdin")) return ReadPasswordLine(std::cin);
  GK_ASSIGN_OR_RETURN(std::string first, ReadPasswordFromTerminal("新密码: "));
  GK_RETURN_IF_ERROR(CheckNewPassword(first));
  GK_ASSIGN_OR_RETURN(std::string again, ReadPasswordFromTerminal("再输入一次新密码: "));
  if (first != again) {
    return InvalidArgument("password_mismatch", "两次输入的密码不一样，密码没有改", "password");
  }
  return first;
}

Result<std::string> CurrentPassword(const Flags& flags, const std::string& name) {
  if (std::optional<std::string> f = flags.Get("current-password-file")) {
    return ReadPasswordFile(*f);
  }
  if (const char* env = std::getenv(kAdminPasswordEnv); env != nullptr) return std::string(env);
  return ReadPasswordFromTerminal("管理员 " + name + " 的当前密码: ");
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

int RunPasswd(const Args& args) {
  Result<Flags> flags = Flags::Parse(
      args, {{"dir", "admin", "password-file", "current-password-file", "scrypt-log2n"},
             {"password-stdin", "keep-plaintext", "json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  HubPaths paths{hub->dir};
  PasswdRequest req;
  req.admin = flags->GetOr("admin", "");
  if (req.admin.empty()) {
    Result<std::vector<std::string>> names = AdminKeyNames(paths);
    if (names.ok() && names->size() == 1) req.admin = (*names)[0];
  }
  Result<uint64_t> log2n = flags->GetUint("scrypt-log2n", req.params.log2_n, 10, 20);
  if (!log2n.ok()) return ReportError(log2n.status());
  req.params.log2_n = static_cast<uint8_t>(*log2n);
  req.keep_plaintext = flags->Has("keep-plaintext");
  if (!req.admin.empty() && !Exists(paths.admin_key(req.admin)) &&
      Exists(AdminEncryptedKeyPath(paths, req.admin))) {
    Result<std::string> current = CurrentPassword(*flags, req.admin);
    if (!current.ok()) return ReportError(current.status());
    req.current_password = *current;
  }
  Result<std::string> password = NewPassword(*flags);
  if (!password.ok()) return ReportError(password.status());
  req.new_password = *password;
  Result<PasswdOutcome> out = SetAdminPassword(hub->db, paths, req);
  if (!out.ok()) return ReportError(out.status());
  if (flags->Has("json")) {
    std::cout << boost::json::serialize(
                     boost::json::object{{"admin", out->admin},
                                         {"key_file", out->encrypted_path},
                                         {"removed_plaintext", out->removed_plaintext}})
              << "\n";
    return 0;
  }
  std::cout << "管理员 " << out->admin << " 的密码已设置；密钥已加密保存在 " << out->encrypted_path
            << (out->removed_plaintext ? "（明文密钥已删除）" : "") << "。\n"
            << "网页登录: https://集镇中心地址/admin ；命令行签名时输入这个密码或设置 "
            << kAdminPasswordEnv << "。\n";
  return 0;
}

std::string KeyText(const std::string& name, const PublicKey& key) {
  return MakeVerifierKey(name, key).ToString();
}

void PrintRosterOutcome(const RosterOutcome& out, bool json) {
  if (json) {
    boost::json::object o{{"name", out.name}, {"key", KeyText(out.name, out.key)}};
    if (out.revoke_index) o["revoke_index"] = *out.revoke_index;
    if (out.add_index) o["add_index"] = *out.add_index;
    if (!out.key_file.empty()) o["key_file"] = out.key_file;
    std::cout << boost::json::serialize(o) << "\n";
    return;
  }
  if (out.revoke_index) {
    std::cout << "已撤销管理员 " << out.name << " 的密钥（日志第 " << *out.revoke_index
              << " 条）。\n";
  }
  if (out.add_index) {
    std::cout << "管理员 " << out.name << " 的新密钥已登记（日志第 " << *out.add_index
              << " 条），用其密码加密保存在 " << out.key_file << "。\n"
              << "公钥: " << KeyText(out.name, out.key) << "\n"
              << "请把密码当面交给 " << out.name
              << "；网页登录 https://集镇中心地址/admin ，命令行签名用 --as " << out.name
              << "。\n";
  }
}

// add and rekey: a new key for --name, sealed under its password.
int RunNewKey(const Args& args, bool rekey) {
  Result<Flags> flags = Flags::Parse(
      args, {{"dir", "name", "as", "password-file", "scrypt-log2n"}, {"password-stdin", "json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> name = flags->Require("name");
  if (!name.ok()) return ReportError(name.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  HubPaths paths{hub->dir};
  NewAdminKey add;
  add.name = *name;
  Result<uint64_t> log2n = flags->GetUint("scrypt-log2n", add.params.log2_n, 10, 20);
  if (!log2n.ok()) return ReportError(log2n.status());
  add.params.log2_n = static_cast<uint8_t>(*log2n);
  Result<AdminSigner> signer = LoadAdminSigner(hub->db, paths, SignerFlag(*flags));
  if (!signer.ok()) return ReportError(signer.status());
  Result<std::string> password = NewPassword(*flags);
  if (!password.ok()) return ReportError(password.status());
  add.password = *password;
  Result<RosterOutcome> out = rekey ? RekeyAdmin(hub->db, paths, *signer, add, NowSeconds())
                                    : AddAdmin(hub->db, paths, *signer, add, NowSeconds());
  if (!out.ok()) return ReportError(out.status());
  PrintRosterOutcome(*out, flags->Has("json"));
  return 0;
}

int RunRevoke(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "name", "as"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> name = flags->Require("name");
  if (!name.ok()) return ReportError(name.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<AdminSigner> signer = LoadAdminSigner(hub->db, HubPaths{hub->dir}, SignerFlag(*flags));
  if (!signer.ok()) return ReportError(signer.status());
  Result<RosterOutcome> out = RevokeAdmin(hub->db, *signer, *name, NowSeconds());
  if (!out.ok()) return ReportError(out.status());
  PrintRosterOutcome(*out, flags->Has("json"));
  return 0;
}

int RunList(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<std::vector<AdminListing>> list = ListAdminRoster(hub->db);
  if (!list.ok()) return ReportError(list.status());
  if (flags->Has("json")) {
    boost::json::array arr;
    for (const AdminListing& l : *list) {
      boost::json::object o{{"name", l.admin.name},
                            {"key", KeyText(l.admin.name, l.admin.key)},
                            {"status", l.admin.active() ? "active" : "revoked"},
                            {"added_by", l.added_by},
                            {"added_index", l.admin.log_index}};
      if (l.admin.revoked_index) {
        o["revoked_by"] = l.revoked_by.value_or("");
        o["revoked_index"] = *l.admin.revoked_index;
      }
      arr.push_back(std::move(o));
    }
    std::cout << boost::json::serialize(boost::json::object{{"admins", std::move(arr)}}) << "\n";
    return 0;
  }
  for (const AdminListing& l : *list) {
    std::cout << l.admin.name << "  " << (l.admin.active() ? "在任" : "已撤销") << "  "
              << KeyText(l.admin.name, l.admin.key) << "\n    加入: 日志第 " << l.admin.log_index
              << " 条，"
              << (l.added_by.empty() ? std::string("创世记录") : "由 " + l.added_by + " 签名");
    if (l.admin.revoked_index) {
      std::cout << "；撤销: 日志第 " << *l.admin.revoked_index << " 条，由 "
                << l.revoked_by.value_or("?") << " 签名";
    }
    std::cout << "\n";
  }
  return 0;
}

// Without --approvals: the policy in force. With it: a policy record signed
// by --as (hub/admin/approval_policy.h).
int RunPolicy(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "approvals", "as"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<PolicyInForce> policy = ReadApprovalPolicy(hub->db);
  bool changed = false;
  if (flags->Get("approvals")) {
    Result<uint64_t> n = flags->GetUint("approvals", 1, 1, kMaxApprovals);
    if (!n.ok()) return ReportError(n.status());
    Result<AdminSigner> signer = LoadAdminSigner(hub->db, HubPaths{hub->dir}, SignerFlag(*flags));
    if (!signer.ok()) return ReportError(signer.status());
    policy = SetApprovalPolicy(hub->db, *signer, static_cast<int>(*n), NowSeconds());
    changed = true;
  }
  if (!policy.ok()) return ReportError(policy.status());
  if (flags->Has("json")) {
    boost::json::object o{{"approvals", policy->approvals},
                          {"log_index", policy->log_index},
                          {"admin", policy->admin}};
    std::cout << boost::json::serialize(o) << "\n";
    return 0;
  }
  if (changed) std::cout << "审批规则已记入日志第 " << policy->log_index << " 条。\n";
  std::cout << PolicyText(policy->approvals, policy->log_index) << "\n";
  return 0;
}

}  // namespace

int RunAdmin(const Args& args) {
  Args rest = args.empty() ? Args{} : Args(args.begin() + 1, args.end());
  if (!args.empty()) {
    if (args[0] == "passwd") return RunPasswd(rest);
    if (args[0] == "add") return RunNewKey(rest, false);
    if (args[0] == "rekey") return RunNewKey(rest, true);
    if (args[0] == "revoke") return RunRevoke(rest);
    if (args[0] == "list") return RunList(rest);
    if (args[0] == "policy") return RunPolicy(rest);
  }
  return ReportError(InvalidArgument(
      "usage",
      "用法: gongkai-hub admin passwd|add|revoke|rekey|list|policy --dir D …（gongkai-hub admin "
      "--help 查看说明）"));
}

}  // namespace gongkai::hub
