#include "core/record/envelope.h"

#include "core/codec/wire.h"

namespace gongkai {

const char* EnvelopeKindName(EnvelopeKind kind) {
  switch (kind) {
    case EnvelopeKind::kGenesis: return "genesis";
    case EnvelopeKind::kEnrollment: return "enrollment";
    case EnvelopeKind::kRevocation: return "revocation";
    case EnvelopeKind::kChangeSet: return "changeset";
    case EnvelopeKind::kApproval: return "approval";
    case EnvelopeKind::kRejection: return "rejection";
    case EnvelopeKind::kRoster: return "roster";
    case EnvelopeKind::kPolicy:
      return "policy";
    case EnvelopeKind::kReview:
      return "review";
    case EnvelopeKind::kCertificate:
      return "certificate";
  }
  return "unknown";
}

bool IsKnownEnvelopeKind(uint8_t kind) { return kind >= 1 && kind <= kMaxEnvelopeKind; }

Bytes SignedMessage(EnvelopeKind kind, const Bytes& body) {
  std::string prefix = std::string("gongkai-sync/v1/") + EnvelopeKindName(kind) + "\n";
  Bytes msg(prefix.begin(), prefix.end());
  msg.insert(msg.end(), body.begin(), body.end());
  return msg;
}

Envelope SignEnvelope(EnvelopeKind kind, std::string signer, Bytes body, const PrivateKey& key) {
  Envelope env{kind, std::move(signer), std::move(body), {}};
  env.signature = key.Sign(SignedMessage(kind, env.body));
  return env;
}

Status VerifyEnvelope(const Envelope& env, const PublicKey& key) {
  if (!Ed25519Verify(key, SignedMessage(env.kind, env.body), env.signature)) {
    return Unauthenticated("bad_signature",
                           "签名验证失败 (signature does not verify) — 数据被改动或密钥不符");
  }
  return Status::Ok();
}

Bytes EncodeEnvelope(const Envelope& env) {
  return WireBytes(kEnvelopeFormat, static_cast<uint8_t>(env.kind), env.signer, env.body,
                   env.signature);
}

Result<Envelope> DecodeEnvelope(const Bytes& bytes) {
  WireReader r(bytes);
  Envelope env;
  uint8_t kind = 0;
  GK_RETURN_IF_ERROR(r.Format({kEnvelopeFormat}, "不支持的信封格式版本 "));
  if (r.U8(&kind) && !IsKnownEnvelopeKind(kind)) {
    return InvalidArgument("unknown_kind", "未知记录类型 " + std::to_string(kind));
  }
  env.kind = static_cast<EnvelopeKind>(kind);
  r.Str(&env.signer, 256, "signer") && r.Blob(&env.body, kMaxEnvelopeBody, "body") &&
      r.Fixed(&env.signature);
  GK_RETURN_IF_ERROR(r.Finish());
  return env;
}

}  // namespace gongkai
