#include "core/record/revocation.h"

#include "core/catalog/fields.h"
#include "core/catalog/validate.h"
#include "core/codec/wire.h"
#include "core/record/genesis.h"

namespace gongkai {

Status ValidateRevocation(const Revocation& r) {
  GK_RETURN_IF_ERROR(ValidateStationId(r.station));
  if (r.reason.empty()) {
    return InvalidArgument("empty_reason", "请写明撤销原因 (reason is empty)", "reason");
  }
  GK_RETURN_IF_ERROR(ValidateText(r.reason, kMaxRevocationReasonChars, false, "reason"));
  return ValidateAdminName(r.admin);
}

Bytes EncodeRevocation(const Revocation& r) {
  return WireBytes(kRevocationFormat, r.station, r.reason, r.admin, r.revoked_at);
}

Result<Revocation> DecodeRevocation(const Bytes& body) {
  return DecodeRecord<Revocation>(
      body, kRevocationFormat, "不支持的撤销记录格式版本 ",
      [](WireReader& r, Revocation& v) {
        r.Str(&v.station, kMaxStationIdLen, "station") &&
            r.Str(&v.reason, kMaxRevocationReasonChars * 4, "reason") &&
            r.Str(&v.admin, kMaxAdminNameLen, "admin") && r.I64(&v.revoked_at);
      },
      ValidateRevocation);
}

}  // namespace gongkai
