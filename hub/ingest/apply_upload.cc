#include "hub/ingest/apply_upload.h"

#include <initializer_list>
#include <map>
#include <string_view>

#include "core/base/hex.h"
#include "core/base/http_status.h"
#include "core/base/reasons.h"
#include "core/deadline/period.h"
#include "hub/ingest/check_postings.h"
#include "hub/store/changeset_table.h"
#include "hub/store/evidence_table.h"
#include "hub/store/known_rows_table.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"
#include "hub/store/posting_table.h"
#include "hub/store/refused_upload_table.h"
#include "hub/store/station_table.h"

namespace gongkai::hub {
namespace {

Status Conflict(std::string reason, std::string message) {
  return Status(Code::kAborted, std::move(reason), std::move(message));
}

// Step 9: the unit rules. NotFound/PermissionDenied/Aborted for rejections;
// Internal-ish codes for database failures are returned through *db_error.
// Every op is checked, so the receipt can name all the refused ones
// (*bad_ops, up to kMaxNamedOps); the status is the first refusal's.
constexpr size_t kMaxNamedOps = 1000;

Status CheckOps(HubDb& db, const ChangeSet& cs, const std::string& unit, Status* db_error,
                std::vector<size_t>* bad_ops) {
  std::map<std::string, std::string> created;  // rows created earlier in this change set
  auto unit_of = [&](const std::string& id) -> std::optional<std::string> {
    if (auto it = created.find(id); it != created.end()) return it->second;
    Result<std::optional<std::string>> r = FindRowUnit(db, id);
    if (!r.ok()) {
      *db_error = r.status();
      return std::nullopt;
    }
    return *r;
  };
  // Messages are built only on the error path.
  auto msg = [](size_t i, std::initializer_list<std::string_view> parts) {
    std::string m = "第 ";
    m += std::to_string(i + 1);
    m += " 项修改: ";
    for (std::string_view p : parts) m += p;
    return m;
  };
  auto check = [&](size_t i, const Op& op) -> Status {
    if (const auto* c = std::get_if<CreateOp>(&op)) {
      if (c->row.unit != unit) {
        return PermissionDenied("outside_unit", msg(i, {"站点只能新建本单位（", unit,
                                                        "）的条目，这一条属于 ", c->row.unit}));
      }
      std::optional<std::string> existing = unit_of(c->row.id);
      if (!db_error->ok()) return *db_error;
      if (existing) return Conflict("row_exists", msg(i, {"条目编号已经存在: ", c->row.id}));
      created[c->row.id] = c->row.unit;
      return Status::Ok();
    }
    const std::string& id = OpRowId(op);
    std::optional<std::string> owner = unit_of(id);
    if (!db_error->ok()) return *db_error;
    if (!owner) return NotFound("unknown_row", msg(i, {"集镇中心没有这个条目: ", id}));
    if (*owner != unit) {
      return PermissionDenied("outside_unit", msg(i, {"条目 ", id, " 属于 ", *owner,
                                                      "，本站点只能修改 ", unit, " 的条目"}));
    }
    return Status::Ok();
  };
  Status first;
  for (size_t i = 0; i < cs.ops.size(); ++i) {
    Status s = check(i, cs.ops[i]);
    if (!db_error->ok()) return *db_error;
    if (s.ok()) continue;
    if (first.ok()) first = s;
    if (bad_ops->size() < kMaxNamedOps) bad_ops->push_back(i);
  }
  return first;
}

Receipt Duplicate(const Upload& up, uint64_t log_index) {
  Receipt r;
  r.index = up.index;
  r.status = ReceiptStatus::kDuplicate;
  r.station = up.changeset.station;
  r.seq = up.changeset.seq;
  r.id = up.id;
  r.log_index = log_index;
  return r;
}

}  // namespace

Receipt Rejected(const Upload& up, const Status& s) {
  Receipt r;
  r.index = up.index;
  r.status = ReceiptStatus::kRejected;
  if (up.error.ok() || up.error.reason() == reason::kSignerMismatch) {
    r.station = up.changeset.station;
    r.seq = up.changeset.seq;
    r.id = up.id;
  }
  r.code = s.reason();
  r.message = s.message();
  r.http_status = HttpStatusFor(s, HttpSubject::kBodyItem);
  return r;
}

namespace {

// Decides a decoded upload. For a rejection that belongs to a station —
// an unenrolled id, or an enrolled station's authenticated upload — fills
// *record with whom to record it for (hub/store/refused_upload_table.h).
Result<Receipt> Decide(HubDb& db, const Upload& up, int64_t now, RefusedUpload* record) {
  const ChangeSet& cs = up.changeset;
  record->station = cs.station;
  record->seq = cs.seq;

  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> station, FindStation(db, cs.station));
  if (!station) {
    record->key = up.offered_key;
    record->unit = up.offered_unit;
    return Rejected(up,
                    PermissionDenied("unknown_station",
                                     "站点 " + cs.station + " 没有在集镇中心登记，请联系管理员"));
  }
  Status sig =
      up.verified_key == station->key ? Status::Ok() : VerifyEnvelope(up.envelope, station->key);
  GK_ASSIGN_OR_RETURN(std::optional<AcceptedChangeSet> same_seq,
                      FindChangeSet(db, cs.station, cs.seq));
  // Revocation comes before the equivocation check: a revoked station can
  // no longer make the hub store anything but the bounded refused-upload
  // row (a resend, with its key, of a change set accepted before the
  // revocation is still answered as a duplicate). A revoked station that
  // offers another key is recorded as an attempt with that key, for its
  // enrollment again.
  if (station->revoked && !(sig.ok() && same_seq && same_seq->id == up.id)) {
    if (up.offered_key && *up.offered_key != station->key) {
      record->key = up.offered_key;
      record->unit = up.offered_unit;
    }
    return Rejected(up,
                    PermissionDenied("station_revoked", "站点 " + cs.station +
                                                            " 已被撤销，不能再提交变更 (原因: " +
                                                            station->revoke_reason + ")"));
  }
  if (!sig.ok()) return Rejected(up, sig);
  if (same_seq) {
    if (same_seq->id == up.id) return Duplicate(up, same_seq->log_index);
    GK_ASSIGN_OR_RETURN(uint64_t kept, CountEquivocations(db, cs.station));
    if (kept < kMaxEvidencePerStation) {
      GK_RETURN_IF_ERROR(
          InsertEquivocation(db, Equivocation{cs.station, cs.seq, up.bytes, same_seq->id, now}));
    }
    return Rejected(
        up, Conflict("equivocation",
                     "站点 " + cs.station + " 的第 " + std::to_string(cs.seq) +
                         " 号变更集已收到过另一个不同的版本；" +
                         (kept < kMaxEvidencePerStation ? "已留存为证据"
                                                        : "此前已留存足够的证据，这一份不再保存") +
                         "，请联系管理员"));
  }

