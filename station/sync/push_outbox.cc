#include "station/sync/push_outbox.h"

#include "core/record/envelope_batch.h"
#include "station/sync/upload_answer.h"

namespace gongkai::station {
namespace {

// An answer with no receipts: the hub refused the request as a whole.
Status RefusedWhole(int http_status, const UploadAnswer& a) {
  std::string msg = "镇服务器拒绝了上传 (HTTP " + std::to_string(http_status) + " " + a.error_code +
                    "): " + a.error_message;
  if (http_status == 503 || http_status == 429) return Unavailable(a.error_code, msg);
  if (http_status == 401 || http_status == 403) return PermissionDenied(a.error_code, msg);
  if (http_status >= 500) return Unavailable(a.error_code, msg);
  return FailedPrecondition(a.error_code, msg);
}

}  // namespace

Result<PushReport> PushOutbox(StationStore& store, const PostFn& post, const PushOptions& opts,
                              int64_t now) {
  GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> outbox, store.OutboxToSend());
  PushReport report;
  size_t max_count = std::max<size_t>(1, opts.max_changesets_per_request);
  size_t next = 0;
  while (next < outbox.size()) {
    // The next batch: at least one change set, within both caps.
    std::vector<const OutboxEntry*> batch;
    size_t bytes = 0;
    for (size_t i = next; i < outbox.size() && batch.size() < max_count; ++i) {
      if (!batch.empty() && bytes + outbox[i].envelope.size() > opts.max_request_bytes) break;
      batch.push_back(&outbox[i]);
      bytes += outbox[i].envelope.size();
    }
    std::vector<uint64_t> seqs;
    std::vector<Bytes> envelopes;
    for (const OutboxEntry* e : batch) {
      seqs.push_back(e->seq);
      envelopes.push_back(e->envelope);
    }
    Bytes body = EncodeEnvelopeBatch(envelopes);
    GK_ASSIGN_OR_RETURN(HttpsResponse resp, post(std::string(body.begin(), body.end())));
    // The hub has seen them (a refused connection, e.g. a wrong certificate,
    // never gets here).
    GK_RETURN_IF_ERROR(store.MarkSent(seqs, now));
    if (resp.status == 413 && batch.size() > 1) {
      max_count = batch.size() / 2;  // too big for this hub: smaller batches
      continue;
    }
    Result<UploadAnswer> parsed = ParseUploadAnswer(resp.body);
    if (!parsed.ok() && (resp.status >= 500 || resp.status == 429)) {
      // e.g. a 502 page of a proxy in front of the hub: try again later.
      return Unavailable("hub_unavailable", "镇服务器暂时无法处理上传 (HTTP " +
                                                std::to_string(resp.status) + ")，请稍后再试");
    }
    GK_ASSIGN_OR_RETURN(UploadAnswer answer, std::move(parsed));
    if (answer.receipts.empty()) return RefusedWhole(resp.status, answer);

    std::vector<Receipt> to_record;
    bool rejected = false;
    for (const UploadReceipt& u : answer.receipts) {
      if (u.index >= batch.size()) {
        return DataLoss("receipt_mismatch", "镇服务器的回执编号超出了本次上传的范围");
      }
      const OutboxEntry& e = *batch[u.index];
      if (u.id && *u.id != e.changeset_id) {
        return DataLoss("receipt_mismatch", "镇服务器回执中的变更集编号与本站发出的不符 (seq " +
                                                std::to_string(e.seq) + ")");
      }
      Receipt r;
      r.seq = e.seq;
      r.changeset_id = e.changeset_id;
      r.kind = u.status == "accepted"    ? Receipt::Kind::kAccepted
               : u.status == "duplicate" ? Receipt::Kind::kDuplicate
                                         : Receipt::Kind::kRejected;
      r.log_index = u.log_index;
      r.code = u.code;
      r.reason = u.message;
      to_record.push_back(r);
      report.results.push_back(
          PushedChangeSet{e.seq, e.changeset_id, u.status, u.log_index, u.code, u.message});
      if (r.kind == Receipt::Kind::kRejected) {
        rejected = true;
        break;  // the ones after it were refused only because of it
      }
    }
    GK_RETURN_IF_ERROR(store.RecordReceipts(to_record, now));
    if (rejected) {
      report.stopped_at_rejection = true;
      break;
    }
    if (answer.receipts.size() < batch.size()) {
      return DataLoss("receipt_mismatch", "镇服务器的回执少于本次上传的变更集");
    }
    next += batch.size();
  }
  return report;
}

}  // namespace gongkai::station
