// Builds real hub logs in memory for the audit tests: fixed Ed25519 keys,
// envelopes signed with the record encoders, approvals whose hashes come
// from the real merge. Header-only (tests/<folder>/ globs *_test.cc only).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/audit/log_verifier.h"
#include "core/catalog/row_codec.h"
#include "core/changeset/changeset.h"
#include "core/merge/merge.h"
#include "core/record/decision.h"
#include "core/record/enrollment.h"
#include "core/record/envelope.h"
#include "core/record/genesis.h"
#include "core/record/revocation.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::audit_test {

inline constexpr int64_t kT0 = 1764288000;  // 2025-11-28
inline const std::string kOrigin = "hub.baofeng.example/gongkai";
inline const std::string kAdmin = "wang-admin";
inline const std::string kOldTime = "每季度首月20日前；财务往来多的每月";
inline const std::string kOldChannels = "社区/企事业单位/村公示栏（电子屏）";

inline PrivateKey Key(uint8_t seed) { return *PrivateKey::FromSeed(Bytes(32, seed)); }

// 村级财务 / 集体资产 of 红旗村: a second village row.
inline Row SampleAssetsRow() {
  Row r = SampleVillageRow();
  r.id = "00000000-0000-4000-8000-000000000003";
  r.Set(Field::kItemL2, "集体资产");
  r.Set(Field::kContent, "资产台账；承包租赁合同");
  return r;
}

inline Bytes Leaf(EnvelopeKind kind, const std::string& signer, Bytes body, const PrivateKey& key) {
  return EncodeEnvelope(SignEnvelope(kind, signer, std::move(body), key));
}

class LogBuilder {
 public:
  struct Station {
    std::string unit;
    PrivateKey key;
    uint64_t seq = 0;
    Hash32 last{};
  };

  LogBuilder() : log_key(Key(1)), admin_key(Key(2)) {
    Genesis g{kOrigin, log_key.public_key(), kAdmin, admin_key.public_key(), kT0};
    leaves.push_back(Leaf(EnvelopeKind::kGenesis, kOrigin, EncodeGenesis(g), log_key));
  }

  int64_t Now() const { return kT0 + static_cast<int64_t>(leaves.size()) * 60; }

  Bytes GenesisLeaf() const { return leaves[0]; }

  void Enroll(const std::string& id, const std::string& unit, uint8_t seed) {
    stations.insert_or_assign(id, Station{unit, Key(seed)});
    Enrollment e{id, unit, Key(seed).public_key(), kAdmin, Now()};
    leaves.push_back(Leaf(EnvelopeKind::kEnrollment, kAdmin, EncodeEnrollment(e), admin_key));
  }

  void Revoke(const std::string& id, const std::string& reason) {
    Revocation r{id, reason, kAdmin, Now()};
    leaves.push_back(Leaf(EnvelopeKind::kRevocation, kAdmin, EncodeRevocation(r), admin_key));
  }

  // The next change set of `station` (not appended, chain not advanced).
  ChangeSet Next(const std::string& station, std::vector<Op> ops, const std::string& note = "") {
    const Station& s = stations.at(station);
    ChangeSet cs;
    cs.station = station;
    cs.seq = s.seq + 1;
    cs.prev = s.last;
    cs.base_version = version;
    cs.created_at = Now();
    cs.note = note;
    cs.ops = std::move(ops);
    return cs;
  }

  // Signs with the station's key, appends, advances the chain.
  Hash32 Append(const ChangeSet& cs) {
    Station& s = stations.at(cs.station);
    Bytes body = EncodeChangeSet(cs);
    Hash32 id = ChangeSetId(body);
    leaves.push_back(Leaf(EnvelopeKind::kChangeSet, cs.station, body, s.key));
    s.seq = cs.seq;
    s.last = id;
    changesets[id] = IdentifiedChangeSet{id, cs};
    return id;
  }

  Hash32 Commit(const std::string& station, std::vector<Op> ops, const std::string& note = "") {
    return Append(Next(station, std::move(ops), note));
  }

  // An approval of the next version from the real merge (not appended).
  Approval MakeApproval(const std::vector<Hash32>& ids, const std::vector<Resolution>& res,
                        Catalog* result = nullptr) {
    std::vector<IdentifiedChangeSet> in;
    for (const Hash32& id : ids) in.push_back(changesets.at(id));
    Result<MergeResult> merged = Merge(approved, in, res);
    EXPECT_TRUE(merged.ok()) << merged.status().ToString();
    EXPECT_TRUE(merged->unresolved.empty());
    Approval a;
    a.version = version + 1;
    a.parent_hash = approved.Hash();
    a.changesets = ids;
    a.resolutions = merged->used;
    a.result_hash = merged->catalog.Hash();
    a.admin = kAdmin;
    a.decided_at = Now();
    a.note = "第 " + std::to_string(a.version) + " 版";
    if (result) *result = merged->catalog;
    return a;
  }