  GK_ASSIGN_OR_RETURN(std::optional<AcceptedChangeSet> last, LastChangeSet(db, cs.station));
  uint64_t expected = last ? last->seq + 1 : 1;
  if (cs.seq != expected) {
    return Rejected(up, Conflict("seq_gap", "变更集序号不连续：应为 " + std::to_string(expected) +
                                                "，收到 " + std::to_string(cs.seq)));
  }
  Hash32 expected_prev = last ? last->id : Hash32{};
  if (cs.prev != expected_prev) {
    return Rejected(up, Conflict("prev_mismatch", "变更集的 prev 与上一个已接收的变更集 (" +
                                                      HexEncode(expected_prev) + ") 不符"));
  }
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  if (cs.base_version > meta.catalog_version) {
    return Rejected(up, InvalidArgument("unknown_base_version",
                                        "变更集基于目录版本 " + std::to_string(cs.base_version) +
                                            "，但集镇中心最新的版本是 " +
                                            std::to_string(meta.catalog_version)));
  }
  Status db_error;
  std::vector<size_t> bad_ops;
  Status ops = CheckOps(db, cs, station->unit, &db_error, &bad_ops);
  GK_RETURN_IF_ERROR(db_error);
  if (!cs.postings.empty()) {
    Status postings = CheckPostings(db, cs, station->unit, now, &db_error, &bad_ops);
    GK_RETURN_IF_ERROR(db_error);
    if (ops.ok()) ops = postings;
  }
  if (!ops.ok()) {
    Receipt r = Rejected(up, ops);
    r.ops = std::move(bad_ops);
    return r;
  }

