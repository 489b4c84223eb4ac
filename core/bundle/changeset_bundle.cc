#include "core/bundle/changeset_bundle.h"

#include "core/codec/wire.h"
#include "core/record/envelope.h"

namespace gongkai {

Bytes EncodeChangeSetBundle(const ChangeSetBundle& b) {
  WireWriter w;
  // Format 2 exists to carry the station's key; the decoder refuses it
  // without one, so a value has one encoding.
  const bool introduced = !b.station_key.empty();
  w.U8(introduced ? kChangeSetBundleFormatIntroduced : kChangeSetBundleFormat);
  w.Put(b.hub, b.station);
  if (introduced) w.Put(b.station_key, b.unit);
  w.Put(b.catalog_version, b.log_size, b.envelopes);
  return w.bytes();
}

Result<ChangeSetBundle> DecodeChangeSetBundle(const Bytes& payload) {
  WireReader r(payload);
  uint8_t format = 0;
  GK_RETURN_IF_ERROR(r.ByteFormat({kChangeSetBundleFormat, kChangeSetBundleFormatIntroduced},
                                  "不认识的变更集文件版本 ", &format));
  ChangeSetBundle b;
  uint64_t n = 0;
  r.Str(&b.hub, 1024, "hub");
  r.Str(&b.station, 64, "station");
  if (format == kChangeSetBundleFormatIntroduced) {
    r.Str(&b.station_key, 1024, "station_key");
    r.Str(&b.unit, 1024, "unit");
  }
  r.U64(&b.catalog_version);
  r.U64(&b.log_size);
  GK_RETURN_IF_ERROR(r.status());
  if (format == kChangeSetBundleFormatIntroduced && b.station_key.empty()) {
    return DataLoss("introduction_empty", "变更集文件自称带有本站公钥，却是空的 (format 2 without a station key)");
  }
  r.Count(&n, kMaxBundleChangeSets, 8, "too_many", "变更集个数不对 (change set count)");
  b.envelopes.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    Bytes e;
    if (!r.Blob(&e, kMaxEnvelopeBody + 4096, "envelope")) break;
    b.envelopes.push_back(std::move(e));
  }
  GK_RETURN_IF_ERROR(r.Finish());
  return b;
}

}  // namespace gongkai
