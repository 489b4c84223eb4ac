// The binary catalog answer (docs/formats/catalog-answer.md): golden bytes
// built by hand from the written grammar (tests/testing/le_bytes.h, no
// cereal), a round trip, and refusals of truncated or malformed input.
#include "core/feed/catalog_answer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "core/base/hex.h"
#include "core/log/checkpoint.h"
#include "core/log/note.h"
#include "tests/testing/kat_key.h"
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
  format[1] = 3;  // 1 and 2 are known
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

// Format 2 (docs/decisions/0033-compact-range-and-checkpoint.md): the
// answer of a station that asked answer=2.
namespace gongkai {
namespace {

constexpr char kOrigin[] = "town.example/gongkai";

// A checkpoint note of the sample's origin, version 3 and hash AA…, signed
// with the known-answer key under the origin's name.
std::string SignedNote(uint64_t size, uint64_t version = 3) {
  Checkpoint cp{kOrigin, size, H(0x44), version, H(0xAA)};
  return *SignCheckpoint(cp, kOrigin, KatKey());
}

CatalogAnswer CompactSample() {
  CatalogAnswer a;
  a.format = 2;
  a.origin = kOrigin;
  a.since = 2;
  a.version = 3;
  a.hash = H(0xAA);
  a.mode = "decisions";
  a.entries.push_back(FeedEntry{12, "approval", Bytes{'A'}, std::nullopt});
  a.checkpoint = SignedNote(14);
  a.range = RangeProof{11, {H(0x55), H(0x66), H(0x77)}, {H(0x88)}};
  return a;
}

// key id ‖ signature of the note's one signature line.
Bytes SignatureOf(const std::string& note) {
  return SignatureBytes(ParseNote(note)->signatures[0]);
}

}  // namespace

TEST(CatalogAnswerTest, CompactCheckpointAndRangeGoldenBytes) {
  CatalogAnswer a = CompactSample();
  const Bytes sig = SignatureOf(*a.checkpoint);
  // Key id ‖ Ed25519 signature of the checkpoint body, as Python's
  // `cryptography` computes them for the known-answer key
  // (docs/formats/catalog-answer.md § Format 2).
  EXPECT_EQ(HexEncode(sig),
            "e31f3c5a"
            "b235c625aeeb51256084553b3061b41c998cab8fbffae60d0e26a4ec4e0931d4"
            "c5d114af63d2079bae60feaf32f005543d28ba3a33ca42a98f8f823d3faddb05");
  LeBytes b;
  b.U8(2).Str(kOrigin).U64(2).U64(3).Raw(Raw32(0xAA)).U8(1).U8(0).U64(1);
  b.U64(12).U8(5).Str("A").U8(0);  // no inclusion proof: the range covers it
  b.U8(0);                         // no snapshot
  b.U8(2).U64(14).Raw(Raw32(0x44)).U8(1).Str("").Str(std::string(sig.begin(), sig.end()));
  b.U8(2).U64(11).U8(3).Raw(Raw32(0x55)).Raw(Raw32(0x66)).Raw(Raw32(0x77));
  b.U64(1).Raw(Raw32(0x88));
  EXPECT_EQ(EncodeCatalogAnswer(a), b.bytes());

  // The note comes back byte for byte, rebuilt from the answer's origin,
  // version and hash; it still opens with the key that signed it.
  Result<CatalogAnswer> back = DecodeCatalogAnswer(b.bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->format, 2);
  EXPECT_EQ(*back->checkpoint, *a.checkpoint);
  EXPECT_TRUE(
      OpenCheckpoint(*back->checkpoint, MakeVerifierKey(kOrigin, KatKey().public_key()), kOrigin)
          .ok());
  EXPECT_EQ(back->range, a.range);
  EXPECT_FALSE(back->consistency);
  EXPECT_FALSE(back->entries[0].inclusion);
}

// Cosignature lines keep their names; a note that is not the checkpoint of
// the answer's own version travels whole (form 1), as do format-1 answers.
TEST(CatalogAnswerTest, CompactCheckpointKeepsWitnessLinesAndFallsBackToTheNote) {
  CatalogAnswer a = CompactSample();
  ParsedNote parsed = *ParseNote(*a.checkpoint);
  parsed.signatures.push_back({"county.example/witness", 0x01020304, Bytes(72, 0x99)});
  a.checkpoint = AssembleNote(parsed.text, parsed.signatures);
  Bytes encoded = EncodeCatalogAnswer(a);
  Result<CatalogAnswer> back = DecodeCatalogAnswer(encoded);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back->checkpoint, *a.checkpoint);
  LeBytes witness;
  witness.Str("county.example/witness").U64(76).Raw(Bytes{1, 2, 3, 4});
  const Bytes w(witness.bytes().begin() + 1, witness.bytes().end());  // without the flag byte
  EXPECT_NE(std::search(encoded.begin(), encoded.end(), w.begin(), w.end()), encoded.end());

