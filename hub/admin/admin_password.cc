#include "hub/admin/admin_password.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

#include "core/base/reasons.h"
#include "core/record/genesis.h"
#include "hub/admin/admin_key_file.h"
#include "hub/admin/admin_roster.h"
#include "hub/admin/password_input.h"
#include "hub/admin/reasons.h"
#include "hub/store/admin_table.h"

namespace gongkai::hub {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Status CheckRegistered(HubDb& db, const std::string& name, const PrivateKey& key) {
  return RequireActiveAdmin(db, name, key.public_key());
}

void SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

Status WrongPassword() { return Unauthenticated("wrong_password", "用户名或密码不对"); }

}  // namespace

Result<PasswdOutcome> SetAdminPassword(HubDb& db, const HubPaths& paths, const PasswdRequest& req) {
  GK_RETURN_IF_ERROR(CheckNewPassword(req.new_password));
  std::string name = req.admin;
  if (name.empty()) {
    GK_ASSIGN_OR_RETURN(std::vector<std::string> names, AdminKeyNames(paths));
    if (names.size() != 1) {
      return InvalidArgument(names.empty() ? "no_admin_key" : "several_admin_keys",
                             "请用 --admin NAME 指明是哪位管理员", "admin");
    }
    name = names[0];
  }
  GK_RETURN_IF_ERROR(ValidateAdminName(name));
  std::optional<AdminSigner> signer;
  if (Exists(paths.admin_key(name))) {
    GK_ASSIGN_OR_RETURN(AdminSigner plain, LoadAdminSigner(db, paths, name));
    signer = std::move(plain);
  } else {
    GK_ASSIGN_OR_RETURN(AdminKeyFile f, LoadAdminKeyFile(AdminEncryptedKeyPath(paths, name)));
    Result<PrivateKey> key = UnlockAdminKey(f, req.current_password);
    if (!key.ok()) {
      if (key.status().reason() == reason::kWrongPassword) {
        return Unauthenticated("wrong_password", "当前密码不对，密码没有改");
      }
      return key.status();
    }
    GK_RETURN_IF_ERROR(CheckRegistered(db, name, *key));
    signer = AdminSigner{name, std::move(key).value()};
  }
  GK_ASSIGN_OR_RETURN(AdminKeyFile sealed, SealAdminKey(signer->key, req.new_password, req.params));
  PasswdOutcome out;
  out.admin = signer->name;
  out.encrypted_path = AdminEncryptedKeyPath(paths, signer->name);
  GK_RETURN_IF_ERROR(SaveAdminKeyFile(out.encrypted_path, sealed));
  std::string plain = paths.admin_key(signer->name);
  if (!req.keep_plaintext && Exists(plain)) {
    if (::unlink(plain.c_str()) != 0) {
      return Internal("remove_failed",
                      "已写入加密密钥，但无法删除明文密钥 " + plain + "，请手动删除");
    }
    SyncDir(paths.admins_dir());
    out.removed_plaintext = true;
  }
  return out;
}

Result<AdminSigner> UnlockAdminWithPassword(HubDb& db, const HubPaths& paths,
                                            const std::string& admin, const std::string& password,
                                            std::mutex* db_mu) {
  Result<AdminKeyFile> f = ValidateAdminName(admin).ok()
                               ? LoadAdminKeyFile(AdminEncryptedKeyPath(paths, admin))
                               : Result<AdminKeyFile>(WrongPassword());
  if (!f.ok()) {
    // Same work as a real attempt, so the time does not reveal the names.
    static const Bytes kDummySalt(16, 0);
    (void)DerivePasswordKeys(password, kDummySalt, ScryptParams{});
    if (f.status().reason() == reason::kKeyPermissions) return f.status();
    return WrongPassword();
  }
  Result<PrivateKey> key = UnlockAdminKey(*f, password);
  if (!key.ok()) {
    if (key.status().reason() == reason::kWrongPassword) return WrongPassword();
    return key.status();
  }
  {
    std::unique_lock<std::mutex> lock;
    if (db_mu) lock = std::unique_lock<std::mutex>(*db_mu);
    GK_RETURN_IF_ERROR(CheckRegistered(db, admin, *key));
  }
  return AdminSigner{admin, std::move(key).value()};
}

Result<PrivateKey> UnlockEncryptedKeyForCommand(const std::string& path, const std::string& name) {
  GK_ASSIGN_OR_RETURN(AdminKeyFile f, LoadAdminKeyFile(path));
  std::string password;
  if (const char* env = std::getenv(kAdminPasswordEnv); env != nullptr) {
    password = env;
  } else {
    GK_ASSIGN_OR_RETURN(password, ReadPasswordFromTerminal("管理员 " + name + " 的密码: "));
  }
  Result<PrivateKey> key = UnlockAdminKey(f, password);
  if (!key.ok() && key.status().reason() == reason::kWrongPassword) {
    return Unauthenticated("wrong_password", "管理员 " + name + " 的密码不对");
  }
  return key;
}

}  // namespace gongkai::hub
