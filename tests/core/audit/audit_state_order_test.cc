// The auditor's state file must be the one encoding of its state: every
// list sorted by its key (core/audit/audit_state_codec.h). Found by the
// audit_state fuzz target (docs/fuzzing.md): a file whose row_units were
// out of order decoded, and its re-encoding differed from it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/audit/audit_state_codec.h"
#include "core/catalog/catalog.h"
#include "core/codec/wire.h"
#include "core/crypto/sha256.h"

namespace gongkai {
namespace {

// The lists of a state of an empty log (size 0); the other lists are empty.
struct Lists {
  std::vector<std::string> admins;
  std::vector<std::string> stations;
  std::vector<std::string> row_ids;
  std::vector<uint64_t> changeset_indices;
};

// Written field by field as audit_state_codec.h documents, checksum last.
Bytes StateBytes(const Lists& l) {
  WireWriter w;
  w.Str(kAuditStateMagic);
  w.U16(kAuditStateFormat);
  w.U64(0);           // size
  w.U64(0);           // compact range hashes
  w.Str("");          // origin
  w.Fixed(Hash32{});  // log key
  // Administrator i holds key {i + 1, 0, …}: keys differ and sort in list order.
  auto admin_key = [](size_t i) {
    Hash32 k{};
    k[0] = static_cast<uint8_t>(i + 1);
    return k;
  };
  w.U64(l.admins.size());
  for (size_t i = 0; i < l.admins.size(); ++i) {
    w.Str(l.admins[i]);
    w.Fixed(admin_key(i));
    w.U64(0);
    w.Bool(false);  // revoked
    w.U64(0);       // revoked_index
  }
  w.U64(l.admins.size());  // every key ever used
  for (size_t i = 0; i < l.admins.size(); ++i) {
    w.Fixed(admin_key(i));
    w.Str(l.admins[i]);
  }
  w.U8(1);   // approvals (policy 1)
  w.U64(0);  // policy_index
  w.U64(0);  // reviews
  w.U64(l.stations.size());
  for (const std::string& id : l.stations) {
    w.Str(id);
    w.Str("红旗村");
    w.Fixed(Hash32{});
    w.U64(1);       // enrolled_index
    w.Bool(false);  // revoked
    w.U64(0);       // revoked_index
    w.U64(0);       // last_seq
    w.Fixed(Hash32{});
  }
  w.U64(l.row_ids.size());
  for (const std::string& id : l.row_ids) {
    w.Str(id);
    w.Str("红旗村");
  }
  w.U64(l.changeset_indices.size());
  for (uint64_t index : l.changeset_indices) {
    Hash32 id{};
    id[0] = static_cast<uint8_t>(index);
    w.Fixed(id);
    w.U64(index);
  }
  w.U64(0);  // pending
  w.U64(0);  // catalog_version
  w.Fixed(Catalog().Hash());
  w.U64(0);  // rows
  Bytes out = w.bytes();
  Hash32 sum = Sha256(out);
  out.insert(out.end(), sum.begin(), sum.end());
  return out;
}

const std::string kRowA = "00000000-0000-4000-8000-000000000001";
const std::string kRowB = "00000000-0000-4000-8000-000000000002";

TEST(AuditStateOrder, SortedListsDecodeAndReencodeToTheSameBytes) {
  Bytes bytes = StateBytes({{"li", "wang"}, {"dongfeng-01", "hongqi-01"}, {kRowA, kRowB}, {3, 4}});
  Result<AuditState> st = DecodeAuditState(bytes);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(EncodeAuditState(*st), bytes);
}

TEST(AuditStateOrder, RowUnitsOutOfOrderAreCorrupt) {
  Result<AuditState> st = DecodeAuditState(StateBytes({{}, {}, {kRowB, kRowA}, {}}));
  EXPECT_EQ(st.status().reason(), "state_corrupt");
}

TEST(AuditStateOrder, AdminsOutOfOrderAreCorrupt) {
  Result<AuditState> st = DecodeAuditState(StateBytes({{"wang", "li"}, {}, {}, {}}));
  EXPECT_EQ(st.status().reason(), "state_corrupt");
}

TEST(AuditStateOrder, StationsOutOfOrderAreCorrupt) {
  Result<AuditState> st = DecodeAuditState(StateBytes({{}, {"hongqi-01", "dongfeng-01"}, {}, {}}));
  EXPECT_EQ(st.status().reason(), "state_corrupt");
}

TEST(AuditStateOrder, ChangeSetsOutOfLogOrderAreCorrupt) {
  Result<AuditState> st = DecodeAuditState(StateBytes({{}, {}, {}, {4, 3}}));
  EXPECT_EQ(st.status().reason(), "state_corrupt");
}

TEST(AuditStateOrder, TwoChangeSetsAtOneLogIndexAreCorrupt) {
  Result<AuditState> st = DecodeAuditState(StateBytes({{}, {}, {}, {3, 3}}));
  EXPECT_EQ(st.status().reason(), "state_corrupt");
}

}  // namespace
}  // namespace gongkai
