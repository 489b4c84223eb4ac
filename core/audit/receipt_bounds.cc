#include "core/audit/receipt_bounds.h"

#include <algorithm>

namespace gongkai {

ReceiptBounds BoundReceipt(uint64_t index, std::span<const WitnessedSize> witnessed,
                           size_t quorum) {
  const size_t k = std::max<size_t>(quorum, 1);
  ReceiptBounds b;
  for (const WitnessedSize& w : witnessed) {
    if (w.timestamps.size() < k) continue;
    std::vector<uint64_t> t = w.timestamps;
    std::sort(t.begin(), t.end());
    if (w.size > index) {
      uint64_t at = t[k - 1];  // K witnesses had seen the entry by then
      if (!b.not_after || at < *b.not_after) {
        b.not_after = at;
        b.not_after_size = w.size;
      }
    } else {
      uint64_t at = t[t.size() - k];  // K witnesses had not seen it by then
      if (!b.not_before || at > *b.not_before) {
        b.not_before = at;
        b.not_before_size = w.size;
      }
    }
  }
  return b;
}

ReceiptVerdict JudgeReceipt(const ReceiptBounds& b, deadline::Date deadline) {
  if (b.not_after && deadline::DateInChina(static_cast<int64_t>(*b.not_after)) <= deadline) {
    return ReceiptVerdict::kOnTime;
  }
  if (b.not_before && deadline::DateInChina(static_cast<int64_t>(*b.not_before)) > deadline) {
    return ReceiptVerdict::kLate;
  }
  return ReceiptVerdict::kUndetermined;
}

const char* ReceiptVerdictName(ReceiptVerdict v) {
  switch (v) {
    case ReceiptVerdict::kOnTime:
      return "on_time";
    case ReceiptVerdict::kLate:
      return "late";
    case ReceiptVerdict::kUndetermined:
      return "undetermined";
  }
  return "undetermined";
}

const char* ReceiptVerdictLabel(ReceiptVerdict v) {
  switch (v) {
    case ReceiptVerdict::kOnTime:
      return "按时收到";
    case ReceiptVerdict::kLate:
      return "逾期收到";
    case ReceiptVerdict::kUndetermined:
      return "无法判定";
  }
  return "无法判定";
}

}  // namespace gongkai
