// USB bundle framing (docs/formats/bundle.md): golden bytes written by
// hand, every truncation length, every flipped byte, wrong kind, extra
// bytes, the size limit, and the two payloads' golden bytes.
#include "core/bundle/bundle_file.h"

#include <gtest/gtest.h>

#include <set>

#include "core/bundle/catalog_bundle.h"
#include "core/bundle/changeset_bundle.h"
#include "core/crypto/sha256.h"
#include "core/store/atomic_file.h"
#include "tests/testing/le_bytes.h"
#include "tests/testing/temp_dir.h"

namespace gongkai {
namespace {

Bytes Payload() { return Bytes{0x01, 0xDE, 0xAD, 0xBE, 0xEF}; }

// The framing by hand: magic, format, kind, u64 LE length, payload, SHA-256.
Bytes ByHand(uint8_t kind, const Bytes& payload) {
  Bytes b = {'G', 'K', 'B', 'U', 'N', 'D', 'L', 'E', 0x01, kind};
  uint64_t n = payload.size();
  for (int i = 0; i < 8; ++i) b.push_back(static_cast<uint8_t>(n >> (8 * i)));
  b.insert(b.end(), payload.begin(), payload.end());
  Hash32 d = Sha256(b);
  b.insert(b.end(), d.begin(), d.end());
  return b;
}

TEST(BundleFileTest, GoldenBytes) {
  Bytes sealed = SealBundle(BundleKind::kCatalog, Payload());
  EXPECT_EQ(sealed, ByHand(2, Payload()));
  EXPECT_EQ(sealed.size(), 18u + 5u + 32u);
  EXPECT_EQ(SealBundle(BundleKind::kChangeSets, {}), ByHand(1, {}));
  Result<Bytes> opened = OpenBundle(sealed, BundleKind::kCatalog);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, Payload());
}

TEST(BundleFileTest, EveryTruncationIsRefusedAsTruncated) {
  Bytes full = SealBundle(BundleKind::kCatalog, Payload());
  for (size_t n = 0; n < full.size(); ++n) {
    Result<Bytes> r = OpenBundle(Bytes(full.begin(), full.begin() + n), BundleKind::kCatalog);
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.status().reason(), "bundle_truncated") << "length " << n;
  }
}

TEST(BundleFileTest, EveryFlippedByteIsRefused) {
  Bytes full = SealBundle(BundleKind::kCatalog, Payload());
  const std::set<std::string> reasons = {"not_a_bundle", "bundle_unsupported_format",
                                         "bundle_too_large", "bundle_truncated", "bundle_corrupt"};
  for (size_t i = 0; i < full.size(); ++i) {
    for (uint8_t mask : {0x01, 0x80}) {
      Bytes b = full;
      b[i] ^= mask;
      Result<Bytes> r = OpenBundle(b, BundleKind::kCatalog);
      ASSERT_FALSE(r.ok()) << "byte " << i;
      EXPECT_TRUE(reasons.count(r.status().reason())) << i << ": " << r.status().reason();
    }
  }
  Bytes payload_flip = full;
  payload_flip[20] ^= 1;
  EXPECT_EQ(OpenBundle(payload_flip, BundleKind::kCatalog).status().reason(), "bundle_corrupt");
  Bytes digest_flip = full;
  digest_flip.back() ^= 1;
  EXPECT_EQ(OpenBundle(digest_flip, BundleKind::kCatalog).status().reason(), "bundle_corrupt");
  Bytes magic_flip = full;
  magic_flip[0] ^= 1;
  EXPECT_EQ(OpenBundle(magic_flip, BundleKind::kCatalog).status().reason(), "not_a_bundle");
}

TEST(BundleFileTest, WrongKindExtraBytesAndHugeLength) {
  Bytes changesets = SealBundle(BundleKind::kChangeSets, Payload());
  EXPECT_EQ(OpenBundle(changesets, BundleKind::kCatalog).status().reason(), "bundle_wrong_kind");
  Bytes longer = changesets;
  longer.push_back(0);
  EXPECT_EQ(OpenBundle(longer, BundleKind::kChangeSets).status().reason(), "bundle_corrupt");
  Bytes huge = changesets;
  huge[17] = 0x7F;  // length ≥ 2^62
  EXPECT_EQ(OpenBundle(huge, BundleKind::kChangeSets).status().reason(), "bundle_too_large");
  Bytes unknown = ByHand(3, Payload());
  EXPECT_EQ(OpenBundle(unknown, BundleKind::kChangeSets).status().reason(), "bundle_corrupt");
  Bytes format = changesets;
  format[8] = 2;
  EXPECT_EQ(OpenBundle(format, BundleKind::kChangeSets).status().reason(),
            "bundle_unsupported_format");
}

TEST(BundleFileTest, FilesAreWrittenAndReadBack) {
  TempDir tmp;
  std::string path = tmp.path() + "/b.gkb";
  ASSERT_TRUE(WriteBundleFile(path, BundleKind::kCatalog, Payload()).ok());
  Result<Bytes> back = ReadBundleFile(path, BundleKind::kCatalog);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, Payload());
  EXPECT_EQ(ReadBundleFile(tmp.path() + "/none", BundleKind::kCatalog).status().reason(),
            "file_missing");
}

TEST(ChangeSetBundleTest, GoldenBytesAndRoundTrip) {
  ChangeSetBundle b{"town.example/gongkai", "hongqi-01", 4, 17, {Bytes{'E', '1'}, Bytes{'E'}}};
  LeBytes want;
  want.U8(1).Str("town.example/gongkai").Str("hongqi-01").U64(4).U64(17).U64(2).Str("E1").Str("E");
  EXPECT_EQ(EncodeChangeSetBundle(b), want.bytes());
  Result<ChangeSetBundle> back = DecodeChangeSetBundle(want.bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->station, "hongqi-01");
  EXPECT_EQ(back->log_size, 17u);
  EXPECT_EQ(back->envelopes.size(), 2u);
  Bytes bad = want.bytes();
  bad[1] = 9;
  EXPECT_EQ(DecodeChangeSetBundle(bad).status().reason(), "unsupported_format");
  for (size_t n = 0; n < want.bytes().size(); ++n) {
    EXPECT_FALSE(DecodeChangeSetBundle(Bytes(want.bytes().begin(), want.bytes().begin() + n)).ok());
  }
}

TEST(CatalogBundleTest, GoldenBytesAndRoundTrip) {
  Hash32 id;
  id.fill(0x5A);
  Hash32 p;
  p.fill(0x07);
  CatalogBundle b{"hongqi-01", {BundleReceipt{1, id, 12, {p}}}, Bytes{0x01, 0x01}};
  LeBytes want;
  want.U8(1)
      .Str("hongqi-01")
      .U64(1)
      .U64(1)
      .Raw(Bytes(32, 0x5A))
      .U64(12)
      .U8(1)
      .Raw(Bytes(32, 0x07))
      .Str(std::string("\x01\x01", 2));
  EXPECT_EQ(EncodeCatalogBundle(b), want.bytes());
  Result<CatalogBundle> back = DecodeCatalogBundle(want.bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->receipts.size(), 1u);
  EXPECT_EQ(back->receipts[0].log_index, 12u);
  EXPECT_EQ(back->receipts[0].inclusion.size(), 1u);
  EXPECT_EQ(back->answer, (Bytes{0x01, 0x01}));
  for (size_t n = 0; n < want.bytes().size(); ++n) {
    EXPECT_FALSE(DecodeCatalogBundle(Bytes(want.bytes().begin(), want.bytes().begin() + n)).ok());
  }
}

}  // namespace
}  // namespace gongkai