  CatalogAnswer plain = CompactSample();
  plain.checkpoint = SignedNote(14, /*version=*/2);  // another version than the answer's
  Bytes bytes = EncodeCatalogAnswer(plain);
  LeBytes note;
  note.U8(1).Str(*plain.checkpoint);
  const Bytes n(note.bytes().begin() + 1, note.bytes().end());
  EXPECT_NE(std::search(bytes.begin(), bytes.end(), n.begin(), n.end()), bytes.end());
  EXPECT_EQ(*DecodeCatalogAnswer(bytes)->checkpoint, *plain.checkpoint);
  CatalogAnswer one = CompactSample();
  one.format = 1;  // no compact forms: the note whole and the consistency proof
  one.consistency = FeedConsistency{11, {H(0x22)}};
  Result<CatalogAnswer> old = DecodeCatalogAnswer(EncodeCatalogAnswer(one));
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(*old->checkpoint, *one.checkpoint);
  EXPECT_FALSE(old->range);
  EXPECT_EQ(old->consistency->from, 11u);
}

TEST(CatalogAnswerTest, DamagedCompactFormsAreRefused) {
  const Bytes sig = SignatureOf(SignedNote(14));
  const std::string s(sig.begin(), sig.end());
  struct Case {
    const char* name;
    uint8_t format;
    std::function<void(LeBytes&)> tail;  // from the checkpoint field on
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"compact checkpoint in format 1", 1,
       [&](LeBytes& b) { b.U8(2).U64(14).Raw(Raw32(0x44)).U8(1).Str("").Str(s).U8(0); },
       "bad_checkpoint"},
      {"checkpoint form 3", 2, [](LeBytes& b) { b.U8(3); }, "bad_checkpoint"},
      {"the origin under its own name", 2,
       [&](LeBytes& b) { b.U8(2).U64(14).Raw(Raw32(0x44)).U8(1).Str(kOrigin).Str(s).U8(0); },
       "bad_checkpoint"},
      {"a signer name with a space", 2,
       [&](LeBytes& b) { b.U8(2).U64(14).Raw(Raw32(0x44)).U8(1).Str("a b").Str(s).U8(0); },
       "bad_checkpoint"},
      {"a compactable note whole in format 2", 2,
       [](LeBytes& b) { b.U8(1).Str(SignedNote(14)).U8(0); }, "bad_checkpoint"},
      {"no signature", 2, [](LeBytes& b) { b.U8(2).U64(14).Raw(Raw32(0x44)).U8(0).U8(0); },
       "bad_checkpoint"},
      {"signature of 4 bytes", 2,
       [](LeBytes& b) { b.U8(2).U64(14).Raw(Raw32(0x44)).U8(1).Str("").Str("abcd").U8(0); },
       "bad_checkpoint"},
      {"range in format 1", 1, [](LeBytes& b) { b.U8(0).U8(2).U64(11).U8(0).U64(0); }, "bad_proof"},
      {"proof form 3", 2, [](LeBytes& b) { b.U8(0).U8(3); }, "bad_proof"},
      {"more leaves than bytes", 2,
       [](LeBytes& b) { b.U8(0).U8(2).U64(11).U8(0).U64(2).Raw(Raw32(1)); }, "too_many"},
      {"frontier of 65", 2, [](LeBytes& b) { b.U8(0).U8(2).U64(11).U8(65); }, "too_many"},
  };
  for (const Case& c : cases) {
    LeBytes b;
    b.U8(c.format).Str(kOrigin).U64(2).U64(3).Raw(Raw32(0xAA)).U8(0).U8(0).U64(0).U8(0);
    c.tail(b);
    Result<CatalogAnswer> a = DecodeCatalogAnswer(b.bytes());
    ASSERT_FALSE(a.ok()) << c.name;
    EXPECT_EQ(a.status().reason(), c.reason) << c.name;
  }
  // An origin that is no key name cannot be the checkpoint's.
  LeBytes bad_origin;
  bad_origin.U8(2).Str("").U64(2).U64(3).Raw(Raw32(0xAA)).U8(0).U8(0).U64(0).U8(0);
  bad_origin.U8(2).U64(14).Raw(Raw32(0x44)).U8(1).Str("").Str(s).U8(0);
  EXPECT_EQ(DecodeCatalogAnswer(bad_origin.bytes()).status().reason(), "bad_checkpoint");

  Bytes full = EncodeCatalogAnswer(CompactSample());
  for (size_t n = 0; n < full.size(); ++n) {
    EXPECT_FALSE(DecodeCatalogAnswer(Bytes(full.begin(), full.begin() + n)).ok()) << n;
  }
}

