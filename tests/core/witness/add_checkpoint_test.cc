// tlog-witness add-checkpoint: the request grammar (golden bytes) and the
// witness's answer for every status code of the spec (docs/formats/witness.md).
#include "core/witness/add_checkpoint.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "core/log/note.h"
#include "tests/testing/sample_log.h"

namespace gongkai {
namespace {

class AddCheckpointTest : public ::testing::Test {
 protected:
  AddCheckpointRequest Request(uint64_t old_size, uint64_t size) {
    return log_.Request(old_size, size);
  }
  std::string Signed(uint64_t size, const PrivateKey& key) { return log_.Signed(size, key); }
  WitnessedLog Log(uint64_t size) {
    WitnessedLog log{log_.origin(), log_.vkey(), size, {}};
    if (size > 0) log.root = log_.root(size);
    return log;
  }

  gongkai::testing::SampleLog log_;
};

TEST_F(AddCheckpointTest, RequestGoldenBytesAndRoundTrip) {
  AddCheckpointRequest req;
  req.old_size = 3;
  req.proof = {Hash32{}, Hash32{}};
  req.proof[1][0] = 0xff;
  req.checkpoint = "x\n\n\xE2\x80\x94 x AAAAAAA=\n";
  const std::string want =
      "old 3\n"
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
      "/wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
      "\n"
      "x\n\n\xE2\x80\x94 x AAAAAAA=\n";
  EXPECT_EQ(FormatAddCheckpointRequest(req), want);
  Result<AddCheckpointRequest> back = ParseAddCheckpointRequest(want);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, req);
}

TEST_F(AddCheckpointTest, MalformedRequestsHaveTheirReasons) {
  EXPECT_EQ(ParseAddCheckpointRequest("").status().reason(), "bad_old_size");
  EXPECT_EQ(ParseAddCheckpointRequest("old 03\n\n").status().reason(), "bad_old_size");
  EXPECT_EQ(ParseAddCheckpointRequest("old -1\n\n").status().reason(), "bad_old_size");
  EXPECT_EQ(ParseAddCheckpointRequest("new 1\n\n").status().reason(), "bad_old_size");
  EXPECT_EQ(ParseAddCheckpointRequest("old 1\nAAAA\n\n").status().reason(), "bad_proof_line");
  EXPECT_EQ(ParseAddCheckpointRequest("old 1\n").status().reason(), "missing_blank_line");
  std::string many = "old 1\n";
  for (int i = 0; i < 64; ++i) many += "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
  EXPECT_EQ(ParseAddCheckpointRequest(many + "\n").status().reason(), "too_many_proof_lines");
  std::string max = "old 1\n";
  for (int i = 0; i < 63; ++i) max += "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
  EXPECT_TRUE(ParseAddCheckpointRequest(max + "\n").ok());
}

TEST_F(AddCheckpointTest, FirstCheckpointWithOldZeroIsCosigned) {
  WitnessDecision d = DecideAddCheckpoint(Request(0, 5), Log(0));
  EXPECT_EQ(d.status, 200) << d.reason;
  EXPECT_EQ(d.size, 5u);
  EXPECT_EQ(d.root, log_.root(5));
  EXPECT_EQ(d.text, ParseNote(log_.Signed(5)).value().text);
  EXPECT_FALSE(d.misbehaviour);
}

TEST_F(AddCheckpointTest, GrowthWithProofIsCosigned) {
  EXPECT_EQ(DecideAddCheckpoint(Request(5, 9), Log(5)).status, 200);
}

TEST_F(AddCheckpointTest, SameCheckpointAgainIsCosigned) {
  EXPECT_EQ(DecideAddCheckpoint(Request(5, 5), Log(5)).status, 200);
}

TEST_F(AddCheckpointTest, UnknownOriginIs404) {
  WitnessDecision d = DecideAddCheckpoint(Request(0, 5), std::nullopt);
  EXPECT_EQ(d.status, 404);
  EXPECT_EQ(d.reason, "unknown_origin");
  EXPECT_EQ(RequestOrigin(Request(0, 5)).value(), "town.example/log");
  EXPECT_FALSE(d.misbehaviour);
}

TEST_F(AddCheckpointTest, SignatureByAnotherKeyIs403) {
  AddCheckpointRequest req = Request(0, 5);
  req.checkpoint = Signed(5, PrivateKey::FromSeed(Bytes(32, 0x22)).value());
  WitnessDecision d = DecideAddCheckpoint(req, Log(0));
  EXPECT_EQ(d.status, 403);
}

TEST_F(AddCheckpointTest, BrokenSignatureIs403) {
  AddCheckpointRequest req = Request(0, 5);
  const size_t at = req.checkpoint.rfind(' ') + 10;
  req.checkpoint[at] = req.checkpoint[at] == 'A' ? 'B' : 'A';
  EXPECT_EQ(DecideAddCheckpoint(req, Log(0)).status, 403);
}

TEST_F(AddCheckpointTest, OldSizeLargerThanCheckpointIs400) {
  AddCheckpointRequest req = Request(5, 5);
  req.old_size = 6;
  WitnessDecision d = DecideAddCheckpoint(req, Log(6));
  EXPECT_EQ(d.status, 400);
  EXPECT_EQ(d.reason, "old_size_too_large");
}

TEST_F(AddCheckpointTest, ProofWithOldZeroIs400) {
  AddCheckpointRequest req = Request(0, 5);
  req.proof.push_back(Hash32{});
  EXPECT_EQ(DecideAddCheckpoint(req, Log(0)).status, 400);
}

TEST_F(AddCheckpointTest, MalformedNoteIs400) {
  AddCheckpointRequest req = Request(0, 5);
  req.checkpoint = "town.example/log\n5\n";
  EXPECT_EQ(DecideAddCheckpoint(req, Log(0)).status, 400);
}

TEST_F(AddCheckpointTest, OldSizeNotTheLatestIs409WithTheLatestSize) {
  WitnessDecision d = DecideAddCheckpoint(Request(3, 9), Log(5));
  EXPECT_EQ(d.status, 409);
  EXPECT_EQ(d.reason, "old_size_mismatch");
  EXPECT_EQ(d.latest_size, 5u);
  EXPECT_FALSE(d.misbehaviour);  // a log that lost track of the witness, not a rollback
  // A rollback: the log asks to go from 5 back to 3.
  d = DecideAddCheckpoint(Request(3, 3), Log(5));
  EXPECT_EQ(d.status, 409);
  EXPECT_EQ(d.latest_size, 5u);
  EXPECT_TRUE(d.misbehaviour);
}

TEST_F(AddCheckpointTest, SameSizeOtherRootIs409) {
  WitnessedLog log = Log(5);
  log.root[0] ^= 1;  // the witness saw another tree of size 5: a fork
  WitnessDecision d = DecideAddCheckpoint(Request(5, 5), log);
  EXPECT_EQ(d.status, 409);
  EXPECT_EQ(d.reason, "root_mismatch");
  EXPECT_EQ(d.latest_size, 5u);
  EXPECT_TRUE(d.misbehaviour);
}

TEST_F(AddCheckpointTest, BadProofIs422) {
  AddCheckpointRequest req = Request(5, 9);
  req.proof[0][0] ^= 1;
  WitnessDecision d = DecideAddCheckpoint(req, Log(5));
  EXPECT_EQ(d.status, 422);
  EXPECT_EQ(d.reason, "inconsistent");
  EXPECT_TRUE(d.misbehaviour);
}

TEST_F(AddCheckpointTest, ForkedTreeIs422) {
  // The witness holds size 5 of another history; the proof is honest for
  // this tree but cannot lead from the other root.
  WitnessedLog log = Log(5);
  log.root = gongkai::testing::SampleLog("town.example/log", 0x21, 9, "other ").root(5);
  EXPECT_EQ(DecideAddCheckpoint(Request(5, 9), log).status, 422);
}

}  // namespace
}  // namespace gongkai
