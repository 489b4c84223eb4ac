#include "core/record/envelope.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "core/base/hex.h"
#include "core/changeset/changeset.h"
#include "core/crypto/sha256.h"
#include "tests/testing/le_bytes.h"
#include "tests/testing/sample_rows.h"
#include "tests/testing/temp_dir.h"

namespace gongkai {
namespace {

PrivateKey FixedKey() {
  return *PrivateKey::FromSeed(
      *HexDecode("810a1402d5146c8d84f2443330f54080ebf98ee17d9c74f6252fc5d5c7283173"));
}

Bytes SampleBody() {
  ChangeSet cs;
  cs.station = "hongqi-01";
  cs.seq = 1;
  cs.base_version = 0;
  cs.created_at = 1764288000;
  cs.note = "新增村级财务公开";
  cs.ops.push_back(CreateOp{SampleVillageRow()});
  return EncodeChangeSet(cs);
}

// Decode + verify, the way the hub treats a received envelope.
Status Check(const Bytes& wire, const PublicKey& key) {
  auto env = DecodeEnvelope(wire);
  if (!env.ok()) return env.status();
  if (env->kind != EnvelopeKind::kChangeSet) {
    return InvalidArgument("wrong_kind", "not a change set");
  }
  GK_RETURN_IF_ERROR(VerifyEnvelope(*env, key));
  auto cs = DecodeChangeSet(env->body);
  if (!cs.ok()) return cs.status();
  if (cs->station != env->signer) return PermissionDenied("signer_mismatch", "signer");
  return Status::Ok();
}

TEST(EnvelopeGolden, MatchesHandWrittenGrammar) {
  Envelope env = SignEnvelope(EnvelopeKind::kChangeSet, "hongqi-01", SampleBody(), FixedKey());
  LeBytes b;
  b.U16(1).U8(4).Str("hongqi-01").Str(ToString(SampleBody()));
  b.Raw(Bytes(env.signature.begin(), env.signature.end()));
  EXPECT_EQ(EncodeEnvelope(env), b.bytes());
  // Ed25519 is deterministic: the signature, and so the bytes, are pinned.
  EXPECT_EQ(HexEncode(Sha256(EncodeEnvelope(env))), "fb6a5b83cd2f1e5841d721681c168cfabc6db4c1e897356d4a9fe76171e3c826");
}

TEST(Envelope, SignedMessageIsDomainSeparated) {
  Bytes body = ToBytes("x");
  EXPECT_EQ(ToString(SignedMessage(EnvelopeKind::kChangeSet, body)), "gongkai-sync/v1/changeset\nx");
  EXPECT_EQ(ToString(SignedMessage(EnvelopeKind::kApproval, body)), "gongkai-sync/v1/approval\nx");
}

TEST(Envelope, SignatureOverOneKindDoesNotVerifyAsAnother) {
  Envelope env = SignEnvelope(EnvelopeKind::kChangeSet, "hongqi-01", SampleBody(), FixedKey());
  env.kind = EnvelopeKind::kApproval;
  EXPECT_EQ(VerifyEnvelope(env, FixedKey().public_key()).reason(), "bad_signature");
}

TEST(Envelope, RoundTripVerifies) {
  Bytes wire = EncodeEnvelope(
      SignEnvelope(EnvelopeKind::kChangeSet, "hongqi-01", SampleBody(), FixedKey()));
  EXPECT_TRUE(Check(wire, FixedKey().public_key()).ok());
}

TEST(Envelope, WrongKeyIsBadSignature) {
  Bytes wire = EncodeEnvelope(
      SignEnvelope(EnvelopeKind::kChangeSet, "hongqi-01", SampleBody(), FixedKey()));
  auto other = PrivateKey::Generate();
  Status s = Check(wire, other->public_key());
  EXPECT_EQ(s.code(), Code::kUnauthenticated);
  EXPECT_EQ(s.reason(), "bad_signature");
}

// Flipping any single byte of a signed change set makes it fail, each with a
// specific reason: bytes of the signed body or signature → bad_signature;
// framing bytes → a decoding reason.
TEST(Envelope, EveryFlippedByteIsRefusedWithSpecificReason) {
  Bytes wire = EncodeEnvelope(
      SignEnvelope(EnvelopeKind::kChangeSet, "hongqi-01", SampleBody(), FixedKey()));
  const size_t body_start = 1 + 2 + 1 + 8 + 9 + 8;
  const size_t sig_start = wire.size() - 64;
  for (size_t i = 0; i < wire.size(); ++i) {
    Bytes bad = wire;
    bad[i] ^= 0x01;
    Status s = Check(bad, FixedKey().public_key());
    ASSERT_FALSE(s.ok()) << "byte " << i;
    if (i >= body_start && i < sig_start) {
      EXPECT_EQ(s.reason(), "bad_signature") << "byte " << i;
    } else if (i >= sig_start) {
      EXPECT_EQ(s.reason(), "bad_signature") << "byte " << i;
    } else {
      EXPECT_TRUE(s.reason() == "malformed" || s.reason() == "truncated" ||
                  s.reason() == "trailing_bytes" || s.reason() == "unsupported_format" ||
                  s.reason() == "unknown_kind" || s.reason() == "too_long" ||
                  s.reason() == "wrong_kind" || s.reason() == "signer_mismatch")
          << "byte " << i << ": " << s.ToString();
    }
  }
}

TEST(Envelope, GarbageAndEmptyInput) {
  EXPECT_EQ(DecodeEnvelope(Bytes{}).status().reason(), "malformed");
  EXPECT_EQ(DecodeEnvelope(ToBytes("GET / HTTP/1.1\r\n")).status().reason(), "malformed");
  EXPECT_EQ(DecodeEnvelope(Bytes{0x01, 0x01}).status().reason(), "truncated");
}

TEST(Envelope, UnknownKind) {
  LeBytes b;
  b.U16(1).U8(200).Str("x").Str("y");
  EXPECT_EQ(DecodeEnvelope(b.bytes()).status().reason(), "unknown_kind");
}

// An independent implementation (Python `cryptography`) verifies the
// signature over the documented signed message.
TEST(Envelope, VerifiesWithPythonCryptography) {
  if (std::system("python3 -c 'import cryptography' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 cryptography not available";
  }
  TempDir dir;
  Envelope env = SignEnvelope(EnvelopeKind::kChangeSet, "hongqi-01", SampleBody(), FixedKey());
  Bytes wire = EncodeEnvelope(env);
  std::ofstream(dir.path() + "/env.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(wire.data()), static_cast<std::streamsize>(wire.size()));
  std::ofstream(dir.path() + "/check.py") << R"PY(
import struct, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
data = open(sys.argv[1], 'rb').read()
pub = bytes.fromhex(sys.argv[2])
assert data[0] == 1
fmt, kind = struct.unpack_from('<HB', data, 1)
off = 4
n, = struct.unpack_from('<Q', data, off); off += 8
signer = data[off:off+n]; off += n
n, = struct.unpack_from('<Q', data, off); off += 8
body = data[off:off+n]; off += n
sig = data[off:off+64]; off += 64
assert off == len(data) and fmt == 1 and kind == 4 and signer == b'hongqi-01'
Ed25519PublicKey.from_public_bytes(pub).verify(sig, b'gongkai-sync/v1/changeset\n' + body)
print('ok')
)PY";
  std::string cmd = "python3 " + dir.path() + "/check.py " + dir.path() + "/env.bin " +
                    HexEncode(FixedKey().public_key().data(), 32) + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  wire[40] ^= 0x01;  // inside the body
  std::ofstream(dir.path() + "/env.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(wire.data()), static_cast<std::streamsize>(wire.size()));
  EXPECT_NE(std::system(cmd.c_str()), 0);
}

}  // namespace
}  // namespace gongkai
