#include "core/record/envelope_batch.h"

#include <string>

#include "core/codec/wire.h"

namespace gongkai {

Bytes EncodeEnvelopeBatch(const std::vector<Bytes>& envelopes) {
  WireWriter w;
  w.U64(envelopes.size());
  for (const Bytes& e : envelopes) w.Blob(e);
  return w.bytes();
}

Result<std::vector<Bytes>> DecodeEnvelopeBatch(const Bytes& bytes, size_t max_count) {
  WireReader r(bytes);
  uint64_t count = 0;
  std::vector<Bytes> out;
  if (r.U64(&count)) {
    if (count == 0) {
      return InvalidArgument("empty_batch", "请求中没有任何变更集 (empty batch)");
    }
    if (count > max_count) {
      return ResourceExhausted("too_many_changesets", "一次最多提交 " + std::to_string(max_count) +
                                                          " 个变更集，本次有 " +
                                                          std::to_string(count) + " 个");
    }
    // Every element takes at least its 8-byte length, so a count larger than
    // that allows is a truncated batch, found before any allocation.
    if (count > r.remaining() / 8) {
      return DataLoss("truncated", "数据被截断 (truncated input)");
    }
    out.reserve(static_cast<size_t>(count));
    for (uint64_t i = 0; i < count; ++i) {
      Bytes e;
      if (!r.Blob(&e, kMaxEncodedEnvelope, "envelope")) break;
      out.push_back(std::move(e));
    }
  }
  GK_RETURN_IF_ERROR(r.Finish());
  return out;
}

}  // namespace gongkai
