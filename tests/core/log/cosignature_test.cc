// C2SP tlog-cosignature cosignature/v1: known answers produced independently
// by Python `cryptography` (docs/formats/cosignature.md), the key id with
// algorithm byte 0x04, and every way a cosignature line can be refused.
#include "core/log/cosignature.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/crypto/verifier_key.h"
#include "core/log/note.h"

namespace gongkai {
namespace {

constexpr char kWitnessName[] = "county.example/witness";
// Seed 00 01 02 ... 1f.
constexpr char kWitnessVkey[] =
    "county.example/witness+1c3085cd+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
constexpr char kText[] =
    "town.example/log\n5\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n"
    "gongkai-catalog 2 abababababababababababababababababababababababababababababababab\n";
constexpr uint64_t kTime = 1700000000;
constexpr char kLine[] =
    "\xE2\x80\x94 county.example/witness "
    "HDCFzQAAAABlU/EALaeI6clGGO7nOkhQopSZ1jDWa626V4j6IvrWgnacqJLB0XDD6MTJuK4ziiUNUj1GUaPdHtDVTTAJ"
    "9uX/PHa+CA==\n";

PrivateKey WitnessKey() {
  Bytes seed;
  for (int i = 0; i < 32; ++i) seed.push_back(uint8_t(i));
  return PrivateKey::FromSeed(seed).value();
}

ParsedNote NoteWith(const std::string& lines) {
  // The log's own signature line (not checked here) plus the cosignatures.
  const PrivateKey log = PrivateKey::FromSeed(Bytes(32, 0x33)).value();
  std::string note = SignNote(kText, "town.example/log", log).value() + lines;
  return ParseNote(note).value();
}

TEST(CosignatureTest, KeyIdUsesAlgorithmByte04) {
  const PrivateKey key = WitnessKey();
  EXPECT_EQ(C2spKeyId(kWitnessName, key.public_key(), kCosignatureV1KeyType), 0x1c3085cdu);
  EXPECT_NE(C2spKeyId(kWitnessName, key.public_key()), 0x1c3085cdu);
  EXPECT_EQ(MakeVerifierKey(kWitnessName, key.public_key(), kCosignatureV1KeyType).ToString(),
            kWitnessVkey);
}

TEST(CosignatureTest, ParsesWitnessKeyOnlyAsType04) {
  Result<VerifierKey> vk = ParseVerifierKey(kWitnessVkey, kCosignatureV1KeyType);
  ASSERT_TRUE(vk.ok()) << vk.status().ToString();
  EXPECT_EQ(vk->type, kCosignatureV1KeyType);
  EXPECT_EQ(vk->key, WitnessKey().public_key());
  // The base64 holds '+': the key is split at the first two '+' only.
  EXPECT_NE(std::string(kWitnessVkey).find('+', 32), std::string::npos);
  Result<VerifierKey> as_note = ParseVerifierKey(kWitnessVkey);
  ASSERT_FALSE(as_note.ok());
  EXPECT_EQ(as_note.status().reason(), "bad_verifier_key");
  const std::string note_key =
      MakeVerifierKey("x.example/log", WitnessKey().public_key()).ToString();
  EXPECT_EQ(ParseVerifierKey(note_key, kCosignatureV1KeyType).status().reason(),
            "bad_verifier_key");
}

TEST(CosignatureTest, SignedMessageIsHeaderTimeAndWholeText) {
  EXPECT_EQ(CosignatureMessage(kText, kTime),
            std::string("cosignature/v1\ntime 1700000000\n") + kText);
  EXPECT_EQ(CosignatureMessage("a\n", 0), "cosignature/v1\ntime 0\na\n");
}

TEST(CosignatureTest, KnownAnswerLine) {
  Result<std::string> line = Cosign(kText, kWitnessName, WitnessKey(), kTime);
  ASSERT_TRUE(line.ok()) << line.status().ToString();
  EXPECT_EQ(*line, kLine);
}

TEST(CosignatureTest, VerifiesKnownAnswerAndReadsTimestamp) {
  const VerifierKey w = ParseVerifierKey(kWitnessVkey, kCosignatureV1KeyType).value();
  Result<std::vector<Cosignature>> got = VerifyCosignatures(NoteWith(kLine), {&w, 1});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].timestamp, kTime);
  EXPECT_EQ((*got)[0].witness.ToString(), kWitnessVkey);
}

