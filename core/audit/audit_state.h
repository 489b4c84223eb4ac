// What an auditor knows after verifying entries [0, size) of a hub's log:
// the keys the log introduced, every station's chain position, the owner of
// every row id, the undecided change sets and the latest approved catalog.
// It is exactly what the rules of docs/formats/log-entry.md need to check
// the next entry, and it is what SaveState() writes (docs/audit.md,
// "State file").
//
// Invariants (kept by the rules, checked again by LoadState):
//  1. tree.size() entries were verified; entry 0 was the genesis iff size > 0.
//  2. pending ⊆ changesets, with the same log index.
//  3. catalog.Hash() == catalog_hash, and catalog is the result of the
//     approval of version catalog_version (the empty catalog for version 0).
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <unordered_map>

#include "core/base/bytes.h"
#include "core/catalog/catalog.h"
#include "core/crypto/ed25519.h"
#include "core/log/compact_range.h"
#include "core/merge/merge.h"

namespace gongkai {

// Hash32 values are uniformly random: their first 8 bytes are a fine hash.
struct Hash32Hasher {
  size_t operator()(const Hash32& h) const {
    uint64_t v = 0;
    std::memcpy(&v, h.data(), sizeof v);
    return static_cast<size_t>(v);
  }
};

struct AdminState {
  PublicKey key{};
  uint64_t index = 0;  // the log entry that introduced the key
  bool revoked = false;
  uint64_t revoked_index = 0;  // meaningful only if revoked
};

struct StationState {
  std::string unit;
  PublicKey key{};
  uint64_t enrolled_index = 0;
  bool revoked = false;
  uint64_t revoked_index = 0;  // meaningful only if revoked
  uint64_t last_seq = 0;       // 0: no change set yet
  Hash32 last_id{};            // id of change set last_seq; zeros if none
};

struct PendingChangeSet {
  uint64_t index = 0;  // its log entry
  IdentifiedChangeSet ics;
};

struct AuditState {
  CompactRange tree;  // the Merkle state of the verified entries
  // From the genesis (entry 0).
  std::string origin;
  PublicKey log_key{};
  // The roster: every administrator name ever added (genesis, roster
  // records) with its key in force; a revoked one stays, marked.
  std::map<std::string, AdminState> admins;
  // Every administrator key ever added: a key is never given twice.
  std::map<PublicKey, std::string> admin_keys;
  // The approval policy in force (policy records, rules P): how many
  // different active administrators sign each version, and the entry that
  // set it (0: none yet, one signature per version).
  uint8_t approvals_required = 1;
  uint64_t policy_index = 0;
  // Reviews logged since the latest approval (rules V): the leaf hash of
  // each review entry → its index. An approval under policy 2 may carry
  // only reviews listed here (rule A8); each approval clears the list.
  std::map<Hash32, uint64_t> reviews;
  // From enrollments and revocations, by station id.
  std::map<std::string, StationState> stations;
  // Owner (unit) of every row id created by an accepted change set. The
  // owner of an id never changes, whatever became of that change set.
  std::unordered_map<std::string, std::string> row_units;
  // Every change set in the log → its entry index.
  std::unordered_map<Hash32, uint64_t, Hash32Hasher> changesets;
  // The change sets not yet approved or rejected.
  std::unordered_map<Hash32, PendingChangeSet, Hash32Hasher> pending;
  // The latest approved catalog.
  uint64_t catalog_version = 0;
  Catalog catalog;
  Hash32 catalog_hash = Catalog().Hash();

  uint64_t size() const { return tree.size(); }
  size_t active_admins() const {
    size_t n = 0;
    for (const auto& [name, a] : admins) n += a.revoked ? 0 : 1;
    return n;
  }
};

}  // namespace gongkai
