#include "hub/admin/station_enrollment.h"

#include "core/record/enrollment.h"
#include "core/record/envelope.h"
#include "core/record/revocation.h"
#include "hub/store/log_table.h"
#include "hub/store/station_table.h"

namespace gongkai::hub {

Result<uint64_t> EnrollStation(HubDb& db, const AdminSigner& admin, const std::string& station,
                               const std::string& unit, const VerifierKey& key, int64_t now) {
  Enrollment e{station, unit, key.key, admin.name, now};
  GK_RETURN_IF_ERROR(ValidateEnrollment(e));
  if (key.name != station) {
    return InvalidArgument("key_name_mismatch",
                           "公钥的名称 " + key.name + " 与站点编号 " + station +
                               " 不一致；请使用该站点 gongkai-station init 显示的公钥",
                           "key");
  }
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> existing, FindStation(db, station));
  if (existing && existing->revoked) {
    return FailedPrecondition("station_revoked",
                              "站点 " + station + " 已被撤销，编号不能再用；请换一个新的站点编号");
  }
  if (existing) {
    return Status(Code::kAlreadyExists, "station_exists",
                  "站点 " + station + " 已经登记过了 (单位: " + existing->unit + ")");
  }
  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> same_key, FindStationByKey(db, key.key));
  if (same_key) {
    return FailedPrecondition("key_in_use", "这个公钥已经属于站点 " + same_key->id);
  }
  Envelope env =
      SignEnvelope(EnvelopeKind::kEnrollment, admin.name, EncodeEnrollment(e), admin.key);
  GK_ASSIGN_OR_RETURN(uint64_t index,
                      AppendLogEntry(db, EnvelopeKind::kEnrollment, EncodeEnvelope(env), now));
  StationRecord rec;
  rec.id = station;
  rec.unit = unit;
  rec.key = key.key;
  rec.enrolled_by = admin.name;
  rec.enrolled_at = now;
  rec.enrollment_index = index;
  GK_RETURN_IF_ERROR(InsertStation(db, rec));
  GK_RETURN_IF_ERROR(tx.Commit());
  return index;
}

Result<uint64_t> RevokeStation(HubDb& db, const AdminSigner& admin, const std::string& station,
                               const std::string& reason, int64_t now) {
  Revocation r{station, reason, admin.name, now};
  GK_RETURN_IF_ERROR(ValidateRevocation(r));
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> existing, FindStation(db, station));
  if (!existing) return NotFound("unknown_station", "没有登记过站点 " + station);
  if (existing->revoked) {
    return FailedPrecondition("already_revoked", "站点 " + station + " 已经被撤销了");
  }
  Envelope env =
      SignEnvelope(EnvelopeKind::kRevocation, admin.name, EncodeRevocation(r), admin.key);
  GK_ASSIGN_OR_RETURN(uint64_t index,
                      AppendLogEntry(db, EnvelopeKind::kRevocation, EncodeEnvelope(env), now));
  GK_RETURN_IF_ERROR(MarkStationRevoked(db, station, admin.name, now, reason, index));
  GK_RETURN_IF_ERROR(tx.Commit());
  return index;
}

}  // namespace gongkai::hub
