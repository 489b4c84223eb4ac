#include "station/sync/push_outbox.h"

#include "core/changeset/changeset.h"
#include "core/changeset/refusal.h"
#include "core/feed/api_paths.h"
#include "core/record/envelope.h"
#include "core/record/envelope_batch.h"
#include "station/sync/hub_error.h"
#include "station/sync/reasons.h"
#include "station/sync/upload_answer.h"

namespace gongkai::station {
namespace {

// The hub's receipts do not fit what was sent: what does not fit is not
// recorded, and the next sync sends every change set still without a
// receipt again (the hub knows them as duplicates).
Status ReceiptMismatch(const std::string& what) {
  return DataLoss("receipt_mismatch",
                  what +
                      "；不符的回执本站没有采用，下次同步会再发还没有回执的变更集"
                      "（镇服务器认得重复的）。若一再出现，请联系镇政务公开办");
}

// An answer with no receipts: the hub refused the request as a whole.
Status RefusedWhole(int http_status, const UploadAnswer& a) {
  return HubRefusal(http_status, HubError{a.error_code, a.error_message}, "上传");
}

// outside_unit for creates of rows in this station's own unit means the hub
// enrolled the station under another unit name: a problem of the station's
// enrolment, not of the edits.
bool EnrolledUnderAnotherUnit(const std::string& code, const std::vector<size_t>& ops,
                              const OutboxEntry& e, const std::string& unit) {
  if (code != refusal::kOutsideUnit) return false;
  Result<Envelope> env = DecodeEnvelope(e.envelope);
  if (!env.ok()) return false;
  Result<ChangeSet> cs = DecodeChangeSet(env->body);
  if (!cs.ok()) return false;
  std::vector<size_t> named = ops;
  if (named.empty()) {
    for (size_t i = 0; i < cs->ops.size(); ++i) named.push_back(i);
  }
  for (size_t i : named) {
    const auto* c = i < cs->ops.size() ? std::get_if<CreateOp>(&cs->ops[i]) : nullptr;
    if (!c || c->row.unit != unit) return false;
  }
  return true;
}

constexpr const char* kKept = "本站的修改都还保存着，问题解决后再同步就会全部上传";

// At most this many change sets are returned in one push: each return holds
// at least one row, so the loop ends anyway; this bounds a confused hub.
constexpr size_t kMaxReturnsPerPush = 1000;

}  // namespace

size_t PushReport::Accepted() const {
  size_t n = 0;
  for (const PushedChangeSet& p : results) n += p.status != receipt_status::kRejected;
  return n;
}

Status WholeRefusal(const std::string& code, const std::string& message, const std::string& vkey) {
  const std::string hub = "（镇服务器: " + message + "）";
  if (code == refusal::kUnknownStation) {
    return PermissionDenied(code, "本站还没有在镇服务器登记：请把本站公钥交给镇政务公开办登记，" +
                                      std::string(kKept) + "。本站公钥: " + vkey);
  }
  if (code == refusal::kStationRevoked) {
    return PermissionDenied(code, "本站已被镇里撤销登记" + hub + "：请联系镇政务公开办重新登记本站，" +
                                      kKept + "。本站公钥: " + vkey);
  }
  if (code == refusal::kBadSignature) {
    return PermissionDenied(code, "镇服务器登记的本站公钥与本站的不一致：请把本站公钥交给镇政务公开办"
                                  "核对后重新登记，" +
                                      std::string(kKept) + "。本站公钥: " + vkey);
  }
  if (code == kUnitNotEnrolled) {
    return PermissionDenied(code, "镇服务器登记的本站单位与本站设置的不一致" + hub +
                                      "：请镇政务公开办核对本站的登记，" + kKept + "。本站公钥: " +
                                      vkey);
  }
  if (ScopeOfRefusal(code) == RefusalScope::kChain) {
    return FailedPrecondition(code, "镇服务器记录的本站变更集序号与本站的不一致" + hub +
                                        "——一方可能是从旧备份恢复的。" + kKept +
                                        "；请联系镇政务公开办核对。");
  }
  return FailedPrecondition(code, "镇服务器暂不能接收本站的变更集" + hub + "：" + kKept +
                                      "；请联系镇政务公开办。");
}

Result<RefusalTaken> TakeRefusal(StationStore& store, const PrivateKey& key,
                                 const OutboxEntry& entry, const std::string& hub_code,
                                 const std::string& message, const std::vector<size_t>& ops,
                                 int64_t now) {
  RefusalTaken taken;
  std::string code = hub_code;
  if (EnrolledUnderAnotherUnit(code, ops, entry, store.info().unit)) code = kUnitNotEnrolled;
  if (code == kUnitNotEnrolled || ScopeOfRefusal(code) != RefusalScope::kEdits) {
    GK_RETURN_IF_ERROR(store.RecordStationRefusal(StationRefusal{code, message, now}));
    taken.whole = WholeRefusal(code, message, store.info().VerifierKey());
    return taken;
  }
  Refusal refusal{entry.seq, entry.changeset_id, hub_code, message, ops};
  GK_ASSIGN_OR_RETURN(ReturnedChangeSets back, store.ReturnRefused(key, refusal, now));
  if (back.refused_seq == 0) {
    return ReceiptMismatch("镇服务器退回了一个本站已有定论的变更集 (seq " +
                           std::to_string(entry.seq) + ")");
  }
  taken.returned = ReturnedReport{entry.seq,
                                  hub_code,
                                  message,
                                  std::move(back.held_rows),
                                  back.returned_edits,
                                  std::move(back.resealed),
                                  back.refused_postings};
  return taken;
}

Result<PushReport> PushOutbox(StationStore& store, const PrivateKey& key, const PostFn& post,
                              const PushOptions& opts, int64_t now) {
  PushReport report;
  size_t max_count = std::max<size_t>(1, opts.max_changesets_per_request);
  // Each pass sends what the outbox holds; a change set returned for its
  // edits re-seals the ones after it, and the next pass sends those.
  for (;;) {
    GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> outbox, store.OutboxToSend());
    bool returned_one = false;
    size_t next = 0;
    while (next < outbox.size() && !returned_one) {
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
      report.nothing_new = answer.nothing_new;  // the last batch's verdict stands

      std::vector<Receipt> to_record;
      const UploadReceipt* refused = nullptr;
      const OutboxEntry* refused_entry = nullptr;
      for (const UploadReceipt& u : answer.receipts) {
        if (u.index >= batch.size()) {
          return ReceiptMismatch("镇服务器的回执编号超出了本次上传的范围");
        }
        const OutboxEntry& e = *batch[u.index];
        // A receipt names the change set by its id, or — in the short
        // push's receipts, which leave the id out — by its seq.
        if ((u.id && *u.id != e.changeset_id) ||
            (!u.id && u.status != receipt_status::kRejected && u.seq != e.seq)) {
          return ReceiptMismatch("镇服务器回执中的变更集编号与本站发出的不符 (seq " +
                                 std::to_string(e.seq) + ")");
        }
        report.results.push_back(
            PushedChangeSet{e.seq, e.changeset_id, u.status, u.log_index, u.code, u.message});
        if (u.status == receipt_status::kRejected) {
          // The ones after it were refused only because of it.
          refused = &u;
          refused_entry = &e;
          break;
        }
        Receipt r;
        r.seq = e.seq;
        r.changeset_id = e.changeset_id;
        r.kind = u.status == receipt_status::kAccepted ? Receipt::Kind::kAccepted
                                                       : Receipt::Kind::kDuplicate;
        r.log_index = u.log_index;
        to_record.push_back(r);
      }
      GK_RETURN_IF_ERROR(store.RecordReceipts(to_record, now));
      if (refused) {
        if (report.returned.size() >= kMaxReturnsPerPush) {
          return DataLoss("bad_hub_answer", "镇服务器在一次同步中退回了过多的变更集；请稍后重试或联系管理员");
        }
        GK_ASSIGN_OR_RETURN(RefusalTaken taken,
                            TakeRefusal(store, key, *refused_entry, refused->code,
                                        refused->message, refused->ops, now));
        if (taken.whole) {
          // About the station, not its edits: nothing marked, stop here.
          report.refused_whole = std::move(taken.whole);
          return report;
        }
        report.returned.push_back(std::move(*taken.returned));
        returned_one = true;  // the outbox changed: send what it holds now
        break;
      }
      if (answer.receipts.size() < batch.size()) {
        return ReceiptMismatch("镇服务器的回执少于本次上传的变更集");
      }
      next += batch.size();
    }
    if (!returned_one) break;
  }
  return report;
}

PostFn ShortPushFirst(SendFn send, const std::optional<std::string>& poll, std::string* target) {
  const std::string short_form = std::string(api_path::kShortPush) + (poll ? "/" + *poll : "");
  const std::string long_form = std::string(kChangeSetsTarget) + (poll ? "&poll=" + *poll : "");
  auto older_hub = std::make_shared<bool>(false);
  return [=](const std::string& body) -> Result<HttpsResponse> {
    if (!*older_hub) {
      if (target) *target = short_form;
      Result<HttpsResponse> r = send(short_form, "", body);
      if (!r.ok() || r->status != 404) return r;
      *older_hub = true;  // a hub before the short push: nothing was read
    }
    if (target) *target = long_form;
    return send(long_form, "application/octet-stream", body);
  };
}

}  // namespace gongkai::station
