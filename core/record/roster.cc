#include "core/record/roster.h"

#include "core/codec/wire.h"
#include "core/record/genesis.h"

namespace gongkai {

const char* RosterActionName(RosterAction action) {
  switch (action) {
    case RosterAction::kAdd:
      return "add";
    case RosterAction::kRevoke:
      return "revoke";
  }
  return "?";
}

Status ValidateRosterChange(const RosterChange& r) {
  if (r.action != RosterAction::kAdd && r.action != RosterAction::kRevoke) {
    return InvalidArgument("bad_action", "管理员名册记录的动作只能是 1 (增加) 或 2 (撤销)，实为 " +
                                             std::to_string(static_cast<int>(r.action)));
  }
  GK_RETURN_IF_ERROR(ValidateAdminName(r.name));
  return ValidateAdminName(r.admin);
}

Bytes EncodeRosterChange(const RosterChange& r) {
  return WireBytes(kRosterFormat, static_cast<uint8_t>(r.action), r.name, r.key, r.admin, r.at);
}

Result<RosterChange> DecodeRosterChange(const Bytes& body) {
  return DecodeRecord<RosterChange>(
      body, kRosterFormat, "不支持的管理员名册记录格式版本 ",
      [](WireReader& r, RosterChange& v) {
        uint8_t action = 0;
        r.U8(&action) && r.Str(&v.name, kMaxAdminNameLen, "name") && r.Fixed(&v.key) &&
            r.Str(&v.admin, kMaxAdminNameLen, "admin") && r.I64(&v.at);
        v.action = static_cast<RosterAction>(action);  // ValidateRosterChange checks it
      },
      ValidateRosterChange);
}

}  // namespace gongkai
