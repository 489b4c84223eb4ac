#include "hub/admin/station_enrollment.h"

#include "core/catalog/validate.h"
#include "core/record/enrollment.h"
#include "core/record/envelope.h"
#include "core/record/revocation.h"
#include "hub/admin/admin_roster.h"
#include "hub/store/log_table.h"
#include "hub/store/refused_upload_table.h"
#include "hub/store/station_table.h"

namespace gongkai::hub {

Result<uint64_t> EnrollStation(HubDb& db, const AdminSigner& admin, const std::string& station,
                               const std::string& unit, const VerifierKey& key, int64_t now) {
  Enrollment e{station, unit, key.key, admin.name, now};
  GK_RETURN_IF_ERROR(ValidateEnrollment(e));
  GK_RETURN_IF_ERROR(CheckVisibleText(unit, "单位名称", "unit"));
  if (key.name != station) {
    return InvalidArgument("key_name_mismatch",
                           "公钥的名称 " + key.name + " 与站点编号 " + station +
                               " 不一致；请使用该站点 gongkai-station init 显示的公钥",
                           "key");
  }
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(RequireActiveAdmin(db, admin));
  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> existing, FindStation(db, station));
  if (existing && !existing->revoked) {
    return Status(Code::kAlreadyExists, "station_exists",
                  "站点 " + station + " 已经登记过了 (单位: " + existing->unit + ")");
  }
  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> same_key, FindStationByKey(db, key.key));
  if (same_key && same_key->id != station) {
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
  // A revoked id is enrolled again: same row, chain continues.
  GK_RETURN_IF_ERROR(existing ? ReEnrollStation(db, rec) : InsertStation(db, rec));
  GK_RETURN_IF_ERROR(tx.Commit());
  return index;
}

Result<AttemptEnrollment> EnrollStationFromAttempt(HubDb& db, const AdminSigner& admin,
                                                   const std::string& station,
                                                   const std::optional<std::string>& unit,
                                                   int64_t now) {
  GK_ASSIGN_OR_RETURN(std::optional<UploadAttempt> attempt, FindUploadAttempt(db, station));
  if (!attempt) {
    return NotFound("no_attempt", "没有站点 " + station +
                                      " 尝试上传的记录（或它已登记）；请用 --key 和 --unit 登记");
  }
  if (!attempt->key) {
    return FailedPrecondition(
        "attempt_without_key",
        "站点 " + station +
            " 上传时没有附上可核验的公钥；请向村里要 gongkai-station config 显示的本站公钥，用 "
            "--key 登记");
  }
  AttemptEnrollment out;
  out.key = MakeVerifierKey(station, *attempt->key);
  if (unit) {
    out.unit = *unit;
  } else if (attempt->unit) {
    out.unit = *attempt->unit;
  } else {
    return InvalidArgument("attempt_without_unit",
                           "站点 " + station + " 上传时没有附上单位名称；请用 --unit 指定", "unit");
  }
  GK_ASSIGN_OR_RETURN(out.log_index, EnrollStation(db, admin, station, out.unit, out.key, now));
  return out;
}

Result<uint64_t> RevokeStation(HubDb& db, const AdminSigner& admin, const std::string& station,
                               const std::string& reason, int64_t now) {
  Revocation r{station, reason, admin.name, now};
  GK_RETURN_IF_ERROR(RefuseBlankReason(reason));
  GK_RETURN_IF_ERROR(ValidateRevocation(r));
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(RequireActiveAdmin(db, admin));
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
