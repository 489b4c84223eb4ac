// C2SP tlog-checkpoint bodies with the gongkai-catalog extension, signed
// notes over them, and an independent cross-check with Python's
// `cryptography` package.
#include "core/log/checkpoint.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "core/log/merkle.h"
#include "core/log/note.h"
#include "tests/testing/kat_key.h"

namespace gongkai {
namespace {

constexpr char kOrigin[] = "gongkai.example/town-hub";
constexpr char kVerifierKey[] =
    "gongkai.example/town-hub+e116e3da+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

// The worked example of docs/formats/checkpoint.md: the 8-leaf RFC 9162
// test tree, catalog version 42 with hash SHA-256("example catalog").
constexpr char kGoldenBody[] =
    "gongkai.example/town-hub\n"
    "8\n"
    "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
    "gongkai-catalog 42 8d72c2ac10f57b6dff6fba031bac93349fe4114fabe24c8251729614667e3349\n";
// Produced independently by Python `cryptography` with the same seed.
constexpr char kGoldenNote[] =
    "gongkai.example/town-hub\n"
    "8\n"
    "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
    "gongkai-catalog 42 8d72c2ac10f57b6dff6fba031bac93349fe4114fabe24c8251729614667e3349\n"
    "\n"
    "\xE2\x80\x94 gongkai.example/town-hub "
    "4Rbj2q4c7BZ4NOo1vxM+vbTmMiXZQp9tQ89iNOwGwks5LHjyfWptOJTixnKq4l214d45HKEc5wS1KjnmhcMqtPBs8AQ="
    "\n";

Checkpoint Golden() {
  Checkpoint cp;
  cp.origin = kOrigin;
  cp.size = 8;
  cp.root = *HexDecodeHash("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  cp.catalog_version = 42;
  cp.catalog_hash = Sha256(std::string_view("example catalog"));
  return cp;
}

// The hub signs with the known-answer key, so Python could sign the same notes.
PrivateKey HubKey() { return KatKey(); }
VerifierKey HubVerifier() { return *ParseVerifierKey(kVerifierKey); }

std::string ParseReason(const std::string& body) {
  return ParseCheckpointBody(body).status().reason();
}

// Golden body with line `index` replaced by `line` (without "\n").
std::string WithLine(size_t index, const std::string& line) {
  std::vector<std::string> lines;
  std::istringstream in(kGoldenBody);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  lines[index] = line;
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST(CheckpointTest, GoldenBodyBytes) { EXPECT_EQ(FormatCheckpointBody(Golden()), kGoldenBody); }

TEST(CheckpointTest, GoldenBodyParsesBack) {
  Result<Checkpoint> cp = ParseCheckpointBody(kGoldenBody);
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(*cp, Golden());
}

TEST(CheckpointTest, GoldenSignedNoteMatchesIndependentImplementation) {
  EXPECT_EQ(MakeVerifierKey(kOrigin, HubKey().public_key()).ToString(), kVerifierKey);
  Result<std::string> note = SignCheckpoint(Golden(), kOrigin, HubKey());
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(*note, kGoldenNote);
}

TEST(CheckpointTest, RoundTripOfEdgeValues) {
  for (uint64_t size : {uint64_t{0}, uint64_t{1}, uint64_t{10}, kMaxMerkleTreeSize}) {
    for (uint64_t version : {uint64_t{0}, uint64_t{7}, UINT64_MAX}) {
      Checkpoint cp = Golden();
      cp.origin = "公开镇.example/hub";
      cp.size = size;
      cp.catalog_version = version;
      cp.root = Sha256(std::to_string(size));
      std::string body = FormatCheckpointBody(cp);
      Result<Checkpoint> back = ParseCheckpointBody(body);
      ASSERT_TRUE(back.ok()) << back.status().ToString() << "\n" << body;
      EXPECT_EQ(*back, cp);
      EXPECT_EQ(FormatCheckpointBody(*back), body);
    }
  }
}

TEST(CheckpointTest, SignedCheckpointOpensWithTheHubKey) {
  Result<std::string> note = SignCheckpoint(Golden(), kOrigin, HubKey());
  ASSERT_TRUE(note.ok());
  Result<Checkpoint> cp = OpenCheckpoint(*note, HubVerifier(), kOrigin);
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(*cp, Golden());
}

TEST(CheckpointTest, OpenRejectsAnotherOrigin) {
  Result<Checkpoint> cp = OpenCheckpoint(kGoldenNote, HubVerifier(), "other.example/hub");
  EXPECT_EQ(cp.status().reason(), "origin_mismatch");
  EXPECT_EQ(cp.status().code(), Code::kUnauthenticated);
}

TEST(CheckpointTest, OpenRejectsACheckpointSignedByAnotherKey) {
  PrivateKey other = *PrivateKey::FromSeed(Bytes(32, 0x42));
  Result<std::string> note = SignCheckpoint(Golden(), kOrigin, other);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(OpenCheckpoint(*note, HubVerifier(), kOrigin).status().reason(), "no_known_signature");
}

TEST(CheckpointTest, OpenRejectsATamperedSize) {
  std::string note = kGoldenNote;
  note[std::string(kOrigin).size() + 1] = '9';
  EXPECT_EQ(OpenCheckpoint(note, HubVerifier(), kOrigin).status().reason(), "bad_signature");
}

TEST(CheckpointTest, OpenRejectsASignedBodyThatIsNotACheckpoint) {
  Result<std::string> note = SignNote("hello\n", kOrigin, HubKey());
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(OpenCheckpoint(*note, HubVerifier(), kOrigin).status().reason(),
            "checkpoint_truncated");
}

TEST(CheckpointTest, SignRejectsAnInvalidOrigin) {
  Checkpoint cp = Golden();
  for (const char* origin : {"", "has space", "a+b", "line\nbreak"}) {
    cp.origin = origin;
    EXPECT_EQ(SignCheckpoint(cp, kOrigin, HubKey()).status().reason(), "bad_origin") << origin;
  }
}

// --- strict parsing --------------------------------------------------------

TEST(CheckpointParseTest, TreeSizeWithLeadingZero) {
  EXPECT_EQ(ParseReason(WithLine(1, "08")), "bad_tree_size");
  EXPECT_EQ(ParseReason(WithLine(1, "00")), "bad_tree_size");
  EXPECT_TRUE(ParseCheckpointBody(WithLine(1, "0")).ok());
}

TEST(CheckpointParseTest, TreeSizeThatIsNotPlainDecimal) {
  for (const char* s : {"", "+8", "-8", " 8", "8 ", "0x8", "8.0", "８"}) {
    EXPECT_EQ(ParseReason(WithLine(1, s)), "bad_tree_size") << s;
  }
}

TEST(CheckpointParseTest, TreeSizeTooLarge) {
  EXPECT_EQ(ParseReason(WithLine(1, "18446744073709551616")), "bad_tree_size");
  EXPECT_EQ(ParseReason(WithLine(1, "18446744073709551615")), "bad_tree_size");
  EXPECT_EQ(ParseReason(WithLine(1, "9223372036854775809")), "bad_tree_size");
  EXPECT_TRUE(ParseCheckpointBody(WithLine(1, "9223372036854775808")).ok());
}

TEST(CheckpointParseTest, RootNotBase64) {
  EXPECT_EQ(ParseReason(WithLine(2, "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg")),
            "bad_root_hash");
  EXPECT_EQ(ParseReason(WithLine(2, "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz-Nw7_RgQyg=")),
            "bad_root_hash");
  // Non-zero trailing bits: not the canonical encoding.
  EXPECT_EQ(ParseReason(WithLine(2, "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=")),
            "bad_root_hash");
}

TEST(CheckpointParseTest, RootNot32Bytes) {
  std::string r31 = Base64Encode(Bytes(31, 1)), r33 = Base64Encode(Bytes(33, 1));
  EXPECT_EQ(ParseReason(WithLine(2, r31)), "bad_root_hash");
  EXPECT_EQ(ParseReason(WithLine(2, r33)), "bad_root_hash");
  EXPECT_EQ(ParseReason(WithLine(2, "")), "bad_root_hash");
}

TEST(CheckpointParseTest, MissingCatalogExtension) {
  std::string body = kGoldenBody;
  body = body.substr(0, body.find("gongkai-catalog"));
  EXPECT_EQ(ParseReason(body), "missing_catalog_extension");
}

TEST(CheckpointParseTest, UnknownExtensionLine) {
  EXPECT_EQ(ParseReason(std::string(kGoldenBody) + "other-ext 1\n"), "unknown_extension");
  EXPECT_EQ(ParseReason(WithLine(3, "gongkai-catalogue 42 " + std::string(64, 'a'))),
            "unknown_extension");
}

TEST(CheckpointParseTest, DuplicateCatalogExtension) {
  std::string body = kGoldenBody;
  body += body.substr(body.find("gongkai-catalog"));
  EXPECT_EQ(ParseReason(body), "duplicate_extension");
}

TEST(CheckpointParseTest, BlankLineAfterRoot) {
  EXPECT_EQ(ParseReason(std::string(kGoldenBody) + "\n"), "empty_extension_line");
}

TEST(CheckpointParseTest, MalformedCatalogExtension) {
  const std::string hash = HexEncode(Sha256(std::string_view("example catalog")));
  std::string upper = hash;
  for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  const std::vector<std::string> lines = {"gongkai-catalog 42",
                                          "gongkai-catalog",
                                          "gongkai-catalog 042 " + hash,
                                          "gongkai-catalog -1 " + hash,
                                          "gongkai-catalog 42 " + upper,
                                          "gongkai-catalog 42 " + hash.substr(1),
                                          "gongkai-catalog 42 " + hash + "0",
                                          "gongkai-catalog 42  " + hash,
                                          "gongkai-catalog 42 " + hash + " ",
                                          "gongkai-catalog 42 " + hash + " extra",
                                          "gongkai-catalog 18446744073709551616 " + hash};
  for (const std::string& line : lines) {
    EXPECT_EQ(ParseReason(WithLine(3, line)), "bad_catalog_extension") << line;
  }
}

TEST(CheckpointParseTest, BodyWithoutFinalNewline) {
  std::string body = kGoldenBody;
  body.pop_back();
  EXPECT_EQ(ParseReason(body), "checkpoint_unterminated");
  EXPECT_EQ(ParseReason(""), "checkpoint_unterminated");
}

TEST(CheckpointParseTest, FewerThanThreeLines) {
  EXPECT_EQ(ParseReason("gongkai.example/town-hub\n8\n"), "checkpoint_truncated");
}

TEST(CheckpointParseTest, EmptyOrInvalidOrigin) {
  EXPECT_EQ(ParseReason(WithLine(0, "")), "bad_origin");
  EXPECT_EQ(ParseReason(WithLine(0, "town hub")), "bad_origin");
  EXPECT_EQ(ParseReason(WithLine(0, "a+b")), "bad_origin");
}

TEST(CheckpointParseTest, NonUtf8) {
  EXPECT_EQ(ParseReason(WithLine(0, "hub\xC0\xAF")), "checkpoint_not_utf8");
}

TEST(CheckpointParseTest, ControlCharacters) {
  EXPECT_EQ(ParseReason(WithLine(0, "hub\r")), "checkpoint_control_character");
  EXPECT_EQ(ParseReason(WithLine(0, "hub\x7f")), "checkpoint_control_character");
  EXPECT_EQ(ParseReason(WithLine(0, "hub\xC2\x85")), "checkpoint_control_character");
}

// --- independent cross-check -----------------------------------------------

constexpr char kPythonVerifier[] = R"PY(
import base64, hashlib, sys
from cryptography.hazmat.primitives import serialization
from cryptography.exceptions import InvalidSignature

note = open(sys.argv[1], "rb").read()
pub = serialization.load_pem_public_key(open(sys.argv[2], "rb").read())
leaves = [bytes.fromhex(l) for l in open(sys.argv[3]).read().split("\n") if l != "-"][:-1]

# Signed note: text ends at the last blank line; one signature line.
split = note.rindex(b"\n\n")
text, sigs = note[: split + 1], note[split + 2 :]
line = sigs.decode("utf-8")
assert line.endswith("\n") and line.count("\n") == 1, "one signature line"
assert line.startswith("\u2014 "), "em dash"
name, b64 = line[2:-1].split(" ")
raw = base64.b64decode(b64, validate=True)
pub_raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
key_id = hashlib.sha256(name.encode() + b"\n\x01" + pub_raw).digest()[:4]
assert raw[:4] == key_id, "key id"
try:
    pub.verify(raw[4:], text)
except InvalidSignature:
    sys.exit("signature does not verify")

# RFC 9162 MTH, straight from the definition.
def mth(d):
    if len(d) == 0:
        return hashlib.sha256(b"").digest()
    if len(d) == 1:
        return hashlib.sha256(b"\x00" + d[0]).digest()
    k = 1
    while k * 2 < len(d):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(d[:k]) + mth(d[k:])).digest()

lines = text.decode("utf-8").split("\n")
assert lines[0] == name, "origin is the key name"
assert lines[1] == str(len(leaves)), "size"
assert base64.b64decode(lines[2], validate=True) == mth(leaves), "root"
print("verified", len(leaves))
)PY";

class CheckpointPythonCrossCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("python3 -c 'import cryptography' >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "python3 with the cryptography package is not available";
    }
    std::string tmpl = (std::filesystem::temp_directory_path() / "gk_log_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  void Write(const std::string& name, const std::string& content) {
    std::ofstream out(dir_ / name, std::ios::binary);
    out << content;
  }

