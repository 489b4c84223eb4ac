#include "core/bundle/catalog_bundle.h"

#include "core/bundle/bundle_file.h"
#include "core/bundle/changeset_bundle.h"
#include "core/codec/wire.h"
#include "core/feed/catalog_answer.h"

namespace gongkai {

Bytes EncodeCatalogBundle(const CatalogBundle& b) {
  WireWriter w;
  w.U8(kCatalogBundleFormat);
  w.Str(b.station);
  w.U64(b.receipts.size());
  for (const BundleReceipt& r : b.receipts) {
    w.U64(r.seq);
    w.Fixed(r.id);
    w.U64(r.log_index);
    w.U8(static_cast<uint8_t>(r.inclusion.size()));
    for (const Hash32& h : r.inclusion) w.Fixed(h);
  }
  w.Blob(b.answer);
  return w.bytes();
}

Result<CatalogBundle> DecodeCatalogBundle(const Bytes& payload) {
  WireReader r(payload);
  uint8_t format = 0;
  r.U8(&format);
  GK_RETURN_IF_ERROR(r.status());
  if (format != kCatalogBundleFormat) {
    return DataLoss("unsupported_format", "不认识的目录文件版本 " + std::to_string(format));
  }
  CatalogBundle b;
  uint64_t n = 0;
  r.Str(&b.station, 64, "station");
  r.U64(&n);
  GK_RETURN_IF_ERROR(r.status());
  // A receipt takes at least 49 bytes.
  if (n > kMaxBundleChangeSets || n > r.remaining() / 49) {
    return DataLoss("too_many", "回执个数不对 (receipt count)");
  }
  b.receipts.resize(n);
  for (BundleReceipt& rc : b.receipts) {
    uint8_t k = 0;
    if (!r.U64(&rc.seq) || !r.Fixed(&rc.id) || !r.U64(&rc.log_index) || !r.U8(&k)) break;
    if (k > kMaxProofHashes) return DataLoss("too_many", "证明太长 (proof too long)");
    rc.inclusion.resize(k);
    for (Hash32& h : rc.inclusion) {
      if (!r.Fixed(&h)) break;
    }
  }
  r.Blob(&b.answer, kMaxBundlePayload, "answer");
  GK_RETURN_IF_ERROR(r.Finish());
  return b;
}

}  // namespace gongkai
