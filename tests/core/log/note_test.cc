// C2SP signed notes: the known answer from the spec's reference
// implementation (golang.org/x/mod/sumdb/note), tampering, unknown keys and
// malformed notes.
#include "core/log/note.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/base/base64.h"
#include "tests/testing/kat_key.h"

namespace gongkai {
namespace {

constexpr char kName[] = "PeterNeumann";
constexpr char kVerifierKey[] =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr char kText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr char kSigB64[] =
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

PrivateKey OtherKey(uint8_t fill) { return *PrivateKey::FromSeed(Bytes(32, fill)); }

std::string KatNote() {
  return std::string(kText) + "\n\xE2\x80\x94 " + kName + " " + kSigB64 + "\n";
}

std::vector<VerifierKey> KatKnown() { return {*ParseVerifierKey(kVerifierKey)}; }

std::string SigLine(std::string_view name, std::string_view b64) {
  return "\xE2\x80\x94 " + std::string(name) + " " + std::string(b64) + "\n";
}

TEST(NoteTest, KnownAnswerKeyAndSignatureMatchTheReferenceImplementation) {
  PrivateKey key = KatKey();
  EXPECT_EQ(MakeVerifierKey(kName, key.public_key()).ToString(), kVerifierKey);
  Result<std::string> note = SignNote(kText, kName, key);
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(*note, KatNote());
}

TEST(NoteTest, KnownAnswerNoteOpensWithItsVerifierKey) {
  Result<OpenedNote> opened = OpenNote(KatNote(), KatKnown());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->text, kText);
  ASSERT_EQ(opened->verified_by.size(), 1u);
  EXPECT_EQ(opened->verified_by[0].ToString(), kVerifierKey);
  EXPECT_TRUE(opened->unverified.empty());
}

TEST(NoteTest, ParseSplitsKeyIdAndSignature) {
  Result<ParsedNote> parsed = ParseNote(KatNote());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->text, kText);
  ASSERT_EQ(parsed->signatures.size(), 1u);
  EXPECT_EQ(parsed->signatures[0].name, kName);
  EXPECT_EQ(parsed->signatures[0].key_id, 0xc74f20a3u);
  EXPECT_EQ(parsed->signatures[0].signature.size(), 64u);
}

TEST(NoteTest, TamperedTextFailsTheKnownKeysSignature) {
  std::string note = KatNote();
  note[3] = 'Y';
  Result<OpenedNote> opened = OpenNote(note, KatKnown());
  EXPECT_EQ(opened.status().reason(), "bad_signature");
  EXPECT_EQ(opened.status().code(), Code::kUnauthenticated);
}

TEST(NoteTest, AddedTextLineFailsTheSignature) {
  std::string note = "extra line\n" + KatNote();
  EXPECT_EQ(OpenNote(note, KatKnown()).status().reason(), "bad_signature");
}

TEST(NoteTest, TamperedSignatureBytesFail) {
  Bytes raw = *Base64Decode(kSigB64);
  raw[20] ^= 0x01;
  std::string note = std::string(kText) + "\n" + SigLine(kName, Base64Encode(raw));
  EXPECT_EQ(OpenNote(note, KatKnown()).status().reason(), "bad_signature");
}

TEST(NoteTest, KnownKeySignatureOfWrongLengthIsABadSignature) {
  Bytes raw = *Base64Decode(kSigB64);
  raw.pop_back();
  std::string note = std::string(kText) + "\n" + SigLine(kName, Base64Encode(raw));
  EXPECT_EQ(OpenNote(note, KatKnown()).status().reason(), "bad_signature");
}

TEST(NoteTest, SignatureByUnknownKeyIsIgnoredWhenAKnownKeySigned) {
  std::vector<NoteSigner> signers = {{"witness.example/w1", OtherKey(7)}, {kName, KatKey()}};
  Result<std::string> note = SignNote(kText, signers);
  ASSERT_TRUE(note.ok());
  Result<OpenedNote> opened = OpenNote(*note, KatKnown());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ASSERT_EQ(opened->verified_by.size(), 1u);
  EXPECT_EQ(opened->verified_by[0].name, kName);
  ASSERT_EQ(opened->unverified.size(), 1u);
  EXPECT_EQ(opened->unverified[0].name, "witness.example/w1");
}

TEST(NoteTest, GarbageSignatureByUnknownKeyIsIgnored) {
  std::string note = KatNote() + SigLine("someone.else", "AAAAAAAAAA==");
  Result<OpenedNote> opened = OpenNote(note, KatKnown());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->unverified.size(), 1u);
}

