#include "core/audit/audit_state_codec.h"

#include <algorithm>
#include <vector>

#include "core/catalog/row_codec.h"
#include "core/codec/wire.h"
#include "core/crypto/sha256.h"
#include "core/record/envelope.h"
#include "core/record/genesis.h"
#include "core/record/policy.h"

namespace gongkai {
namespace {

constexpr size_t kChecksumLen = 32;
constexpr size_t kMaxNameBytes = 256;
constexpr size_t kMaxUnitBytes = 1024;
constexpr size_t kMaxRowIdBytes = 64;

Status Corrupt(const std::string& what) {
  return DataLoss("state_corrupt",
                  "核验进度文件已损坏，请删除后从头核验 (audit state is corrupt: " + what + ")");
}

template <typename Map>
std::vector<typename Map::const_iterator> SortedByKey(const Map& m) {
  std::vector<typename Map::const_iterator> v;
  v.reserve(m.size());
  for (auto it = m.begin(); it != m.end(); ++it) v.push_back(it);
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a->first < b->first; });
  return v;
}

// Reads a count of items of at least min_bytes each (WireReader::Count).
bool Count(WireReader& r, uint64_t* n, size_t min_bytes) {
  return r.Count(n, UINT64_MAX, min_bytes, "truncated",
                 "核验进度文件中的数量与长度不符 (count exceeds the data)");
}

}  // namespace

Bytes EncodeAuditState(const AuditState& st) {
  WireWriter w;
  w.Put(kAuditStateMagic, kAuditStateFormat, uint64_t{st.tree.size()}, st.tree.hashes(), st.origin,
        st.log_key);

  w.U64(st.admins.size());
  for (const auto& [name, a] : st.admins) w.Put(name, a.key, a.index, a.revoked, a.revoked_index);
  w.U64(st.admin_keys.size());
  for (const auto& [key, name] : st.admin_keys) w.Put(key, name);
  w.Put(st.approvals_required, st.policy_index);
  std::vector<std::pair<uint64_t, const Hash32*>> reviews;
  for (const auto& [leaf, index] : st.reviews) reviews.emplace_back(index, &leaf);
  std::sort(reviews.begin(), reviews.end());
  w.U64(reviews.size());
  for (const auto& [index, leaf] : reviews) w.Put(*leaf, index);
  w.U64(st.stations.size());
  for (const auto& [id, s] : st.stations) {
    w.Put(id, s.unit, s.key, s.enrolled_index, s.revoked, s.revoked_index, s.last_seq, s.last_id);
  }
  w.U64(st.row_units.size());
  for (const auto& it : SortedByKey(st.row_units)) w.Put(it->first, it->second);

  std::vector<std::pair<uint64_t, const Hash32*>> seen;
  seen.reserve(st.changesets.size());
  for (const auto& [id, index] : st.changesets) seen.emplace_back(index, &id);
  std::sort(seen.begin(), seen.end());
  w.U64(seen.size());
  for (const auto& [index, id] : seen) w.Put(*id, index);
  std::vector<const PendingChangeSet*> pending;
  pending.reserve(st.pending.size());
  for (const auto& [id, p] : st.pending) pending.push_back(&p);
  std::sort(pending.begin(), pending.end(),
            [](const auto* a, const auto* b) { return a->index < b->index; });
  w.U64(pending.size());
  for (const PendingChangeSet* p : pending) w.Put(p->index, EncodeChangeSet(p->ics.cs));

  w.Put(st.catalog_version, st.catalog_hash, uint64_t{st.catalog.size()});
  for (const auto& [id, row] : st.catalog.rows()) EncodeRow(w, row);

  Bytes out = w.bytes();
  Hash32 sum = Sha256(out);
  out.insert(out.end(), sum.begin(), sum.end());
  return out;
}

