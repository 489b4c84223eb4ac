#include "hub/admin/admin_signer.h"

#include <dirent.h>
#include <sys/stat.h>

#include <set>
#include <vector>

#include "core/record/genesis.h"
#include "hub/admin/admin_key_file.h"
#include "hub/admin/admin_password.h"
#include "hub/admin/admin_roster.h"
#include "hub/admin/reasons.h"
#include "hub/store/admin_table.h"

namespace gongkai::hub {
namespace {

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

Result<std::vector<std::string>> AdminKeyNames(const HubPaths& paths) {
  std::set<std::string> names;
  DIR* d = ::opendir(paths.admins_dir().c_str());
  if (!d) {
    return FailedPrecondition("no_admin_key", "找不到管理员密钥目录 " + paths.admins_dir());
  }
  while (struct dirent* e = ::readdir(d)) {
    std::string file = e->d_name;
    for (const std::string ext : {".key", ".key.enc"}) {
      if (file.size() > ext.size() &&
          file.compare(file.size() - ext.size(), ext.size(), ext) == 0) {
        names.insert(file.substr(0, file.size() - ext.size()));
      }
    }
  }
  ::closedir(d);
  return std::vector<std::string>(names.begin(), names.end());
}

Result<AdminSigner> LoadAdminSigner(HubDb& db, const HubPaths& paths, const std::string& name) {
  std::string chosen = name;
  if (chosen.empty()) {
    // The only active administrator signs by default; with several, the
    // command must say who (--as NAME).
    GK_ASSIGN_OR_RETURN(std::vector<std::string> active, ActiveAdminNames(db));
    if (active.size() > 1) {
      std::string list;
      for (const std::string& n : active) list += (list.empty() ? "" : "、") + n;
      return InvalidArgument("several_admins",
                             "集镇中心有 " + std::to_string(active.size()) + " 位在任管理员（" +
                                 list + "），请用 --as NAME 指明由谁签名",
                             "as");
    }
    if (active.empty()) {
      return FailedPrecondition("no_admin_key",
                                "目录 " + paths.admins_dir() + " 里没有管理员密钥 (NAME.key)");
    }
    chosen = active[0];
  }
  GK_RETURN_IF_ERROR(ValidateAdminName(chosen));
  std::string path = paths.admin_key(chosen);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    // A password-protected key (docs/decisions/0005-admin-web-keys.md).
    path = AdminEncryptedKeyPath(paths, chosen);
    if (!FileExists(path)) {
      return FailedPrecondition("no_admin_key",
                                "找不到管理员 " + chosen + " 的密钥文件 " + paths.admin_key(chosen));
    }
  } else if ((st.st_mode & 077) != 0) {
    return PermissionDenied(
        "key_permissions",
        "密钥文件 " + path + " 的权限过宽，其他用户可读；请运行 chmod 600 " + path);
  }
  Result<PrivateKey> loaded = path.ends_with(".enc") ? UnlockEncryptedKeyForCommand(path, chosen)
                                                      : PrivateKey::LoadPem(path);
  if (!loaded.ok()) return loaded.status();
  PrivateKey key = std::move(loaded).value();
  Status active = RequireActiveAdmin(db, chosen, key.public_key());
  if (!active.ok()) {
    if (active.reason() != reason::kAdminKeyMismatch) return active;
    return PermissionDenied("admin_key_mismatch",
                            "密钥文件 " + path + " 不是管理员 " + chosen + " 登记的密钥");
  }
  return AdminSigner{chosen, std::move(key)};
}

}  // namespace gongkai::hub
