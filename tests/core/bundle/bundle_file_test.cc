// USB bundle framing (docs/formats/bundle.md): golden bytes written by
// hand, every truncation length, every flipped byte, wrong kind, extra
// bytes, the size limit, and the two payloads' golden bytes.
#include "core/bundle/bundle_file.h"

#include <gtest/gtest.h>

#include "core/bundle/catalog_bundle.h"
#include "core/bundle/changeset_bundle.h"
#include "core/crypto/sha256.h"
#include "core/store/atomic_file.h"
#include "tests/core/bundle/flipped_bytes.h"
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
  testing::ExpectEveryFlippedByteRefused(full, [](const Bytes& b) {
    Result<Bytes> r = OpenBundle(b, BundleKind::kCatalog);
    return r.ok() ? std::string() : std::string(r.status().reason());
  });
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
  format[8] = 3;  // 2 is the format with attachments (bundle_attachments_test.cc)
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

// The change-set bundle of both format tests; format 2 is this bundle with
// the station's introduction (its key and unit) added.
ChangeSetBundle SampleChangeSetBundle() {
  return ChangeSetBundle{.hub = "town.example/gongkai",
                         .station = "hongqi-01",
                         .station_key = "",
                         .unit = "",
                         .catalog_version = 4,
                         .log_size = 17,
                         .envelopes = {Bytes{'E', '1'}, Bytes{'E'}}};
}

// `b` encodes to exactly `want`, every shorter prefix of `want` is refused,
// and `want` decodes: the decoded bundle is returned for the caller's checks.
ChangeSetBundle ExpectChangeSetBundleBytes(const ChangeSetBundle& b, const Bytes& want) {
  EXPECT_EQ(EncodeChangeSetBundle(b), want);
  for (size_t n = 0; n < want.size(); ++n) {
    EXPECT_FALSE(DecodeChangeSetBundle(Bytes(want.begin(), want.begin() + n)).ok()) << n;
  }
  Result<ChangeSetBundle> back = DecodeChangeSetBundle(want);
  EXPECT_TRUE(back.ok()) << back.status().ToString();
  return back.ok() ? *back : ChangeSetBundle{};
}

TEST(ChangeSetBundleTest, GoldenBytesAndRoundTrip) {
  LeBytes want;
  want.U8(1).Str("town.example/gongkai").Str("hongqi-01").U64(4).U64(17).U64(2).Str("E1").Str("E");
  ChangeSetBundle back = ExpectChangeSetBundleBytes(SampleChangeSetBundle(), want.bytes());
  EXPECT_EQ(back.station, "hongqi-01");
  EXPECT_EQ(back.log_size, 17u);
  EXPECT_EQ(back.envelopes.size(), 2u);
  Bytes bad = want.bytes();
  bad[1] = 9;
  EXPECT_EQ(DecodeChangeSetBundle(bad).status().reason(), "unsupported_format");
}

TEST(ChangeSetBundleTest, Format2CarriesTheStationsIntroduction) {
  ChangeSetBundle b = SampleChangeSetBundle();
  b.station_key = "hongqi-01+0a1b2c3d+AQID";
  b.unit = "红旗村";
  LeBytes want;
  want.U8(2)
      .Str("town.example/gongkai")
      .Str("hongqi-01")
      .Str("hongqi-01+0a1b2c3d+AQID")
      .Str("红旗村")
      .U64(4)
      .U64(17)
      .U64(2)
      .Str("E1")
      .Str("E");
  ChangeSetBundle back = ExpectChangeSetBundleBytes(b, want.bytes());
  EXPECT_EQ(back.station_key, "hongqi-01+0a1b2c3d+AQID");
  EXPECT_EQ(back.unit, "红旗村");
  EXPECT_EQ(back.envelopes.size(), 2u);
  // Format 1 has no such fields: the same bytes under format 1 do not decode.
  Bytes as1 = want.bytes();
  as1[1] = 1;
  EXPECT_FALSE(DecodeChangeSetBundle(as1).ok());
}

// Found by fuzzing: format 2 with an empty key decoded, then re-encoded as
// format 1 — two encodings of one value. An introduction needs a key.
TEST(ChangeSetBundleTest, Format2WithoutAKeyIsRefused) {
  LeBytes bytes;
  bytes.U8(2).Str("").Str("").Str("").Str("").U64(0).U64(0).U64(0);
  EXPECT_EQ(DecodeChangeSetBundle(bytes.bytes()).status().reason(), "introduction_empty");
  LeBytes with_unit;
  with_unit.U8(2).Str("").Str("dongfeng-01").Str("").Str("东风村").U64(0).U64(0).U64(0);
  EXPECT_EQ(DecodeChangeSetBundle(with_unit.bytes()).status().reason(), "introduction_empty");
  ChangeSetBundle unit_only;
  unit_only.station = "dongfeng-01";
  unit_only.unit = "东风村";
  EXPECT_EQ(EncodeChangeSetBundle(unit_only)[0], 1) << "no key, no introduction";
}

TEST(CatalogBundleTest, Format2CarriesRefusals) {
  Hash32 id;
  id.fill(0x5A);
  Hash32 refused;
  refused.fill(0x6B);
  CatalogBundle b{.station = "hongqi-01",
                  .receipts = {BundleReceipt{1, id, 12, {}}},
                  .refusals = {BundleRefusal{refused, 2, "row_exists", "条目已存在", {0, 3}}},
                  .answer = Bytes{0x01}};
  LeBytes want;
  want.U8(2)
      .Str("hongqi-01")
      .U64(1)
      .U64(1)
      .Raw(Bytes(32, 0x5A))
      .U64(12)
      .U8(0)
      .U64(1)
      .Raw(Bytes(32, 0x6B))
      .U64(2)
      .Str("row_exists")
      .Str("条目已存在")
      .U64(2)
      .U64(0)
      .U64(3)
      .Str(std::string("\x01", 1));
  EXPECT_EQ(EncodeCatalogBundle(b), want.bytes());
  Result<CatalogBundle> back = DecodeCatalogBundle(want.bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->refusals.size(), 1u);
  EXPECT_EQ(back->refusals[0].id, refused);
  EXPECT_EQ(back->refusals[0].seq, 2u);
  EXPECT_EQ(back->refusals[0].code, "row_exists");
  EXPECT_EQ(back->refusals[0].message, "条目已存在");
  EXPECT_EQ(back->refusals[0].ops, (std::vector<uint64_t>{0, 3}));
  for (size_t n = 0; n < want.bytes().size(); ++n) {
    EXPECT_FALSE(DecodeCatalogBundle(Bytes(want.bytes().begin(), want.bytes().begin() + n)).ok());
  }
  // Format 2 with no refusals is not how the encoder writes it: refused.
  LeBytes empty;
  empty.U8(2).Str("").U64(0).U64(0).Str(std::string("\x01", 1));
  EXPECT_EQ(DecodeCatalogBundle(empty.bytes()).status().reason(), "too_many");
  // Without refusals the encoder keeps format 1.
  b.refusals.clear();
  EXPECT_EQ(EncodeCatalogBundle(b)[1], 1);
}

TEST(CatalogBundleTest, GoldenBytesAndRoundTrip) {
  Hash32 id;
  id.fill(0x5A);
  Hash32 p;
  p.fill(0x07);
  CatalogBundle b{
      .station = "hongqi-01",
      .receipts = {BundleReceipt{1, id, 12, {p}}},
      .refusals = {},
      .answer = Bytes{0x01, 0x01}};
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
