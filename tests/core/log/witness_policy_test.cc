// What a reader told --witness-key requires of a checkpoint: a quorum of
// valid, timely cosignatures (docs/formats/cosignature.md § 4).
#include "core/log/witness_policy.h"

#include <gtest/gtest.h>

#include "core/log/note.h"

namespace gongkai {
namespace {

constexpr char kText[] = "town.example/log\n5\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n";
constexpr int64_t kNow = 1767225600;

class WitnessPolicyTest : public ::testing::Test {
 protected:
  PrivateKey Key(uint8_t b) { return PrivateKey::FromSeed(Bytes(32, b)).value(); }
  VerifierKey Witness(uint8_t b) {
    return MakeVerifierKey("w" + std::to_string(b) + ".example", Key(b).public_key(),
                           kCosignatureV1KeyType);
  }
  std::string Line(uint8_t b, int64_t at) {
    return Cosign(kText, Witness(b).name, Key(b), uint64_t(at)).value();
  }
  std::string Note(const std::string& lines) {
    return SignNote(kText, "town.example/log", Key(1)).value() + lines;
  }
  WitnessPolicy Policy(size_t quorum) {
    WitnessPolicy p;
    p.witnesses = {Witness(10), Witness(11), Witness(12)};
    p.quorum = quorum;
    return p;
  }
};

TEST_F(WitnessPolicyTest, QuorumOfTwoOfThree) {
  const std::string note = Note(Line(10, kNow - 5) + Line(12, kNow - 5));
  Result<std::vector<Cosignature>> ok = CheckWitnessed(note, Policy(2), kNow);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->size(), 2u);
  Result<std::vector<Cosignature>> short_of_three = CheckWitnessed(note, Policy(3), kNow);
  EXPECT_EQ(short_of_three.status().reason(), "checkpoint_not_witnessed");
  EXPECT_EQ(short_of_three.status().code(), Code::kDataLoss);
}

TEST_F(WitnessPolicyTest, NoCosignatureIsNotWitnessed) {
  EXPECT_EQ(CheckWitnessed(Note(""), Policy(1), kNow).status().reason(),
            "checkpoint_not_witnessed");
}

TEST_F(WitnessPolicyTest, CosignatureByAnUnknownWitnessDoesNotCount) {
  EXPECT_EQ(CheckWitnessed(Note(Line(13, kNow)), Policy(1), kNow).status().reason(),
            "checkpoint_not_witnessed");
}

TEST_F(WitnessPolicyTest, FutureAndStaleCosignaturesAreNotTimely) {
  EXPECT_EQ(CheckWitnessed(Note(Line(10, kNow + 601)), Policy(1), kNow).status().reason(),
            "checkpoint_not_witnessed");
  EXPECT_TRUE(CheckWitnessed(Note(Line(10, kNow + 600)), Policy(1), kNow).ok());
  WitnessPolicy aged = Policy(1);
  aged.max_age_seconds = 3600;
  EXPECT_TRUE(CheckWitnessed(Note(Line(10, kNow - 3600)), aged, kNow).ok());
  EXPECT_EQ(CheckWitnessed(Note(Line(10, kNow - 3601)), aged, kNow).status().reason(),
            "checkpoint_not_witnessed");
}

TEST_F(WitnessPolicyTest, ABrokenCosignatureByAKnownWitnessIsEvidence) {
  // Witness 10's line, but over another checkpoint text.
  std::string other = Cosign("town.example/log\n6\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n",
                             Witness(10).name, Key(10), kNow)
                          .value();
  Result<std::vector<Cosignature>> r =
      CheckWitnessed(Note(other + Line(11, kNow)), Policy(1), kNow);
  EXPECT_EQ(r.status().reason(), "bad_cosignature");
  EXPECT_EQ(r.status().code(), Code::kDataLoss);
}

}  // namespace
}  // namespace gongkai
