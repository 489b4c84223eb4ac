// The auditor's files: the --state resume file (round trip, checksum,
// wrong magic) and the exported log file (docs/formats/log-export.md:
// golden prefix, round trip, framing errors).
#include <gtest/gtest.h>

#include "core/crypto/sha256.h"
#include "core/log/log_export.h"
#include "core/store/atomic_file.h"
#include "station/audit/resume_state.h"
#include "tests/testing/le_bytes.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::station {
namespace {

TEST(AuditResumeState, RoundTripsAndRefusesDamage) {
  ResumeState s;
  s.hub_key = "town.example/gongkai+2e07ea07+Aa6ElxlbKzMUkd/pQP4sJ1Z7D8vj6rFFXfyB5IT96RYH";
  s.accepted = "note\n";
  s.verifier = Bytes{1, 2, 3};
  s.leaves = {Hash32{}, Hash32{}};
  s.leaves[1][0] = 7;
  Bytes b = EncodeResumeState(s);
  Result<ResumeState> back = DecodeResumeState(b);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->hub_key, s.hub_key);
  EXPECT_EQ(back->accepted, s.accepted);
  EXPECT_EQ(back->target, "");
  EXPECT_EQ(back->verifier, s.verifier);
  EXPECT_EQ(back->leaves, s.leaves);

  Bytes flipped = b;
  flipped[flipped.size() - 40] ^= 1;
  EXPECT_EQ(DecodeResumeState(flipped).status().reason(), "state_corrupt");
  Bytes other = EncodeLogExport(LogExport{"x\n", {}});
  EXPECT_EQ(DecodeResumeState(other).status().reason(), "not_audit_state");
}

// A --state file that is not one (or is damaged) is refused by
// LoadResumeState in one line naming the file and what to do.
TEST(AuditResumeState, AnUnusableFileIsNamedWithWhatToDo) {
  ::gongkai::TempDir tmp;
  const std::string path = tmp.path() + "/bad.state";
  ASSERT_TRUE(WriteFileAtomic(path, "not a state file at all", 0600).ok());
  Result<std::optional<ResumeState>> r = LoadResumeState(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("核验进度文件 " + path + " 无法使用"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("--state"), std::string::npos);
  EXPECT_EQ(*ReadFile(path), "not a state file at all") << "left as it was";
  Result<std::optional<ResumeState>> none = LoadResumeState(tmp.path() + "/missing.state");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

// The resume file byte for byte as docs/audit.md § --state writes its
// grammar, built by hand (no cereal), checksum included.
TEST(AuditResumeState, GoldenBytes) {
  ResumeState s;
  s.hub_key = "k";
  s.accepted = "note\n";
  s.target = "";
  s.verifier = Bytes{1, 2, 3};
  s.leaves = {Hash32{}};
  s.leaves[0][0] = 7;
  LeBytes want;
  want.Str("gongkai-audit-resume").U16(1).Str("k").Str("note\n").Str("");
  want.U64(3).Raw({1, 2, 3});     // verifier, a string of bytes
  want.U64(1).Raw(Bytes(32, 0));  // n = 1, then its leaf hash
  Bytes body = want.bytes();
  body[body.size() - 32] = 7;  // leaf_hash[0][0]
  const Hash32 sum = Sha256(body);
  body.insert(body.end(), sum.begin(), sum.end());
  EXPECT_EQ(EncodeResumeState(s), body);
  Result<ResumeState> back = DecodeResumeState(body);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->leaves, s.leaves);
}

TEST(LogExportFile, GoldenPrefixRoundTripAndFraming) {
  LogExport e{"cp\n", {Bytes{0xAA}, Bytes{}}};
  Bytes b = EncodeLogExport(e);
  // clang-format off
  const Bytes golden = {
      0x01,                                            // archive flag
      0x12, 0, 0, 0, 0, 0, 0, 0,                       // magic length 18
      'g', 'o', 'n', 'g', 'k', 'a', 'i', '-', 'l', 'o', 'g', '-', 'e', 'x', 'p', 'o', 'r', 't',
      0x01, 0x00,                                      // format 1
      0x03, 0, 0, 0, 0, 0, 0, 0, 'c', 'p', '\n',       // checkpoint
      0x02, 0, 0, 0, 0, 0, 0, 0,                       // n = 2
      0x01, 0, 0, 0, 0, 0, 0, 0, 0xAA,                 // entry 0
      0x00, 0, 0, 0, 0, 0, 0, 0,                       // entry 1 (empty)
  };
  // clang-format on
  EXPECT_EQ(b, golden);
  Result<LogExport> back = DecodeLogExport(b);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->checkpoint, e.checkpoint);
  EXPECT_EQ(back->entries, e.entries);

  Bytes longer = b;
  longer.push_back(0);
  EXPECT_EQ(DecodeLogExport(longer).status().reason(), "trailing_bytes");
  Bytes shorter(b.begin(), b.end() - 3);
  EXPECT_EQ(DecodeLogExport(shorter).status().reason(), "truncated");
  Bytes many = b;
  many[47] = 0x10;  // n (bytes 40..47): far more entries than bytes
  EXPECT_EQ(DecodeLogExport(many).status().reason(), "truncated");
  Bytes magic = b;
  magic[9] = 'G';
  EXPECT_EQ(DecodeLogExport(magic).status().reason(), "not_log_export");
}

}  // namespace
}  // namespace gongkai::station
