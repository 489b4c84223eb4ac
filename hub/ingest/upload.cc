#include "hub/ingest/upload.h"

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
  Result<ChangeSet> cs = DecodeChangeSet(up.envelope.body, &up.bad_op);
  if (!cs.ok()) {
    up.error = cs.status();
    return up;
  }
  up.changeset = std::move(cs).value();
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

}  // namespace gongkai::hub
