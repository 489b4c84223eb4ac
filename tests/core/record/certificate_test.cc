// Golden bytes and decoding errors of the certificate announcement
// (docs/formats/records.md § Certificate).
#include "core/record/certificate.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/crypto/ed25519.h"
#include "core/record/envelope.h"

namespace gongkai {
namespace {

CertificateAnnouncement Sample() {
  CertificateAnnouncement c;
  c.origin = "town.example/gongkai";
  c.cert_sha256.fill(0x55);
  c.spki_sha256.fill(0x66);
  c.not_before = 1700000000;
  c.not_after = 2015360000;
  c.reason = "证书到期更换";
  c.announced_at = 1700000240;
  return c;
}

const char kGoldenHex[] =
    "01"                                                                // archive flag
    "0100"                                                              // u16 format = 1
    "1400000000000000"                                                  // u64 length 20
    "746f776e2e6578616d706c652f676f6e676b6169"                          // "town.example/gongkai"
    "5555555555555555555555555555555555555555555555555555555555555555"  // cert_sha256
    "6666666666666666666666666666666666666666666666666666666666666666"  // spki_sha256
    "00f1536500000000"                                                  // not_before 1700000000
    "00f41f7800000000"                                                  // not_after 2015360000
    "1200000000000000"                                                  // u64 length 18
    "e8af81e4b9a6e588b0e69c9fe69bb4e68da2"                              // "证书到期更换"
    "f0f1536500000000";                                                 // announced_at 1700000240

TEST(CertificateTest, GoldenBytes) {
  EXPECT_EQ(HexEncode(EncodeCertificateAnnouncement(Sample())), kGoldenHex);
}

TEST(CertificateTest, RoundTrip) {
  Result<CertificateAnnouncement> c = DecodeCertificateAnnouncement(*HexDecode(kGoldenHex));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(*c, Sample());
}

TEST(CertificateTest, EnvelopeKindTenIsCertificate) {
  PrivateKey key = *PrivateKey::FromSeed(Bytes(32, 7));
  Envelope env = SignEnvelope(EnvelopeKind::kCertificate, "town.example/gongkai",
                              EncodeCertificateAnnouncement(Sample()), key);
  Bytes bytes = EncodeEnvelope(env);
  EXPECT_EQ(bytes[3], 10);  // flag, u16 format, then the kind byte
  Result<Envelope> back = DecodeEnvelope(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->kind, EnvelopeKind::kCertificate);
  EXPECT_TRUE(VerifyEnvelope(*back, key.public_key()).ok());
  // The signed message is domain-separated by the kind name.
  std::string prefix = "gongkai-sync/v1/certificate\n";
  Bytes msg = SignedMessage(EnvelopeKind::kCertificate, env.body);
  EXPECT_EQ(std::string(msg.begin(), msg.begin() + static_cast<std::ptrdiff_t>(prefix.size())),
            prefix);
}

TEST(CertificateTest, KindsZeroAndElevenAreUnknown) {
  for (uint8_t kind : {0, 11}) {
    Bytes bytes = EncodeEnvelope(Envelope{EnvelopeKind::kRoster, "x", Bytes{1}, {}});
    bytes[3] = kind;
    EXPECT_EQ(DecodeEnvelope(bytes).status().reason(), "unknown_kind") << int(kind);
  }
}

TEST(CertificateTest, EveryTruncationIsRefused) {
  Bytes b = EncodeCertificateAnnouncement(Sample());
  for (size_t n = 0; n < b.size(); ++n) {
    Bytes cut(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_FALSE(DecodeCertificateAnnouncement(cut).ok()) << n;
  }
}

TEST(CertificateTest, TrailingByteIsRefused) {
  Bytes b = EncodeCertificateAnnouncement(Sample());
  b.push_back(0);
  EXPECT_EQ(DecodeCertificateAnnouncement(b).status().reason(), "trailing_bytes");
}

TEST(CertificateTest, OtherFormatIsRefused) {
  Bytes b = EncodeCertificateAnnouncement(Sample());
  b[1] = 2;
  EXPECT_EQ(DecodeCertificateAnnouncement(b).status().reason(), "unsupported_format");
}

TEST(CertificateTest, ValidityMustEndAfterItBegins) {
  CertificateAnnouncement c = Sample();
  c.not_after = c.not_before;
  EXPECT_EQ(DecodeCertificateAnnouncement(EncodeCertificateAnnouncement(c)).status().reason(),
            "bad_validity");
}

TEST(CertificateTest, ReasonIsRequiredAndOneLine) {
  CertificateAnnouncement c = Sample();
  c.reason = "";
  EXPECT_EQ(DecodeCertificateAnnouncement(EncodeCertificateAnnouncement(c)).status().reason(),
            "empty_reason");
  c.reason = "两行\n原因";
  EXPECT_EQ(DecodeCertificateAnnouncement(EncodeCertificateAnnouncement(c)).status().reason(),
            "control_character");
}

TEST(CertificateTest, BadOriginIsRefused) {
  CertificateAnnouncement c = Sample();
  c.origin = "has+plus";
  EXPECT_EQ(DecodeCertificateAnnouncement(EncodeCertificateAnnouncement(c)).status().reason(),
            "bad_origin");
}

}  // namespace
}  // namespace gongkai
