#include "hub/ingest/upload.h"

#include "core/catalog/validate.h"
#include "core/crypto/signature_batch.h"
#include "core/text/html.h"

namespace gongkai::hub {

Upload DecodeUpload(size_t index, Bytes bytes) {
  Upload up;
  up.index = index;
  up.bytes = std::move(bytes);
  Result<Envelope> env = DecodeEnvelope(up.bytes);
  if (!env.ok()) {
    // Envelope framing errors are malformed requests whatever their code.
    const Status& s = env.status();
    up.error = DataLoss(s.reason(), "签名信封无法解析: " + s.message());
    return up;
  }
  up.envelope = std::move(env).value();
  if (up.envelope.kind != EnvelopeKind::kChangeSet) {
    up.error = InvalidArgument("wrong_kind", std::string("这里只接受变更集，收到的是 ") +
                                                 EnvelopeKindName(up.envelope.kind) + " 记录");
    return up;
  }
  up.envelope_ok = true;
  Result<ChangeSet> cs = DecodeChangeSet(up.envelope.body, &up.bad_op);
  if (!cs.ok()) {
    up.error = cs.status();
    return up;
  }
  up.changeset = std::move(cs).value();
  if (Status visible = CheckChangeSetVisible(up.changeset, &up.bad_op); !visible.ok()) {
    up.error = visible;
    return up;
  }
  up.id = ChangeSetId(up.envelope.body);
  if (up.envelope.signer != up.changeset.station) {
    up.error =
        PermissionDenied("signer_mismatch", "信封的签名者 " + up.envelope.signer +
                                                " 不是变更集所属的站点 " + up.changeset.station);
  }
  return up;
}

void VerifyUploadSignature(Upload& up, const PublicKey& key) {
  if (!up.error.ok()) return;
  Status s = VerifyEnvelope(up.envelope, key);
  if (s.ok()) {
    up.verified_key = key;
  } else {
    up.error = s;
  }
}

bool TryVerifyUploadSignature(Upload& up, const PublicKey& key) {
  if (!up.error.ok()) return false;
  if (!VerifyEnvelope(up.envelope, key).ok()) return false;
  up.verified_key = key;
  return true;
}

void TryVerifyUploadSignatures(std::vector<Upload>& uploads,
                               const std::vector<std::optional<PublicKey>>& keys) {
  SignatureBatch batch;
  if (uploads.size() >= kParallelVerifyFrom) {
    for (size_t i = 0; i < uploads.size(); ++i) {
      const Upload& up = uploads[i];
      if (!up.error.ok() || !keys[i]) continue;
      batch.Add(*keys[i], SignedMessage(up.envelope.kind, up.envelope.body), up.envelope.signature);
    }
    batch.VerifyAll(0);
  }
  ScopedVerifiedSignatures verified(batch);
  for (size_t i = 0; i < uploads.size(); ++i) {
    if (keys[i]) TryVerifyUploadSignature(uploads[i], *keys[i]);
  }
}

OfferedStation ParseOfferedStation(std::string_view key, std::string_view unit) {
  OfferedStation offer;
  if (!key.empty()) {
    Result<VerifierKey> k = ParseVerifierKey(key);
    if (k.ok()) offer.key = std::move(k).value();
  }
  if (!unit.empty()) {
    std::optional<std::string> decoded = UrlDecodeStrict(unit);
    if (decoded && ValidateUnit(*decoded).ok()) offer.unit = std::move(decoded);
  }
  return offer;
}

void OfferStation(Upload& up, const OfferedStation& offer) {
  if (!up.envelope_ok) return;
  if (offer.key && offer.key->name == up.envelope.signer &&
      VerifyEnvelope(up.envelope, offer.key->key).ok()) {
    up.offered_key = offer.key->key;
  }
  up.offered_unit = offer.unit;
}

}  // namespace gongkai::hub
