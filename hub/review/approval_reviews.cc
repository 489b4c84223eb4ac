#include "hub/review/approval_reviews.h"

#include "core/record/envelope.h"
#include "hub/store/admin_table.h"
#include "hub/store/log_table.h"

namespace gongkai::hub {

Result<std::vector<LoggedReview>> ReviewsForVersion(HubDb& db, uint64_t version,
                                                    const Hash32& parent) {
  GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
  GK_ASSIGN_OR_RETURN(std::vector<LogEntry> entries,
                      ReadLogEntriesOfKind(db, EnvelopeKind::kReview, size));
  std::vector<LoggedReview> out;
  for (LogEntry& e : entries) {
    Result<Envelope> env = DecodeEnvelope(e.entry);
    Result<Review> v = env.ok() ? DecodeReview(env->body) : Result<Review>(env.status());
    if (!v.ok()) {
      return DataLoss("db_corrupt", "日志第 " + std::to_string(e.index) +
                                        " 条审查记录无法解析: " + v.status().message());
    }
    if (v->version != version || v->parent_hash != parent) continue;
    LoggedReview r;
    r.log_index = e.index;
    GK_ASSIGN_OR_RETURN(std::optional<AdminRecord> admin, FindAdmin(db, env->signer));
    // A revoked (or re-keyed) administrator's review no longer counts.
    r.counts = admin && admin->active() && VerifyEnvelope(*env, admin->key).ok();
    r.review = std::move(v).value();
    r.entry = std::move(e.entry);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<ReviewView>> ReviewsOfProposal(HubDb& db, const ProposedHead& head) {
  GK_ASSIGN_OR_RETURN(std::vector<LoggedReview> logged,
                      ReviewsForVersion(db, head.approved.version + 1, head.approved.hash));
  std::vector<Hash32> ids;
  for (const LoggedChangeSet& l : head.undecided) ids.push_back(l.meta.id);
  std::vector<ReviewView> out;
  for (const LoggedReview& r : logged) {
    const bool current = r.review.changesets == ids && r.review.result_hash == head.proposed.Hash();
    out.push_back(ReviewView{r.log_index, r.review.admin,
                             !r.counts ? ReviewState::kRevoked
                             : current ? ReviewState::kWaiting
                                       : ReviewState::kStale});
  }
  return out;
}

const char* ReviewStateName(ReviewState s) {
  switch (s) {
    case ReviewState::kWaiting:
      return "waiting";
    case ReviewState::kStale:
      return "stale";
    case ReviewState::kRevoked:
      return "revoked";
  }
  return "unknown";
}

}  // namespace gongkai::hub
