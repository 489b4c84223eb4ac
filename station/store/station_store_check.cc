// StationStore: the full self-check (gongkai-station check, crash tests).
#include "core/changeset/changeset.h"
#include "core/record/envelope.h"
#include "station/store/station_keys.h"
#include "station/store/station_store.h"

namespace gongkai::station {
namespace {

Status Broken(uint64_t seq, const std::string& what) {
  return DataLoss("outbox_broken", "发件箱序号 " + std::to_string(seq) + " 有误: " + what +
                                       "；请联系镇政务公开办 (outbox chain broken)");
}

}  // namespace

Status StationStore::VerifyOutboxChain() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> entries, LoadOutbox(db_));
  // Change sets the hub took before a rekey keep the key of their day
  // (station_keys.h); those in flight carry the current one.
  GK_ASSIGN_OR_RETURN(std::vector<PublicKey> retired, RetiredKeys(db_));
  uint64_t expected = 1;
  Hash32 prev{};
  for (const OutboxEntry& e : entries) {
    if (e.seq != expected) return Broken(e.seq, "expected seq " + std::to_string(expected));
    if (e.prev != prev) return Broken(e.seq, "prev does not name the previous change set");
    auto env = DecodeEnvelope(e.envelope);
    if (!env.ok()) return Broken(e.seq, env.status().message());
    if (env->kind != EnvelopeKind::kChangeSet || env->signer != info_.station_id) {
      return Broken(e.seq, "not a change set signed by this station");
    }
    Status sig = VerifyEnvelope(*env, info_.public_key);
    bool in_flight = e.state == OutboxState::kSealed || e.state == OutboxState::kSent;
    for (size_t k = 0; !sig.ok() && !in_flight && k < retired.size(); ++k) {
      if (VerifyEnvelope(*env, retired[k]).ok()) sig = Status::Ok();
    }
    if (!sig.ok()) return Broken(e.seq, sig.message());
    if (ChangeSetId(env->body) != e.changeset_id) return Broken(e.seq, "id does not match body");
    auto cs = DecodeChangeSet(env->body);
    if (!cs.ok()) return Broken(e.seq, cs.status().message());
    if (cs->seq != e.seq || cs->prev != e.prev || cs->station != info_.station_id ||
        cs->op_count() != e.op_count) {
      return Broken(e.seq, "body does not match the outbox record");
    }
    prev = e.changeset_id;
    ++expected;
  }
  return Status::Ok();
}

Status StationStore::FullCheck() {
  GK_RETURN_IF_ERROR(db_.IntegrityCheck());
  {
    GK_ASSIGN_OR_RETURN(Statement st, db_.Prepare("PRAGMA foreign_key_check"));
    GK_ASSIGN_OR_RETURN(bool bad, st.Step());
    if (bad) {
      return DataLoss("db_corrupt",
                      "数据库引用检查未通过 (foreign_key_check): table " + st.ColumnText(0));
    }
  }
  return VerifyOutboxChain();
}

}  // namespace gongkai::station