Result<AuditState> DecodeAuditState(const Bytes& bytes) {
  const size_t body_len = bytes.size() >= kChecksumLen ? bytes.size() - kChecksumLen : bytes.size();
  WireReader r(bytes.data(), body_len);
  std::string magic;
  uint16_t format = 0;
  if (!r.Str(&magic, 64, "magic") || magic != kAuditStateMagic) {
    return InvalidArgument("not_audit_state",
                           "这不是核验进度文件 (not a gongkai-audit state file)");
  }
  if (r.U16(&format) && (format < 1 || format > kAuditStateFormat)) {
    return InvalidArgument("unsupported_format",
                           "不支持的核验进度文件格式 " + std::to_string(format));
  }
  GK_RETURN_IF_ERROR(r.status());
  if (bytes.size() < kChecksumLen) return Corrupt("checksum");
  const Hash32 sum = Sha256(bytes.data(), body_len);
  if (!std::equal(sum.begin(), sum.end(), bytes.begin() + static_cast<std::ptrdiff_t>(body_len))) {
    return Corrupt("checksum");
  }

  AuditState st;
  uint64_t size = 0, n = 0;
  bool duplicates = false;
  // Every list is written sorted by its key (EncodeAuditState), so equal
  // states have equal bytes; a list out of order is not one of ours.
  bool unordered = false;
  std::vector<Hash32> range;
  if (r.U64(&size) && Count(r, &n, 32)) {
    range.resize(n);
    for (auto& h : range) r.Fixed(&h);
  }
  r.Str(&st.origin, kMaxOriginLen, "origin") && r.Fixed(&st.log_key);

  // Format 1 (before the roster records) had no revocations and no list
  // of keys: every administrator then was active and held its only key.
  const bool roster = format >= 2;
  if (r.status().ok() && Count(r, &n, roster ? 8 + 32 + 8 + 1 + 8 : 8 + 32 + 8)) {
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      std::string name;
      AdminState a;
      if (r.Str(&name, kMaxNameBytes, "admin") && r.Fixed(&a.key) && r.U64(&a.index) &&
          (!roster || (r.Bool(&a.revoked) && r.U64(&a.revoked_index)))) {
        unordered |= !st.admins.empty() && !(st.admins.rbegin()->first < name);
        if (!roster) st.admin_keys.emplace(a.key, name);
        duplicates |= !st.admins.emplace(std::move(name), a).second;
      }
    }
  }
  if (roster && r.status().ok() && Count(r, &n, 32 + 8)) {
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      PublicKey key{};
      std::string name;
      if (r.Fixed(&key) && r.Str(&name, kMaxNameBytes, "admin")) {
        unordered |= !st.admin_keys.empty() && !(st.admin_keys.rbegin()->first < key);
        duplicates |= !st.admin_keys.emplace(key, std::move(name)).second;
      }
    }
  }
  // Format 3 adds the approval policy and the reviews awaiting an
  // approval; before it there were neither (one signature per version).
  if (format >= 3 && r.status().ok() && r.U8(&st.approvals_required) && r.U64(&st.policy_index) &&
      Count(r, &n, 32 + 8)) {
    uint64_t prev = 0;  // one review per log entry: indices strictly increase
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      Hash32 leaf{};
      uint64_t index = 0;
      if (r.Fixed(&leaf) && r.U64(&index)) {
        unordered |= i > 0 && !(prev < index);
        prev = index;
        duplicates |= !st.reviews.emplace(leaf, index).second;
      }
    }
  }
  if (r.status().ok() && Count(r, &n, 8 + 8 + 32 + 8 + 1 + 8 + 8 + 32)) {
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      std::string id;
      StationState s;
      if (r.Str(&id, kMaxStationIdLen, "station") && r.Str(&s.unit, kMaxUnitBytes, "unit") &&
          r.Fixed(&s.key) && r.U64(&s.enrolled_index) && r.Bool(&s.revoked) &&
          r.U64(&s.revoked_index) && r.U64(&s.last_seq) && r.Fixed(&s.last_id)) {
        unordered |= !st.stations.empty() && !(st.stations.rbegin()->first < id);
        duplicates |= !st.stations.emplace(std::move(id), std::move(s)).second;
      }
    }
  }
  if (r.status().ok() && Count(r, &n, 8 + 8)) {
    st.row_units.reserve(n);
    std::string prev;
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      std::string id, unit;
      if (r.Str(&id, kMaxRowIdBytes, "row id") && r.Str(&unit, kMaxUnitBytes, "unit")) {
        unordered |= i > 0 && !(prev < id);
        prev = id;
        duplicates |= !st.row_units.emplace(std::move(id), std::move(unit)).second;
      }
    }
  }
  if (r.status().ok() && Count(r, &n, 32 + 8)) {
    st.changesets.reserve(n);
    uint64_t prev = 0;  // one change set per log entry: indices strictly increase
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      Hash32 id{};
      uint64_t index = 0;
      if (r.Fixed(&id) && r.U64(&index)) {
        unordered |= i > 0 && !(prev < index);
        prev = index;
        duplicates |= !st.changesets.emplace(id, index).second;
      }
    }
  }
  std::vector<std::pair<uint64_t, Bytes>> pending;
  if (r.status().ok() && Count(r, &n, 8 + 8)) {
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      uint64_t index = 0;
      Bytes body;
      if (r.U64(&index) && r.Blob(&body, kMaxEnvelopeBody, "pending change set")) {
        unordered |= !pending.empty() && !(pending.back().first < index);
        pending.emplace_back(index, std::move(body));
      }
    }
  }
  if (r.status().ok()) {
    r.U64(&st.catalog_version) && r.Fixed(&st.catalog_hash);
  }
  if (r.status().ok() && Count(r, &n, 8 + 8 + 1 + 1)) {
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      Row row;
      if (!DecodeRow(r, &row)) break;
      if (st.catalog.size() > 0 && !(st.catalog.rows().rbegin()->first < row.id)) {
        return Corrupt("catalog rows out of order");
      }
      st.catalog.Put(std::move(row));
    }
  }
  GK_RETURN_IF_ERROR(r.Finish());

  // Invariants of audit_state.h.
  if (duplicates) return Corrupt("duplicate keys");
  if (unordered) return Corrupt("keys out of order");
  Result<CompactRange> tree = CompactRange::FromHashes(size, std::move(range));
  if (!tree.ok()) return Corrupt(tree.status().message());
  st.tree = std::move(tree).value();
  if ((size > 0) != !st.origin.empty() || (size > 0 && st.admins.empty())) {
    return Corrupt("genesis");
  }
  for (const auto& [name, a] : st.admins) {
    auto k = st.admin_keys.find(a.key);
    if (k == st.admin_keys.end() || k->second != name) return Corrupt("administrator keys");
  }
  if (size > 0 && st.active_admins() == 0) return Corrupt("no active administrator");
  if (st.approvals_required < 1 || st.approvals_required > kMaxApprovals ||
      (st.policy_index != 0 && st.policy_index >= size)) {
    return Corrupt("approval policy");
  }
  for (const auto& [leaf, index] : st.reviews) {
    if (index == 0 || index >= size) return Corrupt("review not in the log");
  }
  for (auto& [index, body] : pending) {
    Result<ChangeSet> cs = DecodeChangeSet(body);
    if (!cs.ok()) return Corrupt("pending change set: " + cs.status().ToString());
    Hash32 id = ChangeSetId(body);
    auto seen = st.changesets.find(id);
    if (seen == st.changesets.end() || seen->second != index || index >= size) {
      return Corrupt("pending change set not in the log");
    }
    duplicates |=
        !st.pending
             .emplace(id, PendingChangeSet{index, IdentifiedChangeSet{id, std::move(cs).value()}})
             .second;
    if (duplicates) return Corrupt("duplicate pending change set");
  }
  if (st.catalog.Hash() != st.catalog_hash) return Corrupt("catalog hash");
  return st;
}

}  // namespace gongkai
