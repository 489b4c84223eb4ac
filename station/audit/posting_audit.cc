#include "station/audit/posting_audit.h"

#include <algorithm>
#include <filesystem>

#include "core/base/hex.h"
#include "core/base/reasons.h"
#include "core/catalog/fields.h"
#include "core/deadline/due.h"
#include "core/deadline/schedule.h"
#include "core/log/checkpoint.h"
#include "core/log/cosignature.h"
#include "core/log/merkle.h"
#include "core/log/note.h"
#include "core/store/atomic_file.h"

namespace gongkai::station {

bool WitnessedTimes::Fail(Status s, bool invalid, std::string detail) {
  failure_ = AuditFailure{std::move(s), invalid, std::nullopt, std::move(detail)};
  return false;
}

bool WitnessedTimes::LoadSizes() {
  if (sizes_) return true;
  Result<std::vector<uint64_t>> sizes = source_.CosignedSizes();
  if (!sizes.ok()) return Fail(sizes.status(), false);
  std::vector<uint64_t> v;
  for (uint64_t s : *sizes) {
    if (s >= 1 && s <= latest_.size) v.push_back(s);
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  sizes_ = std::move(v);
  return true;
}

bool WitnessedTimes::Witnessed(uint64_t size, const WitnessedSize** out) {
  if (auto it = cache_.find(size); it != cache_.end()) {
    *out = &it->second;
    return true;
  }
  Result<std::string> note = source_.CheckpointNoteOfSize(size);
  if (!note.ok()) return Fail(note.status(), false);
  const std::string where = "第 " + std::to_string(size) + " 条时的检查点";
  Result<Checkpoint> cp = OpenCheckpoint(*note, hub_key_, hub_key_.name);
  if (!cp.ok()) {
    return Fail(Status(cp.status().code(), cp.status().reason(),
                       where + "没有通过验证: " + cp.status().message()),
                true);
  }
  if (cp->size != size) {
    return Fail(DataLoss("size_mismatch", where + "写的条数是 " + std::to_string(cp->size)), true);
  }
  // The same history as the verified log: equal at its size, else an
  // RFC 9162 consistency proof up to it.
  if (size == latest_.size) {
    if (cp->root != latest_.root) {
      return Fail(DataLoss("history_forked", where + "的根哈希与已核验的不同"), true);
    }
  } else {
    Result<std::vector<Hash32>> proof = source_.ConsistencyProof(size, latest_.size);
    if (!proof.ok()) return Fail(proof.status(), false);
    Status s = VerifyConsistency(size, latest_.size, cp->root, latest_.root, *proof);
    if (!s.ok()) {
      return Fail(DataLoss("history_forked", where + "与已核验的日志不一致: " + s.message()), true);
    }
  }
  Result<ParsedNote> parsed = ParseNote(*note);
  if (!parsed.ok()) return Fail(parsed.status(), true);
  Result<std::vector<Cosignature>> cos = VerifyCosignatures(*parsed, policy_.witnesses);
  if (!cos.ok()) {
    return Fail(Status(cos.status().code(), cos.status().reason(),
                       where + "的见证者联署没有通过验证: " + cos.status().message()),
                true);
  }
  WitnessedSize w;
  w.size = size;
  for (const Cosignature& c : *cos) w.timestamps.push_back(c.timestamp);
  *out = &cache_.emplace(size, std::move(w)).first->second;
  return true;
}

bool WitnessedTimes::Bound(uint64_t index, ReceiptBounds* out) {
  if (!LoadSizes()) return false;
  const size_t k = std::max<size_t>(policy_.quorum, 1);
  std::vector<WitnessedSize> around;
  const std::vector<uint64_t>& sizes = *sizes_;
  auto above = std::upper_bound(sizes.begin(), sizes.end(), index);  // first size > index
  for (auto it = above; it != sizes.end(); ++it) {
    const WitnessedSize* w = nullptr;
    if (!Witnessed(*it, &w)) return false;
    if (w->timestamps.size() >= k) {
      around.push_back(*w);
      break;
    }
  }
  for (auto it = above; it != sizes.begin();) {
    --it;
    const WitnessedSize* w = nullptr;
    if (!Witnessed(*it, &w)) return false;
    if (w->timestamps.size() >= k) {
      around.push_back(*w);
      break;
    }
  }
  *out = BoundReceipt(index, around, k);
  return true;
}

bool PostingsReport(const PostingLog& log, const Catalog& catalog, const deadline::Period& period,
                    const deadline::WorkCalendar& cal, WitnessedTimes& times,
                    std::vector<PostingVerdict>* out) {
  const std::string key = deadline::PeriodKey(deadline::FormatPeriod(period));
  for (const LoggedPosting& p : log.postings()) {
    if (deadline::PeriodKey(p.op.period) != key) continue;
    PostingVerdict v;
    v.posting = &p;
    v.superseded_by = log.SupersededBy(p.record_id);
    v.row = catalog.Find(p.op.row_id);
    if (!v.row) {
      v.not_judged = "unknown_row";
    } else {
      deadline::Schedule s = deadline::ParseTimeLimit(v.row->Get(Field::kTimeLimit));
      Result<deadline::Date> d = deadline::DeadlineFor(s, period, cal);
      if (d.ok()) {
        v.deadline = *d;
      } else {
        v.not_judged = d.status().reason();
      }
    }
    if (v.deadline) {
      if (!times.Bound(p.index, &v.bounds)) return false;
      v.verdict = JudgeReceipt(v.bounds, *v.deadline);
    }
    out->push_back(std::move(v));
  }
  return true;
}

bool CheckAttachments(const PostingLog& log, LogSource& source, const std::string& dir,
                      std::vector<AttachmentResult>* out, AuditFailure* failure) {
  for (const LoggedAttachment& a : AttachmentsOf(log)) {
    const std::string hex = HexEncode(a.ref.sha256);
    std::optional<std::string> bytes;
    if (!dir.empty()) {
      std::string path = (std::filesystem::path(dir) / hex).string();
      // Read a byte more than the log's size, so a longer file is seen as such.
      Result<std::string> r = ReadFile(path, a.ref.size + 1);
      if (r.ok()) {
        bytes = std::move(r).value();
      } else if (r.status().reason() == reason::kFileTooLarge) {
        bytes = std::string(a.ref.size + 1, '\0');  // longer than the log says
      } else if (r.status().reason() != reason::kFileMissing) {
        *failure = AuditFailure{r.status(), false, std::nullopt, {}};
        return false;
      }
    } else {
      Result<std::optional<std::string>> r = source.Attachment(hex);
      if (!r.ok()) {
        *failure = AuditFailure{r.status(), false, std::nullopt, {}};
        return false;
      }
      bytes = std::move(r).value();
    }
    out->push_back(AttachmentResult{a, CheckAttachment(a.ref, bytes ? &*bytes : nullptr)});
  }
  return true;
}

}  // namespace gongkai::station