TEST(CosignatureTest, UnknownWitnessIsIgnored) {
  const PrivateKey other = PrivateKey::FromSeed(Bytes(32, 0x44)).value();
  const VerifierKey w =
      MakeVerifierKey("other.example/w", other.public_key(), kCosignatureV1KeyType);
  Result<std::vector<Cosignature>> got = VerifyCosignatures(NoteWith(kLine), {&w, 1});
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->empty());
}

TEST(CosignatureTest, NoteKeyOfSameNameAndKeyIsNotACosigner) {
  // The same Ed25519 key as a type 0x01 key has another key id: no match.
  const VerifierKey as_note = MakeVerifierKey(kWitnessName, WitnessKey().public_key());
  Result<std::vector<Cosignature>> got = VerifyCosignatures(NoteWith(kLine), {&as_note, 1});
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->empty());
}

TEST(CosignatureTest, AlteredTextFailsAsBadCosignature) {
  const VerifierKey w = ParseVerifierKey(kWitnessVkey, kCosignatureV1KeyType).value();
  ParsedNote note = NoteWith(kLine);
  note.text.replace(note.text.find("\n5\n"), 3, "\n6\n");
  Result<std::vector<Cosignature>> got = VerifyCosignatures(note, {&w, 1});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().reason(), "bad_cosignature");
  EXPECT_EQ(got.status().code(), Code::kUnauthenticated);
}

TEST(CosignatureTest, AlteredTimestampFailsAsBadCosignature) {
  const VerifierKey w = ParseVerifierKey(kWitnessVkey, kCosignatureV1KeyType).value();
  ParsedNote note = NoteWith(kLine);
  note.signatures.back().signature[7] ^= 1;
  EXPECT_EQ(VerifyCosignatures(note, {&w, 1}).status().reason(), "bad_cosignature");
}

TEST(CosignatureTest, WrongLengthFailsAsBadCosignature) {
  const VerifierKey w = ParseVerifierKey(kWitnessVkey, kCosignatureV1KeyType).value();
  ParsedNote note = NoteWith(kLine);
  note.signatures.back().signature.resize(64);  // a plain note signature, no timestamp
  EXPECT_EQ(VerifyCosignatures(note, {&w, 1}).status().reason(), "bad_cosignature");
}

TEST(CosignatureTest, TimestampOver2To63IsRefused) {
  EXPECT_EQ(Cosign(kText, kWitnessName, WitnessKey(), uint64_t{1} << 63).status().reason(),
            "bad_timestamp");
  Result<std::string> max = Cosign(kText, kWitnessName, WitnessKey(), kMaxCosignatureTimestamp);
  ASSERT_TRUE(max.ok());
  const VerifierKey w = ParseVerifierKey(kWitnessVkey, kCosignatureV1KeyType).value();
  Result<std::vector<Cosignature>> got = VerifyCosignatures(NoteWith(*max), {&w, 1});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)[0].timestamp, kMaxCosignatureTimestamp);
}

TEST(CosignatureTest, OpenNoteStillAcceptsTheLogSignatureBesideCosignatures) {
  // Readers that know only the log key (stations before witnesses) ignore
  // the cosignature line.
  const PrivateKey log = PrivateKey::FromSeed(Bytes(32, 0x33)).value();
  const VerifierKey lk = MakeVerifierKey("town.example/log", log.public_key());
  std::string note = SignNote(kText, "town.example/log", log).value() + kLine;
  Result<OpenedNote> opened = OpenNote(note, {&lk, 1});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->unverified.size(), 1u);
}

TEST(CosignatureTest, AddSignatureLinesAppendsOnceAndChecksSyntax) {
  const PrivateKey log = PrivateKey::FromSeed(Bytes(32, 0x33)).value();
  const std::string note = SignNote(kText, "town.example/log", log).value();
  Result<std::string> once = AddSignatureLines(note, kLine);
  ASSERT_TRUE(once.ok()) << once.status().ToString();
  EXPECT_EQ(*once, note + kLine);
  Result<std::string> twice = AddSignatureLines(*once, kLine);
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(*twice, *once);
  EXPECT_EQ(AddSignatureLines(note, "not a signature\n").status().reason(), "bad_signature_line");
  EXPECT_EQ(AddSignatureLines(note, "\xE2\x80\x94 a b").status().reason(), "bad_signature_line");
}

}  // namespace
}  // namespace gongkai
