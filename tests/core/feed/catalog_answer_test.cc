// The binary catalog answer (docs/formats/catalog-answer.md): golden bytes
// built by hand from the written grammar (tests/testing/le_bytes.h, no
// cereal), a round trip, and refusals of truncated or malformed input.
#include "core/feed/catalog_answer.h"

#include <gtest/gtest.h>

#include "tests/testing/le_bytes.h"

namespace gongkai {
namespace {

Hash32 H(uint8_t fill) {
  Hash32 h;
  h.fill(fill);
  return h;
}

Bytes Raw32(uint8_t fill) { return Bytes(32, fill); }

CatalogAnswer Sample() {
  CatalogAnswer a;
  a.origin = "town.example/gongkai";
  a.since = 2;
  a.version = 3;
  a.hash = H(0xAA);
  a.mode = "snapshot";
  a.genesis = FeedEntry{0, "genesis", Bytes{'G'}, std::vector<Hash32>{H(0x11)}};
  a.entries.push_back(FeedEntry{7, "approval", Bytes{'A', 'P'}, std::nullopt});
  a.entries.push_back(FeedEntry{9, "rejection", Bytes{'R'}, std::vector<Hash32>{}});
  a.snapshot = FeedSnapshot{3, H(0xAA), 2, Bytes{'S', 'N'}};
  a.checkpoint = "cp\n";
  a.consistency = FeedConsistency{4, {H(0x22), H(0x33)}};
  return a;
}

TEST(CatalogAnswerTest, GoldenBytes) {
  LeBytes b;
  b.U8(1)                           // format
      .Str("town.example/gongkai")  // origin
      .U64(2)                       // since
      .U64(3)                       // version
      .Raw(Raw32(0xAA))             // hash
      .U8(2)                        // mode snapshot
      .U8(1)                        // has genesis
      .U64(0)
      .U8(1)
      .Str("G")
      .U8(1)
      .U8(1)
      .Raw(Raw32(0x11))
      .U64(2)  // entries
      .U64(7)
      .U8(5)
      .Str("AP")
      .U8(0)
      .U64(9)
      .U8(6)
      .Str("R")
      .U8(1)
      .U8(0)
      .U8(1)
      .U64(3)
      .Raw(Raw32(0xAA))
      .U64(2)
      .Str("SN")  // snapshot
      .U8(1)
      .Str("cp\n")  // checkpoint
      .U8(1)
      .U64(4)
      .U8(2)
      .Raw(Raw32(0x22))
      .Raw(Raw32(0x33));  // consistency
  EXPECT_EQ(EncodeCatalogAnswer(Sample()), b.bytes());
}

TEST(CatalogAnswerTest, MinimalGoldenBytes) {
  CatalogAnswer a;
  a.version = 0;
  a.mode = "current";
  LeBytes b;
  b.U8(1).Str("").U64(0).U64(0).Raw(Bytes(32, 0)).U8(0).U8(0).U64(0).U8(0).U8(0).U8(0);
  EXPECT_EQ(EncodeCatalogAnswer(a), b.bytes());
  Result<CatalogAnswer> back = DecodeCatalogAnswer(b.bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_FALSE(back->genesis.has_value());
  EXPECT_FALSE(back->checkpoint.has_value());
  EXPECT_FALSE(back->consistency.has_value());
}

// Kind 2: the enrolment entries a decisions answer carries for
// enrollments=1 (docs/formats/catalog-answer.md).
TEST(CatalogAnswerTest, EnrollmentEntryGoldenBytes) {
  CatalogAnswer a;
  a.since = 1;
  a.version = 2;
  a.mode = "decisions";
  a.entries.push_back(FeedEntry{3, "enrollment", Bytes{'E'}, std::vector<Hash32>{}});
  a.entries.push_back(FeedEntry{5, "changeset", Bytes{'C'}, std::nullopt});
  LeBytes b;
  b.U8(1).Str("").U64(1).U64(2).Raw(Bytes(32, 0)).U8(1).U8(0).U64(2);
  b.U64(3).U8(2).Str("E").U8(1).U8(0);
  b.U64(5).U8(4).Str("C").U8(0);
  b.U8(0).U8(0).U8(0);
  EXPECT_EQ(EncodeCatalogAnswer(a), b.bytes());
  Result<CatalogAnswer> back = DecodeCatalogAnswer(b.bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->entries.size(), 2u);
  EXPECT_EQ(back->entries[0].kind, "enrollment");
  EXPECT_EQ(back->entries[1].kind, "changeset");
}

// The asking station's own change set by reference: kind 0x84, the bytes
// its seq (docs/formats/catalog-answer.md § Own change sets by reference).
TEST(CatalogAnswerTest, OwnChangeSetByReferenceGoldenBytes) {
  CatalogAnswer a;
  a.since = 1;
  a.version = 2;
  a.mode = "decisions";
  a.entries.push_back(
      FeedEntry{5, kOwnChangeSetKind, OwnChangeSetRef(0x0102), std::vector<Hash32>{H(0x22)}});
  LeBytes b;
  b.U8(1).Str("").U64(1).U64(2).Raw(Bytes(32, 0)).U8(1).U8(0).U64(1);
  b.U64(5).U8(0x84).U64(8).U64(0x0102).U8(1).U8(1).Raw(Bytes(32, 0x22));
  b.U8(0).U8(0).U8(0);
  EXPECT_EQ(EncodeCatalogAnswer(a), b.bytes());
  Result<CatalogAnswer> back = DecodeCatalogAnswer(b.bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->entries.size(), 1u);
  EXPECT_EQ(back->entries[0].kind, kOwnChangeSetKind);
  EXPECT_EQ(ParseOwnChangeSetRef(back->entries[0].entry), 0x0102u);

  // Anything but 8 bytes after kind 0x84 is refused (bad_kind): an envelope
  // never travels under it.
  for (size_t n : {0, 7, 9, 200}) {
    LeBytes bad;
    bad.U8(1).Str("").U64(1).U64(2).Raw(Bytes(32, 0)).U8(1).U8(0).U64(1);
    bad.U64(5).U8(0x84).Str(std::string(n, 'x')).U8(0);
    bad.U8(0).U8(0).U8(0);
    Result<CatalogAnswer> refused = DecodeCatalogAnswer(bad.bytes());
    ASSERT_FALSE(refused.ok()) << n;
    EXPECT_EQ(refused.status().reason(), "bad_kind") << n;
  }
}

TEST(CatalogAnswerTest, RoundTrip) {
  CatalogAnswer a = Sample();
  Result<CatalogAnswer> back = DecodeCatalogAnswer(EncodeCatalogAnswer(a));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->origin, a.origin);
  EXPECT_EQ(back->mode, "snapshot");
  ASSERT_TRUE(back->genesis);
  EXPECT_EQ(back->genesis->kind, "genesis");
  EXPECT_EQ(*back->genesis->inclusion, std::vector<Hash32>{H(0x11)});
  ASSERT_EQ(back->entries.size(), 2u);
  EXPECT_EQ(back->entries[0].kind, "approval");
  EXPECT_FALSE(back->entries[0].inclusion);
  EXPECT_EQ(back->entries[1].kind, "rejection");
  ASSERT_TRUE(back->entries[1].inclusion);
  EXPECT_TRUE(back->entries[1].inclusion->empty());
  EXPECT_EQ(back->snapshot->catalog, (Bytes{'S', 'N'}));
  EXPECT_EQ(back->snapshot->rows, 2u);
  EXPECT_EQ(*back->checkpoint, "cp\n");
  EXPECT_EQ(back->consistency->from, 4u);
  EXPECT_EQ(back->consistency->proof.size(), 2u);
}

TEST(CatalogAnswerTest, EveryTruncationIsRefused) {
  Bytes full = EncodeCatalogAnswer(Sample());
  for (size_t n = 0; n < full.size(); ++n) {
    Result<CatalogAnswer> a = DecodeCatalogAnswer(Bytes(full.begin(), full.begin() + n));
    EXPECT_FALSE(a.ok()) << "length " << n;
  }
  Bytes longer = full;
  longer.push_back(0);
  EXPECT_EQ(DecodeCatalogAnswer(longer).status().reason(), "trailing_bytes");
}

TEST(CatalogAnswerTest, UnknownFormatModeAndKindAreRefused) {
  Bytes b = EncodeCatalogAnswer(Sample());
  Bytes format = b;
  format[1] = 2;
  EXPECT_EQ(DecodeCatalogAnswer(format).status().reason(), "unsupported_format");
  // mode byte: after flag, format, origin (8 + 20), since, version, hash.
  size_t mode_at = 1 + 1 + 8 + 20 + 8 + 8 + 32;
  Bytes mode = b;
  mode[mode_at] = 3;
  EXPECT_EQ(DecodeCatalogAnswer(mode).status().reason(), "bad_mode");
  Bytes kind = b;
  kind[mode_at + 2 + 8] = 3;  // the genesis entry's kind: revocation
  EXPECT_EQ(DecodeCatalogAnswer(kind).status().reason(), "bad_kind");
}

TEST(CatalogAnswerTest, EntriesOutOfOrderAreRefused) {
  CatalogAnswer a = Sample();
  a.entries[1].index = 7;
  EXPECT_EQ(DecodeCatalogAnswer(EncodeCatalogAnswer(a)).status().reason(), "entries_out_of_order");
}

TEST(CatalogAnswerTest, SnapshotModeWithoutSnapshotIsRefused) {
  CatalogAnswer a = Sample();
  a.snapshot.reset();
  EXPECT_EQ(DecodeCatalogAnswer(EncodeCatalogAnswer(a)).status().reason(), "bad_mode");
}

TEST(CatalogAnswerTest, OverlongProofIsRefused) {
  CatalogAnswer a = Sample();
  a.consistency->proof.assign(65, H(1));
  EXPECT_EQ(DecodeCatalogAnswer(EncodeCatalogAnswer(a)).status().reason(), "too_many");
}

}  // namespace
}  // namespace gongkai

namespace gongkai {
namespace {

// An answer sent around a shared snapshot (hub/review/catalog_feed.h):
// head ‖ catalog ‖ tail is the whole encoding, and the head ends with the
// catalog's length.
TEST(CatalogAnswerTest, FrameAroundTheSnapshotIsTheWholeEncoding) {
  CatalogAnswer a = Sample();
  ASSERT_TRUE(a.snapshot.has_value());
  Bytes whole = EncodeCatalogAnswer(a);
  Bytes catalog = a.snapshot->catalog;
  a.snapshot->catalog.clear();  // not read
  CatalogAnswerFrame f = EncodeCatalogAnswerFrame(a, catalog.size());
  Bytes joined = f.head;
  joined.insert(joined.end(), catalog.begin(), catalog.end());
  joined.insert(joined.end(), f.tail.begin(), f.tail.end());
  EXPECT_EQ(joined, whole);
  ASSERT_GE(f.head.size(), 8u);
  EXPECT_EQ(Bytes(f.head.end() - 8, f.head.end()), Bytes({2, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(f.tail.front(), 1);  // has_checkpoint: no archive flag of its own
}

}  // namespace
}  // namespace gongkai