TEST(NoteTest, OnlyUnknownKeysSignedIsRejected) {
  VerifierKey stranger = MakeVerifierKey("stranger", OtherKey(9).public_key());
  Result<OpenedNote> opened = OpenNote(KatNote(), std::vector<VerifierKey>{stranger});
  EXPECT_EQ(opened.status().reason(), "no_known_signature");
  EXPECT_EQ(OpenNote(KatNote(), {}).status().reason(), "no_known_signature");
}

TEST(NoteTest, SameNameWithDifferentKeyIdCountsAsUnknown) {
  VerifierKey impostor = MakeVerifierKey(kName, OtherKey(3).public_key());
  Result<OpenedNote> opened = OpenNote(KatNote(), std::vector<VerifierKey>{impostor});
  EXPECT_EQ(opened.status().reason(), "no_known_signature");
}

TEST(NoteTest, BothKnownSignersAreReportedInOrder) {
  VerifierKey w = MakeVerifierKey("w", OtherKey(7).public_key());
  std::vector<NoteSigner> signers = {{kName, KatKey()}, {"w", OtherKey(7)}};
  Result<std::string> note = SignNote(kText, signers);
  ASSERT_TRUE(note.ok());
  std::vector<VerifierKey> known = {w, KatKnown()[0]};
  Result<OpenedNote> opened = OpenNote(*note, known);
  ASSERT_TRUE(opened.ok());
  ASSERT_EQ(opened->verified_by.size(), 2u);
  EXPECT_EQ(opened->verified_by[0].name, kName);
  EXPECT_EQ(opened->verified_by[1].name, "w");
}

TEST(NoteTest, RepeatedSignatureByTheSameKeyCountsOnce) {
  std::string note = KatNote() + SigLine(kName, kSigB64);
  Result<OpenedNote> opened = OpenNote(note, KatKnown());
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->verified_by.size(), 1u);
}

TEST(NoteTest, TextMayContainBlankLinesBecauseTheLastBlankLineSplits) {
  const std::string text = "first\n\nthird\n";
  Result<std::string> note = SignNote(text, kName, KatKey());
  ASSERT_TRUE(note.ok());
  Result<OpenedNote> opened = OpenNote(*note, KatKnown());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->text, text);
}

// --- malformed notes -------------------------------------------------------

std::string OpenReason(const std::string& note) {
  return OpenNote(note, KatKnown()).status().reason();
}

TEST(NoteMalformedTest, MissingBlankLineBeforeSignatures) {
  EXPECT_EQ(OpenReason(std::string(kText) + SigLine(kName, kSigB64)), "note_missing_signatures");
}

TEST(NoteMalformedTest, BlankLineButNoSignatureLines) {
  EXPECT_EQ(OpenReason(std::string(kText) + "\n"), "note_missing_signatures");
  EXPECT_EQ(OpenReason(""), "note_missing_signatures");
}

TEST(NoteMalformedTest, LastSignatureLineWithoutNewline) {
  std::string note = KatNote();
  note.pop_back();
  EXPECT_EQ(OpenReason(note), "signature_block_unterminated");
}

TEST(NoteMalformedTest, AsciiDashesInsteadOfEmDash) {
  EXPECT_EQ(OpenReason(std::string(kText) + "\n-- " + kName + " " + kSigB64 + "\n"),
            "bad_signature_line");
  EXPECT_EQ(OpenReason(std::string(kText) + "\n\xE2\x80\x94" + kName + " " + kSigB64 + "\n"),
            "bad_signature_line");
}

TEST(NoteMalformedTest, SignatureLineWithoutSpaceBetweenNameAndSignature) {
  EXPECT_EQ(OpenReason(std::string(kText) + "\n" + "\xE2\x80\x94 " + kName + "\n"),
            "bad_signature_line");
}

TEST(NoteMalformedTest, GoodSignatureFollowedByAnotherLineThatIsNotASignature) {
  EXPECT_EQ(OpenReason(KatNote() + "trailing text\n"), "bad_signature_line");
}

TEST(NoteMalformedTest, EmptyKeyName) {
  EXPECT_EQ(OpenReason(std::string(kText) + "\n" + SigLine("", kSigB64)), "bad_key_name");
}

TEST(NoteMalformedTest, KeyNameWithPlus) {
  EXPECT_EQ(OpenReason(std::string(kText) + "\n" + SigLine("a+b", kSigB64)), "bad_key_name");
}

