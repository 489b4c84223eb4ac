// The signed envelope: the one wrapper for every record that is signed,
// sent, stored and appended to the log (docs/formats/envelope.md).
//
//   envelope := archive{ u16 format (=1), u8 kind, string signer,
//                        string body, fixed64 signature }
//   signed message := "gongkai-sync/v1/" kind_name "\n" body
//
// The kind name in the signed message separates domains: a signature over
// a change set can never be replayed as an approval, and vice versa.
// signer names the key: a station id, an administrator name, or the hub's
// log key name for the genesis record.
#pragma once

#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/ed25519.h"

namespace gongkai {

enum class EnvelopeKind : uint8_t {
  kGenesis = 1,
  kEnrollment = 2,
  kRevocation = 3,
  kChangeSet = 4,
  kApproval = 5,
  kRejection = 6,
  kRoster = 7,        // an administrator added or revoked (core/record/roster.h)
  kPolicy = 8,        // how many administrators sign a version (core/record/policy.h)
  kReview = 9,        // the first signature of a two-person approval (core/record/decision.h)
  kCertificate = 10,  // the log key announces a TLS certificate (core/record/certificate.h)
};

inline constexpr uint8_t kMaxEnvelopeKind = 10;

// Whether `kind` is one DecodeEnvelope accepts: 1–10.
bool IsKnownEnvelopeKind(uint8_t kind);

inline constexpr uint16_t kEnvelopeFormat = 1;
inline constexpr size_t kMaxEnvelopeBody = 32u << 20;

struct Envelope {
  EnvelopeKind kind = EnvelopeKind::kChangeSet;
  std::string signer;
  Bytes body;
  Signature signature{};

  bool operator==(const Envelope&) const = default;
};

const char* EnvelopeKindName(EnvelopeKind kind);
Bytes SignedMessage(EnvelopeKind kind, const Bytes& body);

Envelope SignEnvelope(EnvelopeKind kind, std::string signer, Bytes body, const PrivateKey& key);
// Unauthenticated / "bad_signature" when the signature does not verify.
Status VerifyEnvelope(const Envelope& env, const PublicKey& key);

Bytes EncodeEnvelope(const Envelope& env);
// Reasons: malformed, truncated, trailing_bytes, unsupported_format,
// unknown_kind, too_long.
Result<Envelope> DecodeEnvelope(const Bytes& bytes);

}  // namespace gongkai
