#include "tests/fuzz/sample_log.h"

#include <map>

#include "core/catalog/row_codec.h"
#include "core/crypto/sha256.h"
#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "core/merge/merge.h"
#include "core/record/decision.h"
#include "core/record/enrollment.h"
#include "core/record/genesis.h"
#include "core/record/revocation.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::fuzz {
namespace {

constexpr int64_t kT0 = 1764288000;

Bytes Leaf(EnvelopeKind kind, const std::string& signer, Bytes body) {
  return EncodeEnvelope(SignEnvelope(kind, signer, std::move(body), KeyFor(signer)));
}

Row RowWith(const std::string& id, const std::string& unit, const std::string& item_l2) {
  Row r = SampleVillageRow();
  r.id = id;
  r.unit = unit;
  r.Set(Field::kItemL2, item_l2);
  return r;
}

}  // namespace

const PrivateKey& KeyFor(const std::string& name) {
  static std::map<std::string, PrivateKey>* keys = new std::map<std::string, PrivateKey>();
  auto it = keys->find(name);
  if (it == keys->end()) {
    Hash32 seed = Sha256("gongkai-fuzz-key\n" + name);
    it = keys->emplace(name, *PrivateKey::FromSeed(Bytes(seed.begin(), seed.end()))).first;
  }
  return it->second;
}

void Resign(Envelope& env) {
  env = SignEnvelope(env.kind, env.signer, std::move(env.body), KeyFor(env.signer));
}

std::vector<Row> SampleRows() {
  return {RowWith("00000000-0000-4000-8000-000000000a01", "红旗村", "财务收支"),
          RowWith("00000000-0000-4000-8000-000000000a02", "红旗村", "集体资产"),
          RowWith("00000000-0000-4000-8000-000000000a03", "东风村", "财务收支")};
}

SampleLog BuildSampleLog() {
  SampleLog log;
  int64_t now = kT0;
  auto add = [&](EnvelopeKind kind, const std::string& signer, Bytes body) {
    log.leaves.push_back(Leaf(kind, signer, std::move(body)));
    now += 60;
  };
  add(EnvelopeKind::kGenesis, kOrigin,
      EncodeGenesis(Genesis{kOrigin, KeyFor(kOrigin).public_key(), kAdmin,
                            KeyFor(kAdmin).public_key(), now}));
  for (const char* st : {"hongqi-01", "dongfeng-01"}) {
    std::string unit = std::string(st) == "hongqi-01" ? "红旗村" : "东风村";
    add(EnvelopeKind::kEnrollment, kAdmin,
        EncodeEnrollment(Enrollment{st, unit, KeyFor(st).public_key(), kAdmin, now}));
  }

  std::map<std::string, std::pair<uint64_t, Hash32>> chain;  // station → (seq, last id)
  std::map<Hash32, IdentifiedChangeSet> by_id;
  uint64_t version = 0;
  auto commit = [&](const std::string& st, std::vector<Op> ops, const std::string& note) {
    ChangeSet cs;
    cs.station = st;
    cs.seq = chain[st].first + 1;
    cs.prev = chain[st].second;
    cs.base_version = version;
    cs.created_at = now;
    cs.note = note;
    cs.ops = std::move(ops);
    Bytes body = EncodeChangeSet(cs);
    Hash32 id = ChangeSetId(body);
    log.changesets.push_back(body);
    add(EnvelopeKind::kChangeSet, st, body);
    chain[st] = {cs.seq, id};
    by_id[id] = IdentifiedChangeSet{id, cs};
    return id;
  };
  auto approve = [&](const std::vector<Hash32>& ids, const std::vector<Resolution>& res) {
    std::vector<IdentifiedChangeSet> in;
    for (const Hash32& id : ids) in.push_back(by_id.at(id));
    MergeResult merged = *Merge(log.approved, in, res);
    Approval a;
    a.version = ++version;
    a.parent_hash = log.approved.Hash();
    a.changesets = ids;
    a.resolutions = merged.used;
    a.result_hash = merged.catalog.Hash();
    a.admin = kAdmin;
    a.decided_at = now;
    a.note = "第 " + std::to_string(a.version) + " 版";
    add(EnvelopeKind::kApproval, kAdmin, EncodeApproval(a));
    log.approved = std::move(merged.catalog);
  };

  std::vector<Row> rows = SampleRows();
  Hash32 c1 = commit("hongqi-01", {CreateOp{rows[0]}, CreateOp{rows[1]}}, "新增两项");
  Hash32 c2 = commit("dongfeng-01", {CreateOp{rows[2]}}, "");
  approve({c1, c2}, {});
  Hash32 c3 =
      commit("hongqi-01", {SetOp{rows[0].id, Field::kContact, "", "0371-12345678"}}, "电话");
  Hash32 c4 = commit(
      "hongqi-01",
      {SetOp{rows[0].id, Field::kContact, "", "0371-87654321"},
       SetOp{rows[1].id, Field::kChannels, rows[1].Get(Field::kChannels), "政府网站、便民服务站"}},
      "再改");
  approve({c3, c4}, {Resolution{c4, 0, ResolutionAction::kValue, "0371-11112222"}});
  Hash32 c5 = commit("dongfeng-01", {RetireOp{rows[2].id, RowHash(rows[2])}}, "撤销");
  Rejection rej{c5, "dongfeng-01", 2, "不能撤销，请联系镇政府", kAdmin, now};
  add(EnvelopeKind::kRejection, kAdmin, EncodeRejection(rej));
  add(EnvelopeKind::kRevocation, kAdmin,
      EncodeRevocation(Revocation{"dongfeng-01", "设备丢失", kAdmin, now}));

  std::vector<Hash32> hashes;
  for (const Bytes& leaf : log.leaves) hashes.push_back(LeafHash(leaf));
  Checkpoint cp{kOrigin, hashes.size(), RootFromLeafHashes(hashes), version, log.approved.Hash()};
  log.checkpoint_note = *SignCheckpoint(cp, kOrigin, KeyFor(kOrigin));
  return log;
}

}  // namespace gongkai::fuzz
