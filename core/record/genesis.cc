#include "core/record/genesis.h"

#include "core/codec/wire.h"

namespace gongkai {

Status ValidateOrigin(std::string_view origin) {
  bool ok = !origin.empty() && origin.size() <= kMaxOriginLen;
  for (char c : origin) ok = ok && c >= 0x21 && c <= 0x7E && c != '+';
  if (!ok) {
    return InvalidArgument(
        "bad_origin",
        "日志名称 (origin) 只能由可打印的 ASCII 字符组成，不含空格和 +，最长 128 "
        "个字符，例如 hub.example-town.cn/gongkai: " +
            std::string(origin),
        "origin");
  }
  return Status::Ok();
}

Status ValidateAdminName(std::string_view name) {
  bool ok = !name.empty() && name.size() <= kMaxAdminNameLen;
  for (char c : name) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  if (!ok) {
    return InvalidArgument(
        "bad_admin_name",
        "管理员名称只能由小写字母、数字和 - 组成，最长 64 个字符: " + std::string(name), "admin");
  }
  return Status::Ok();
}

Bytes EncodeGenesis(const Genesis& g) {
  return WireBytes(kGenesisFormat, g.origin, g.log_key, g.admin, g.admin_key, g.created_at);
}

Result<Genesis> DecodeGenesis(const Bytes& body) {
  return DecodeRecord<Genesis>(
      body, kGenesisFormat, "不支持的创世记录格式版本 ",
      [](WireReader& r, Genesis& g) {
        r.Str(&g.origin, kMaxOriginLen, "origin") && r.Fixed(&g.log_key) &&
            r.Str(&g.admin, kMaxAdminNameLen, "admin") && r.Fixed(&g.admin_key) &&
            r.I64(&g.created_at);
      },
      [](const Genesis& g) {
        GK_RETURN_IF_ERROR(ValidateOrigin(g.origin));
        return ValidateAdminName(g.admin);
      });
}

}  // namespace gongkai
