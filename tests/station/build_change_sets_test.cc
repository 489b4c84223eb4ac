#include "station/seal/build_change_sets.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "core/record/envelope.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station {
namespace {

PrivateKey TestKey() { return *PrivateKey::FromSeed(Bytes(32, 0x42)); }

SealHeader Header() {
  SealHeader h;
  h.station = "hongqi-01";
  h.base_version = 3;
  h.created_at = 1700000000;
  h.note = "三月份更新";
  return h;
}

std::deque<CoalescedOp> SetOps(size_t n) {
  std::deque<CoalescedOp> ops;
  for (size_t i = 0; i < n; ++i) {
    ops.push_back({SetOp{SampleVillageRow().id, Field::kNotes, "", "备注" + std::to_string(i)},
                   {static_cast<int64_t>(i + 1)}});
  }
  return ops;
}

ChangeSet Open(const SealedChangeSet& s, const PrivateKey& key) {
  auto env = DecodeEnvelope(s.envelope);
  EXPECT_TRUE(env.ok());
  EXPECT_EQ(env->kind, EnvelopeKind::kChangeSet);
  EXPECT_EQ(env->signer, "hongqi-01");
  EXPECT_TRUE(VerifyEnvelope(*env, key.public_key()).ok());
  EXPECT_EQ(ChangeSetId(env->body), s.id);
  auto cs = DecodeChangeSet(env->body);
  EXPECT_TRUE(cs.ok()) << cs.status().ToString();
  return *cs;
}

TEST(BuildChangeSets, OneSignedChangeSetAfterAnEmptyOutbox) {
  PrivateKey key = TestKey();
  auto sealed = BuildChangeSets(SetOps(3), Header(), key);
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  ASSERT_EQ(sealed->size(), 1u);
  const SealedChangeSet& s = (*sealed)[0];
  EXPECT_EQ(s.seq, 1u);
  EXPECT_EQ(s.prev, Hash32{});
  EXPECT_EQ(s.op_count, 3u);
  EXPECT_EQ(s.edit_ids, (std::vector<int64_t>{1, 2, 3}));
  ChangeSet cs = Open(s, key);
  EXPECT_EQ(cs.seq, 1u);
  EXPECT_EQ(cs.base_version, 3u);
  EXPECT_EQ(cs.created_at, 1700000000);
  EXPECT_EQ(cs.note, "三月份更新");
  EXPECT_EQ(std::get<SetOp>(cs.ops[2]).value, "备注2");
}

TEST(BuildChangeSets, ChainsAfterTheOutboxTip) {
  PrivateKey key = TestKey();
  SealHeader h = Header();
  h.after_seq = 7;
  h.after_id = Sha256("seven");
  auto sealed = BuildChangeSets(SetOps(1), h, key);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ((*sealed)[0].seq, 8u);
  EXPECT_EQ((*sealed)[0].prev, h.after_id);
  EXPECT_EQ(Open((*sealed)[0], key).prev, h.after_id);
}

TEST(BuildChangeSets, SplitsByOpCountIntoAGaplessChain) {
  PrivateKey key = TestKey();
  SealLimits limits;
  limits.max_ops = 2;
  auto sealed = BuildChangeSets(SetOps(5), Header(), key, limits);
  ASSERT_TRUE(sealed.ok());
  ASSERT_EQ(sealed->size(), 3u);
  Hash32 prev{};
  for (size_t i = 0; i < 3; ++i) {
    const SealedChangeSet& s = (*sealed)[i];
    EXPECT_EQ(s.seq, i + 1);
    EXPECT_EQ(s.prev, prev);
    ChangeSet cs = Open(s, key);
    EXPECT_EQ(cs.note, "三月份更新 [" + std::to_string(i + 1) + "/3]");
    prev = s.id;
  }
  EXPECT_EQ((*sealed)[2].op_count, 1u);
  EXPECT_EQ((*sealed)[2].edit_ids, (std::vector<int64_t>{5}));
}

TEST(BuildChangeSets, SplitsByBodySize) {
  PrivateKey key = TestKey();
  SealLimits limits;
  limits.max_body_bytes = 200;  // each op is about 90 bytes
  auto sealed = BuildChangeSets(SetOps(4), Header(), key, limits);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), 2u);
}

TEST(BuildChangeSets, RefusesNoOpsAndBadNotes) {
  PrivateKey key = TestKey();
  EXPECT_EQ(BuildChangeSets({}, Header(), key).status().reason(), "no_ops");
  SealHeader h = Header();
  h.note = "\x01";
  EXPECT_EQ(BuildChangeSets(SetOps(1), h, key).status().reason(), "control_character");
}

// The exact bytes a station seals for a fixed input: pins the change-set
// and envelope encodings as the station produces them
// (docs/formats/station-store.md § outbox).
TEST(BuildChangeSets, GoldenEnvelopeBytes) {
  PrivateKey key = TestKey();
  std::deque<CoalescedOp> ops;
  ops.push_back({CreateOp{SampleVillageRow()}, {1}});
  ops.push_back({SetOp{SampleRow().id, Field::kTimeLimit, "批复后20日内", "每季度"}, {2}});
  auto sealed = BuildChangeSets(std::move(ops), Header(), key);
  ASSERT_TRUE(sealed.ok());
  const SealedChangeSet& s = (*sealed)[0];
  EXPECT_EQ(HexEncode(s.id), "67d06fb6733657e83e86e39a3499c1d846a76cae86e24f7a8dc5918a1e2b5c02");
  EXPECT_EQ(HexEncode(Sha256(s.envelope)),
            "afb32673f7978eef4cbdf39fb8de8f2bb759ea33bc28a675be2fd45875be6b2d");
}

}  // namespace
}  // namespace gongkai::station
