#include "hub/review/reject.h"

#include "core/catalog/validate.h"
#include "core/record/decision.h"
#include "core/record/envelope.h"
#include "hub/admin/admin_roster.h"
#include "hub/review/changeset_ref.h"
#include "hub/store/log_table.h"

namespace gongkai::hub {

Result<RejectPreview> PrepareReject(HubDb& db, const std::string& ref, const std::string& reason) {
  GK_ASSIGN_OR_RETURN(std::vector<LoggedChangeSet> undecided, ListUndecided(db));
  GK_ASSIGN_OR_RETURN(const LoggedChangeSet* cs, FindChangeSetRef(db, undecided, ref));
  GK_RETURN_IF_ERROR(RefuseBlankReason(reason));
  GK_RETURN_IF_ERROR(ValidateRejectionReason(reason));
  return RejectPreview{*cs, reason};
}

Result<RejectOutcome> Reject(HubDb& db, const AdminSigner& admin, const std::string& ref,
                             const std::string& reason, int64_t now) {
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(RequireActiveAdmin(db, admin));
  GK_ASSIGN_OR_RETURN(RejectPreview p, PrepareReject(db, ref, reason));
  const AcceptedChangeSet* cs = &p.changeset.meta;
  Rejection r{cs->id, cs->station, cs->seq, reason, admin.name, now};
  Bytes body = EncodeRejection(r);
  if (Result<Rejection> back = DecodeRejection(body); !back.ok()) {
    return Status(back.status().code(), back.status().reason(),
                  "退回理由无效: " + back.status().message(), "reason");
  }
  Envelope env = SignEnvelope(EnvelopeKind::kRejection, admin.name, std::move(body), admin.key);
  GK_ASSIGN_OR_RETURN(uint64_t index,
                      AppendLogEntry(db, EnvelopeKind::kRejection, EncodeEnvelope(env), now));
  GK_RETURN_IF_ERROR(InsertDecision(db, Decision{r.changeset, false, 0, reason, index}));
  GK_RETURN_IF_ERROR(DeleteResolutionsOf(db, r.changeset));
  GK_RETURN_IF_ERROR(tx.Commit());
  return RejectOutcome{std::move(r), index};
}

}  // namespace gongkai::hub