TEST(NoteMalformedTest, KeyNameWithUnicodeSpace) {
  // U+3000 IDEOGRAPHIC SPACE inside the name.
  EXPECT_EQ(OpenReason(std::string(kText) + "\n" + SigLine("a\xE3\x80\x80z", kSigB64)),
            "bad_key_name");
}

TEST(NoteMalformedTest, SignatureNotBase64) {
  EXPECT_EQ(OpenReason(std::string(kText) + "\n" + SigLine(kName, "not*base64")),
            "bad_signature_base64");
  EXPECT_EQ(OpenReason(std::string(kText) + "\n" + SigLine(kName, "")), "bad_signature_base64");
  // An extra space puts a space inside the base64.
  EXPECT_EQ(OpenReason(std::string(kText) + "\n" + SigLine(kName, std::string(" ") + kSigB64)),
            "bad_signature_base64");
}

TEST(NoteMalformedTest, SignatureShorterThanKeyIdPlusOneByte) {
  EXPECT_EQ(OpenReason(std::string(kText) + "\n" + SigLine(kName, "x08gow==")),
            "signature_too_short");
}

TEST(NoteMalformedTest, MoreThanOneHundredSignatures) {
  std::string note = KatNote();
  for (int i = 0; i < 100; ++i) note += SigLine("u" + std::to_string(i), "AAAAAAAAAA==");
  EXPECT_EQ(OpenReason(note), "too_many_signatures");
}

TEST(NoteMalformedTest, ExactlyOneHundredSignaturesIsAllowed) {
  std::string note = KatNote();
  for (int i = 0; i < 99; ++i) note += SigLine("u" + std::to_string(i), "AAAAAAAAAA==");
  EXPECT_TRUE(OpenNote(note, KatKnown()).ok());
}

TEST(NoteMalformedTest, LargerThanOneMebibyte) {
  std::string big(kMaxNoteBytes, 'a');
  big[100] = '\n';
  std::string note = big + "\n" + SigLine(kName, kSigB64);
  Status s = OpenNote(note, KatKnown()).status();
  EXPECT_EQ(s.reason(), "note_too_large");
  EXPECT_EQ(s.code(), Code::kResourceExhausted);
}

TEST(NoteMalformedTest, InvalidUtf8) {
  EXPECT_EQ(OpenReason("caf\xC3\n" + std::string("\n") + SigLine(kName, kSigB64)), "note_not_utf8");
}

TEST(NoteMalformedTest, ControlCharactersOtherThanNewline) {
  for (char c : {'\t', '\r', '\0', '\x1b'}) {
    std::string note = KatNote();
    note[5] = c;
    EXPECT_EQ(OpenReason(note), "note_control_character") << int(c);
  }
}

// --- signing preconditions -------------------------------------------------

TEST(NoteSignTest, TextMustEndWithNewline) {
  EXPECT_EQ(SignNote("no newline", kName, KatKey()).status().reason(), "note_text_unterminated");
  EXPECT_EQ(SignNote("", kName, KatKey()).status().reason(), "note_text_unterminated");
}

TEST(NoteSignTest, TextMustBeUtf8WithoutControlCharacters) {
  EXPECT_EQ(SignNote("\xFF\n", kName, KatKey()).status().reason(), "note_not_utf8");
  EXPECT_EQ(SignNote("a\tb\n", kName, KatKey()).status().reason(), "note_control_character");
  EXPECT_EQ(SignNote("a\rb\n", kName, KatKey()).status().reason(), "note_control_character");
}

TEST(NoteSignTest, SignerNameMustBeAValidKeyName) {
  EXPECT_EQ(SignNote(kText, "", KatKey()).status().reason(), "bad_key_name");
  EXPECT_EQ(SignNote(kText, "a b", KatKey()).status().reason(), "bad_key_name");
  EXPECT_EQ(SignNote(kText, "a+b", KatKey()).status().reason(), "bad_key_name");
  EXPECT_EQ(SignNote(kText,
                     "a\xC2\xA0"
                     "b",
                     KatKey())
                .status()
                .reason(),
            "bad_key_name");
  EXPECT_TRUE(SignNote(kText, "公开镇.example/hub", KatKey()).ok());
}

TEST(NoteSignTest, AtLeastOneSigner) {
  EXPECT_EQ(SignNote(kText, std::span<const NoteSigner>()).status().reason(), "no_signers");
}

TEST(NoteSignTest, SignedNoteMayNotExceedOneMebibyte) {
  std::string text(kMaxNoteBytes - 10, 'a');
  text.back() = '\n';
  EXPECT_EQ(SignNote(text, kName, KatKey()).status().reason(), "note_too_large");
}

}  // namespace
}  // namespace gongkai
