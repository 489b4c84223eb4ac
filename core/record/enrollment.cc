#include "core/record/enrollment.h"

#include "core/catalog/fields.h"
#include "core/catalog/validate.h"
#include "core/codec/wire.h"
#include "core/record/genesis.h"

namespace gongkai {

Status ValidateEnrollment(const Enrollment& e) {
  GK_RETURN_IF_ERROR(ValidateStationId(e.station));
  GK_RETURN_IF_ERROR(ValidateUnit(e.unit));
  return ValidateAdminName(e.admin);
}

Bytes EncodeEnrollment(const Enrollment& e) {
  return WireBytes(kEnrollmentFormat, e.station, e.unit, e.station_key, e.admin, e.enrolled_at);
}

Result<Enrollment> DecodeEnrollment(const Bytes& body) {
  return DecodeRecord<Enrollment>(
      body, kEnrollmentFormat, "不支持的登记记录格式版本 ",
      [](WireReader& r, Enrollment& e) {
        r.Str(&e.station, kMaxStationIdLen, "station") &&
            r.Str(&e.unit, kMaxUnitChars * 4, "unit") && r.Fixed(&e.station_key) &&
            r.Str(&e.admin, kMaxAdminNameLen, "admin") && r.I64(&e.enrolled_at);
      },
      ValidateEnrollment);
}

}  // namespace gongkai