  // Runs the verifier; returns its exit status and fills `output`.
  int Run(std::string& output) {
    const std::string cmd = "python3 " + (dir_ / "verify.py").string() + " " +
                            (dir_ / "note.txt").string() + " " + (dir_ / "pub.pem").string() + " " +
                            (dir_ / "leaves.txt").string() + " >" + (dir_ / "out.txt").string() +
                            " 2>&1";
    const int rc = std::system(cmd.c_str());
    std::ifstream in(dir_ / "out.txt");
    output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return rc;
  }

  std::filesystem::path dir_;
};

TEST_F(CheckpointPythonCrossCheck, PythonVerifiesOurSignatureAndRecomputesOurRoot) {
  // 37 leaves of varied lengths, including the empty leaf.
  std::vector<Bytes> leaves;
  MemoryNodeStore store;
  std::string leaf_file;
  for (int i = 0; i < 37; ++i) {
    Bytes data(size_t(i * 7 % 23), uint8_t(i));
    leaves.push_back(data);
    ASSERT_TRUE(store.Append(LeafHash(data)).ok());
    leaf_file += HexEncode(data) + "\n";
  }
  leaf_file += "-\n";  // marks the end, so an empty last leaf stays visible
  Checkpoint cp = Golden();
  cp.size = store.size();
  cp.root = *Root(store, cp.size);
  Result<std::string> note = SignCheckpoint(cp, kOrigin, HubKey());
  ASSERT_TRUE(note.ok());

  Write("verify.py", kPythonVerifier);
  Write("note.txt", *note);
  Write("pub.pem", PublicKeyPem(HubKey().public_key()));
  Write("leaves.txt", leaf_file);
  std::string output;
  EXPECT_EQ(Run(output), 0) << output;
  EXPECT_EQ(output, "verified 37\n");

  // The check is not vacuous: a flipped signature byte and a wrong root fail.
  std::string bad_sig = *note;
  bad_sig[bad_sig.size() - 10] = bad_sig[bad_sig.size() - 10] == 'A' ? 'B' : 'A';
  Write("note.txt", bad_sig);
  EXPECT_NE(Run(output), 0) << output;

  cp.root = *Root(store, cp.size - 1);
  Write("note.txt", *SignCheckpoint(cp, kOrigin, HubKey()));
  EXPECT_NE(Run(output), 0) << output;
  EXPECT_NE(output.find("root"), std::string::npos) << output;
}

}  // namespace
}  // namespace gongkai
