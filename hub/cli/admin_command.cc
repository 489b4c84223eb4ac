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
#include <sys/stat.h>

#include <cstdlib>
#include <iostream>

#include "hub/admin/admin_key_file.h"
#include "hub/admin/admin_password.h"
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

}  // namespace

int RunAdmin(const Args& args) {
  if (!args.empty() && args[0] == "passwd") return RunPasswd(Args(args.begin() + 1, args.end()));
  return ReportError(InvalidArgument(
      "usage", "用法: gongkai-hub admin passwd --dir D [--admin NAME] [--password-file F]"));
}

}  // namespace gongkai::hub