  Bytes ApprovalLeaf(const Approval& a) const {
    return Leaf(EnvelopeKind::kApproval, kAdmin, EncodeApproval(a), admin_key);
  }

  void Approve(const std::vector<Hash32>& ids, const std::vector<Resolution>& res = {}) {
    Catalog result;
    Approval a = MakeApproval(ids, res, &result);
    leaves.push_back(ApprovalLeaf(a));
    approved = std::move(result);
    version = a.version;
  }

  Rejection MakeRejection(const Hash32& id, const std::string& reason) const {
    const ChangeSet& cs = changesets.at(id).cs;
    return Rejection{id, cs.station, cs.seq, reason, kAdmin, Now()};
  }

  void Reject(const Hash32& id, const std::string& reason) {
    leaves.push_back(Leaf(EnvelopeKind::kRejection, kAdmin,
                          EncodeRejection(MakeRejection(id, reason)), admin_key));
  }

  PrivateKey log_key;
  PrivateKey admin_key;
  std::vector<Bytes> leaves;
  std::map<std::string, Station> stations;
  std::map<Hash32, IdentifiedChangeSet> changesets;
  Catalog approved;
  uint64_t version = 0;
};

// The standard log of the tests, entry by entry:
//    0  genesis (origin, log key, administrator wang-admin)
//    1  enroll hongqi-01 (红旗村)
//    2  enroll hongqi-02 (红旗村)
//    3  A1 = hongqi-01 #1: create R1, create R2
//    4  approve version 1 = A1
//    5  A2 = hongqi-01 #2: R1 time limit → 每月10日前
//    6  B1 = hongqi-02 #1: R1 time limit → 每月15日前 (conflicts with A2),
//                          R1 channels + 便民服务站
//    7  A3 = hongqi-01 #3: R2 contact
//    8  approve version 2 = A2 + B1, the conflict settled as 每月12日前
//    9  reject A3
//   10  B2 = hongqi-02 #2: retire R2 (pending)
struct StandardLog {
  LogBuilder b;
  Hash32 a1, a2, a3, b1, b2;
  Row r1 = SampleVillageRow();
  Row r2 = SampleAssetsRow();

  StandardLog() {
    b.Enroll("hongqi-01", "红旗村", 11);
    b.Enroll("hongqi-02", "红旗村", 12);
    a1 = b.Commit("hongqi-01", {CreateOp{r1}, CreateOp{r2}}, "新增村级财务两项");
    b.Approve({a1});
    a2 = b.Commit("hongqi-01", {SetOp{r1.id, Field::kTimeLimit, kOldTime, "每月10日前"}});
    b1 = b.Commit("hongqi-02",
                  {SetOp{r1.id, Field::kTimeLimit, kOldTime, "每月15日前"},
                   SetOp{r1.id, Field::kChannels, kOldChannels, "便民服务站、" + kOldChannels}},
                  "按镇里要求调整");
    a3 = b.Commit("hongqi-01", {SetOp{r2.id, Field::kContact, "", "0371-12345678"}});
    b.Approve({a2, b1}, {Resolution{b1, 0, ResolutionAction::kValue, "每月12日前"}});
    b.Reject(a3, "电话号码有误，请核对后重新提交");
    b2 = b.Commit("hongqi-02", {RetireOp{r2.id, RowHash(*b.approved.Find(r2.id))}});
  }
};

// Adds leaves[from..] in order; returns the first failure.
inline Status AddAll(LogVerifier& v, const std::vector<Bytes>& leaves, size_t from = 0) {
  for (size_t i = from; i < leaves.size(); ++i) GK_RETURN_IF_ERROR(v.Add(i, leaves[i]));
  return Status::Ok();
}

inline bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// The log must be refused at `index` with `reason`, and the verifier must
// stop just before it.
inline void ExpectRefusedAt(const std::vector<Bytes>& leaves, uint64_t index,
                            const std::string& reason) {
  LogVerifier v;
  Status s = AddAll(v, leaves);
  EXPECT_EQ(s.reason(), reason) << s.ToString();
  EXPECT_TRUE(StartsWith(s.message(), EntryPrefix(index))) << s.message();
  EXPECT_EQ(v.size(), index);
}

}  // namespace gongkai::audit_test
