// StationStore::RecordPosting and LoadPostings: posting records (公开记录,
// docs/postings.md). A record is sealed at once into a change set of its
// own, so it is in the outbox — and has its id — when the command returns.
#include <algorithm>

#include "core/catalog/set_value.h"
#include "core/catalog/validate.h"
#include "core/changeset/changeset.h"
#include "core/record/envelope.h"
#include "station/store/approved_catalog.h"
#include "station/store/station_store.h"

namespace gongkai::station {
namespace {

bool ChannelOfRow(const Row& row, const std::string& channel) {
  std::vector<std::string> set = SplitSetValue(row.Get(Field::kChannels));
  if (std::find(set.begin(), set.end(), channel) != set.end()) return true;
  return !row.Get(Field::kChannelsOther).empty() && row.Get(Field::kChannelsOther) == channel;
}

// The station's own view of the hub's rules (hub/ingest/check_postings.h),
// so a clerk hears of a mistake before the record travels.
Status CheckAgainstRow(const Row* row, const std::string& unit, const PostingOp& op) {
  if (!row) {
    return NotFound("unknown_row", "已批准的目录中没有条目 " + op.row_id +
                                       "（新建的条目要等镇里批准后才能登记公开记录）");
  }
  if (row->unit != unit) {
    return PermissionDenied("outside_unit", "条目 " + op.row_id + " 属于 " + row->unit +
                                                "，本站只能登记 " + unit + " 的公开记录");
  }
  if (row->retired) {
    return FailedPrecondition("row_retired", "条目 " + op.row_id + " 已撤销，不能再登记公开记录");
  }
  for (const std::string& c : op.channels) {
    if (!ChannelOfRow(*row, c)) {
      return InvalidArgument(
          "channel_not_in_row",
          "“" + c + "”不是这个条目的公开渠道，可选: " + row->Get(Field::kChannels) +
              (row->Get(Field::kChannelsOther).empty() ? std::string()
                                                       : "、" + row->Get(Field::kChannelsOther)));
    }
  }
  return Status::Ok();
}

Status CollectPostings(const Bytes& envelope, const std::string& state, uint64_t seq,
                       int64_t created_at, const std::string& code, const std::string& reason,
                       const std::optional<std::string>& row_id, std::vector<StationPosting>* out) {
  Result<Envelope> env = DecodeEnvelope(envelope);
  if (!env.ok()) return env.status();
  Result<ChangeSet> cs = DecodeChangeSet(env->body);
  if (!cs.ok()) return cs.status();
  Hash32 id = ChangeSetId(env->body);
  for (size_t j = 0; j < cs->postings.size(); ++j) {
    if (row_id && cs->postings[j].row_id != *row_id) continue;
    StationPosting p;
    p.op_index = cs->ops.size() + j;
    p.record_id = PostingRecordId(id, p.op_index);
    p.seq = seq;
    p.changeset_id = id;
    p.op = cs->postings[j];
    p.created_at = created_at;
    p.state = state;
    p.code = code;
    p.reason = reason;
    out->push_back(std::move(p));
  }
  return Status::Ok();
}

Result<std::vector<StationPosting>> LoadPostingsLocked(Database& db,
                                                       const std::optional<std::string>& row_id) {
  std::vector<StationPosting> out;
  GK_ASSIGN_OR_RETURN(Statement refused,
                      db.Prepare("SELECT seq, envelope, created_at, code, reason FROM "
                                 "refused_changesets WHERE role = 'refused' ORDER BY refusal_id"));
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, refused.Step());
    if (!has) break;
    GK_RETURN_IF_ERROR(CollectPostings(
        refused.ColumnBlob(1), kPostingRefused, static_cast<uint64_t>(refused.ColumnInt(0)),
        refused.ColumnInt(2), refused.ColumnText(3), refused.ColumnText(4), row_id, &out));
  }
  GK_RETURN_IF_ERROR(ForEachOutboxEntry(db, {}, [&](OutboxEntry e) -> Status {
    std::string state = e.state == OutboxState::kApproved ? "accepted" : OutboxStateName(e.state);
    return CollectPostings(e.envelope, state, e.seq, e.created_at, e.reject_code, e.reject_reason,
                           row_id, &out);
  }));
  std::stable_sort(out.begin(), out.end(), [](const StationPosting& a, const StationPosting& b) {
    return a.created_at < b.created_at;
  });
  return out;
}

// Everything RecordPosting checks against the store, inside the caller's
// transaction.
Status CheckPostingLocked(Database& db, const std::string& unit, const PostingOp& op) {
  GK_ASSIGN_OR_RETURN(Catalog approved, LoadApprovedCatalog(db));
  GK_RETURN_IF_ERROR(CheckAgainstRow(approved.Find(op.row_id), unit, op));
  if (op.supersedes) {
    GK_ASSIGN_OR_RETURN(std::vector<StationPosting> mine, LoadPostingsLocked(db, op.row_id));
    auto it = std::find_if(mine.begin(), mine.end(), [&](const StationPosting& p) {
      return p.record_id == *op.supersedes && p.state != kPostingRefused;
    });
    if (it == mine.end()) {
      return NotFound("unknown_supersedes",
                      "本站没有这个条目的这条公开记录，请用 gongkai-station records 查看记录编号");
    }
    for (const StationPosting& p : mine) {
      if (p.op.supersedes == op.supersedes && p.state != kPostingRefused) {
        return Status(Code::kFailedPrecondition, "already_superseded",
                      "这条公开记录已被更正过，请更正最新的那一条");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<StationPosting> StationStore::RecordPosting(const PrivateKey& key, const PostingOp& op,
                                                   int64_t now) {
  if (key.public_key() != info_.public_key) {
    return DataLoss("key_mismatch", "签名密钥不是本站的密钥 (key does not match this station)");
  }
  GK_RETURN_IF_ERROR(ValidatePosting(op));
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(CheckPostingLocked(db_, info_.unit, op));
  GK_ASSIGN_OR_RETURN(ApprovedState state, LoadApprovedState(db_));
  GK_ASSIGN_OR_RETURN(OutboxTip tip, LoadOutboxTip(db_));
  ChangeSet cs;
  cs.station = info_.station_id;
  cs.seq = tip.seq + 1;
  cs.prev = tip.id;
  cs.base_version = state.version;
  cs.created_at = now;
  cs.note = "公开记录";
  cs.postings.push_back(op);
  GK_RETURN_IF_ERROR(ValidateChangeSet(cs));
  GK_RETURN_IF_ERROR(CheckChangeSetVisible(cs));
  OutboxEntry e = SealedOutboxEntry(cs, key, cs.note, now, now);
  GK_RETURN_IF_ERROR(InsertOutbox(db_, e));
  GK_RETURN_IF_ERROR(tx.Commit());
  StationPosting out;
  out.op_index = 0;
  out.record_id = PostingRecordId(e.changeset_id, 0);
  out.seq = e.seq;
  out.changeset_id = e.changeset_id;
  out.op = op;
  out.created_at = now;
  out.state = "sealed";
  return out;
}

Status StationStore::CheckPosting(const PostingOp& op) {
  GK_RETURN_IF_ERROR(ValidatePosting(op));
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return CheckPostingLocked(db_, info_.unit, op);
}

Result<std::vector<StationPosting>> StationStore::LoadPostings(
    const std::optional<std::string>& row_id) {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return LoadPostingsLocked(db_, row_id);
}

}  // namespace gongkai::station
