#include "core/feed/receipts_answer.h"

#include "core/codec/wire.h"

namespace gongkai {
namespace {

constexpr uint8_t kAccepted = 1;
constexpr uint8_t kDuplicate = 2;
constexpr size_t kReceiptBytes = 1 + 8 + 32 + 8;
constexpr size_t kShortReceiptBytes = 1 + 8 + 8;

Bytes Encode(uint8_t format, const std::vector<CompactReceipt>& receipts,
             std::optional<bool> nothing_new) {
  WireWriter w;
  w.U8(format);
  if (nothing_new) w.U8(*nothing_new ? 1 : 0);
  w.U64(receipts.size());
  for (const CompactReceipt& r : receipts) {
    w.U8(r.duplicate ? kDuplicate : kAccepted);
    w.U64(r.seq);
    if (format != kShortReceiptsFormat) w.Fixed(r.id.value_or(Hash32{}));
    w.U64(r.log_index);
  }
  return w.bytes();
}

}  // namespace

Bytes EncodeCompactReceipts(const std::vector<CompactReceipt>& receipts,
                            std::optional<bool> nothing_new) {
  return Encode(nothing_new ? kReceiptsWithPollFormat : kReceiptsFormat, receipts, nothing_new);
}

Bytes EncodeShortReceipts(const std::vector<CompactReceipt>& receipts, bool nothing_new) {
  return Encode(kShortReceiptsFormat, receipts, nothing_new);
}

Result<CompactReceipts> DecodeCompactReceipts(const Bytes& bytes) {
  WireReader r(bytes);
  uint8_t format = 0;
  GK_RETURN_IF_ERROR(r.ByteFormat({kReceiptsFormat, kReceiptsWithPollFormat, kShortReceiptsFormat},
                                  "不认识的回执格式版本 ", &format));
  CompactReceipts answer;
  const bool with_ids = format != kShortReceiptsFormat;
  if (format != kReceiptsFormat) {
    uint8_t poll = 0;
    r.U8(&poll);
    GK_RETURN_IF_ERROR(r.status());
    if (poll > 1) {
      return DataLoss("bad_verdict",
                      "回执里对下一次询问的答复不对 (poll verdict " + std::to_string(poll) + ")");
    }
    answer.nothing_new = poll == 1;
  }
  uint64_t n = 0;
  r.Count(&n, UINT64_MAX, with_ids ? kReceiptBytes : kShortReceiptBytes, "too_many",
          "回执个数与长度不符 (receipt count)");
  answer.receipts.resize(n);
  for (CompactReceipt& c : answer.receipts) {
    uint8_t status = 0;
    if (!r.U8(&status)) break;
    if (status != kAccepted && status != kDuplicate) {
      return DataLoss("bad_status",
                      "回执的状态不对 (receipt status " + std::to_string(status) + ")");
    }
    c.duplicate = status == kDuplicate;
    r.U64(&c.seq);
    if (with_ids) r.Fixed(&c.id.emplace());
    r.U64(&c.log_index);
  }
  GK_RETURN_IF_ERROR(r.Finish());
  return answer;
}

}  // namespace gongkai