// Format 3 (docs/decisions/0034-lean-answer.md): format 2 with compact
// integers, without the origin and without the range's frontier.
TEST(CatalogAnswerTest, LeanFormatGoldenBytes) {
  CatalogAnswer a = CompactSample();
  a.format = 3;
  const Bytes sig = SignatureOf(*a.checkpoint);
  LeBytes b;
  b.U8(3).Var(2).Var(3).Raw(Raw32(0xAA)).U8(1).U8(0).Var(1);  // no origin
  b.Var(12).U8(5).VarStr("A").U8(0);
  b.U8(0);
  b.U8(2).Var(14).Raw(Raw32(0x44)).U8(1).VarStr("").VarStr(std::string(sig.begin(), sig.end()));
  b.U8(2).Var(11).Var(1).Raw(Raw32(0x88));  // no frontier: the station keeps it
  const Bytes encoded = EncodeCatalogAnswer(a);
  EXPECT_EQ(encoded, b.bytes());
  EXPECT_EQ(HexEncode(Bytes(encoded.begin(), encoded.begin() + 4)), "01030203");
  a.format = 2;
  const size_t two = EncodeCatalogAnswer(a).size();
  // The origin with its length (8 + 20 bytes), the frontier (its count and
  // 3 × 32 bytes) and 7 bytes of each of the other 10 integers and lengths.
  EXPECT_EQ(two - encoded.size(), size_t{28 + 1 + 96 + 10 * 7});

  Result<CatalogAnswer> back = DecodeCatalogAnswer(encoded, kOrigin);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->format, 3);
  EXPECT_EQ(back->origin, kOrigin);
  EXPECT_EQ(*back->checkpoint, *a.checkpoint) << "the note rebuilt with the reader's origin";
  ASSERT_TRUE(back->range.has_value());
  EXPECT_EQ(back->range->from, 11u);
  EXPECT_TRUE(back->range->frontier.empty()) << "the reader puts its own frontier there";
  EXPECT_EQ(back->range->leaves, a.range->leaves);
  EXPECT_EQ(EncodeCatalogAnswer(*back), encoded);

  // Under another origin the rebuilt note is not the one signed: it no
  // longer opens with the hub's key (the station's check refuses it).
  Result<CatalogAnswer> other = DecodeCatalogAnswer(encoded, "other.example/gongkai");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(
      OpenCheckpoint(*other->checkpoint, MakeVerifierKey(kOrigin, KatKey().public_key()), kOrigin)
          .ok());
}

TEST(CatalogAnswerTest, DamagedLeanFormsAreRefused) {
  CatalogAnswer a = CompactSample();
  a.format = 3;
  const Bytes good = EncodeCatalogAnswer(a);
  // No origin to read it with: only a station that verified a checkpoint asks.
  EXPECT_EQ(DecodeCatalogAnswer(good).status().reason(), "unsupported_format");
  auto head = [] {
    LeBytes b;
    b.U8(3).Var(2).Var(3).Raw(Raw32(0xAA)).U8(1).U8(0);
    return b;
  };
  struct Case {
    const char* name;
    std::function<void(LeBytes&)> rest;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"an integer longer than it needs",
       [](LeBytes& b) {
         b.Raw({0x80, 0x00});
       },
       "malformed"},
      {"more entries than bytes", [](LeBytes& b) { b.Var(9).Var(12).U8(5).VarStr("A").U8(0); },
       "too_many"},
      {"more leaves than bytes",
       [](LeBytes& b) { b.Var(0).U8(0).U8(0).U8(2).Var(11).Var(2).Raw(Raw32(0x88)); }, "too_many"},
      {"proof form 3", [](LeBytes& b) { b.Var(0).U8(0).U8(0).U8(3); }, "bad_proof"},
      {"a byte after the range",
       [](LeBytes& b) { b.Var(0).U8(0).U8(0).U8(2).Var(11).Var(0).U8(0); }, "trailing_bytes"},
  };
  for (const Case& c : cases) {
    LeBytes b = head();
    c.rest(b);
    Result<CatalogAnswer> d = DecodeCatalogAnswer(b.bytes(), kOrigin);
    ASSERT_FALSE(d.ok()) << c.name;
    EXPECT_EQ(d.status().reason(), c.reason) << c.name;
  }
  for (size_t n = 0; n < good.size(); ++n) {
    EXPECT_FALSE(DecodeCatalogAnswer(Bytes(good.begin(), good.begin() + n), kOrigin).ok()) << n;
  }
}

}  // namespace gongkai