  GK_ASSIGN_OR_RETURN(uint64_t index, AppendLogEntry(db, EnvelopeKind::kChangeSet, up.bytes, now));
  GK_RETURN_IF_ERROR(InsertChangeSet(db, AcceptedChangeSet{cs.station, cs.seq, up.id, index,
                                                           cs.base_version, cs.ops.size(), now}));
  for (const Op& op : cs.ops) {
    if (const auto* c = std::get_if<CreateOp>(&op)) {
      GK_RETURN_IF_ERROR(InsertKnownRow(db, c->row.id, c->row.unit, up.id));
    }
  }
  // Postings need no approval: stored now, with the log entry's time.
  for (size_t j = 0; j < cs.postings.size(); ++j) {
    StoredPosting p;
    p.op_index = cs.ops.size() + j;
    p.record_id = PostingRecordId(up.id, p.op_index);
    p.changeset = up.id;
    p.log_index = index;
    p.station = cs.station;
    p.unit = station->unit;
    p.period_key = deadline::PeriodKey(cs.postings[j].period);
    p.received_at = now;
    p.op = cs.postings[j];
    GK_RETURN_IF_ERROR(InsertPosting(db, p));
  }
  // "Refused since its last accepted one": this one clears the record.
  GK_RETURN_IF_ERROR(ClearRefusedUploads(db, cs.station));
  Receipt r;
  r.index = up.index;
  r.status = ReceiptStatus::kAccepted;
  r.station = cs.station;
  r.seq = cs.seq;
  r.id = up.id;
  r.log_index = index;
  return r;
}

// An upload whose envelope decoded but whose change set did not (a value
// the hub's rules refuse, say): recorded for the envelope's signer when it
// is an enrolled station and the signature verifies with its key, so that
// nobody else can fill its rows. Nothing is recorded for bytes that are
// not a change-set envelope, nor for a signer_mismatch.
Result<bool> AttributeUndecoded(HubDb& db, const Upload& up, RefusedUpload* record) {
  if (!up.envelope_ok || up.error.reason() == reason::kSignerMismatch ||
      up.error.code() == Code::kDataLoss) {
    return false;
  }
  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> station, FindStation(db, up.envelope.signer));
  if (!station || !VerifyEnvelope(up.envelope, station->key).ok()) return false;
  record->station = up.envelope.signer;
  record->seq = 0;
  return true;
}

}  // namespace

Result<Receipt> ApplyUpload(HubDb& db, const Upload& up, int64_t now) {
  RefusedUpload record;
  Receipt r;
  if (!up.error.ok()) {
    r = Rejected(up, up.error);
    if (up.bad_op) r.ops.push_back(*up.bad_op);
    GK_ASSIGN_OR_RETURN(bool attributed, AttributeUndecoded(db, up, &record));
    if (!attributed) return r;
  } else {
    GK_ASSIGN_OR_RETURN(r, Decide(db, up, now, &record));
    if (r.status != ReceiptStatus::kRejected) return r;
  }
  record.code = r.code;
  record.message = r.message;
  record.first_at = now;
  record.last_at = now;
  // Which change set, so that a USB catalog bundle can carry the refusal
  // back to the station (it has no other way to hear of it).
  if (up.envelope_ok) record.id = up.error.ok() ? up.id : ChangeSetId(up.envelope.body);
  record.ops = r.ops;
  GK_RETURN_IF_ERROR(RecordRefusedUpload(db, record));
  return r;
}

}  // namespace gongkai::hub
