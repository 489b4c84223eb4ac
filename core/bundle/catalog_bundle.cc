#include "core/bundle/catalog_bundle.h"

#include "core/bundle/bundle_file.h"
#include "core/bundle/changeset_bundle.h"
#include "core/codec/wire.h"
#include "core/feed/catalog_answer.h"

namespace gongkai {

Bytes EncodeCatalogBundle(const CatalogBundle& b) {
  WireWriter w;
  w.U8(b.refusals.empty() ? kCatalogBundleFormat : kCatalogBundleFormatRefusals);
  w.Str(b.station);
  w.U64(b.receipts.size());
  for (const BundleReceipt& r : b.receipts) {
    w.Put(r.seq, r.id, r.log_index);
    w.U8(static_cast<uint8_t>(r.inclusion.size()));
    for (const Hash32& h : r.inclusion) w.Fixed(h);
  }
  if (!b.refusals.empty()) {
    w.U64(b.refusals.size());
    for (const BundleRefusal& f : b.refusals) w.Put(f.id, f.seq, f.code, f.message, f.ops);
  }
  w.Blob(b.answer);
  return w.bytes();
}

Result<CatalogBundle> DecodeCatalogBundle(const Bytes& payload) {
  WireReader r(payload);
  uint8_t format = 0;
  GK_RETURN_IF_ERROR(r.ByteFormat({kCatalogBundleFormat, kCatalogBundleFormatRefusals},
                                  "不认识的目录文件版本 ", &format));
  CatalogBundle b;
  uint64_t n = 0;
  r.Str(&b.station, 64, "station");
  // A receipt takes at least 49 bytes.
  r.Count(&n, kMaxBundleChangeSets, 49, "too_many", "回执个数不对 (receipt count)");
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
  if (format == kCatalogBundleFormatRefusals && r.status().ok()) {
    uint64_t m = 0;
    // A refusal takes at least 32 + 8 + 8 + 8 + 8 bytes; format 2 has one at least.
    constexpr std::string_view kRefusalCount = "退回记录个数不对 (refusal count)";
    if (r.Count(&m, kMaxBundleRefusals, 64, "too_many", kRefusalCount) && m == 0) {
      return DataLoss("too_many", std::string(kRefusalCount));
    }
    b.refusals.resize(m);
    for (BundleRefusal& f : b.refusals) {
      uint64_t k = 0;
      if (!r.Fixed(&f.id) || !r.U64(&f.seq) || !r.Str(&f.code, 64, "code") ||
          !r.Str(&f.message, 4096, "message") ||
          !r.Count(&k, kMaxBundleRefusalOps, 8, "too_many",
                   "退回记录的操作个数不对 (refusal op count)")) {
        break;
      }
      f.ops.resize(k);
      for (uint64_t& op : f.ops) {
        if (!r.U64(&op)) break;
      }
    }
  }
  r.Blob(&b.answer, kMaxBundlePayload, "answer");
  GK_RETURN_IF_ERROR(r.Finish());
  return b;
}

}  // namespace gongkai
