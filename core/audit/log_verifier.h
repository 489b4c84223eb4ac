// The independent auditor's verifier: fed a hub's log entries in index
// order, it checks every rule of docs/formats/log-entry.md and keeps just
// enough state to check the next one, so that a log of 100,000 entries can
// be downloaded and verified in pieces, with progress, and resumed later
// from SaveState() without downloading it again.
//
//   LogVerifier v;                        // or LoadState(saved)
//   v.AddObserver(&history);              // optional views, one pass
//   for (i = v.size(); i < n; ++i) GK_RETURN_IF_ERROR(v.Add(i, leaf[i]));
//   GK_RETURN_IF_ERROR(v.CheckCheckpoint(checkpoint));   // opened with v.log_key()
//
// Every error message starts with "第 N 条记录 / entry N: " naming the entry
// that broke a rule; the reason (Status::reason()) says which rule. A
// refused entry changes nothing: the verifier stays at the last good entry
// and the same index can be offered again (e.g. re-downloaded).
//
// Cost per entry: one envelope decode, one Ed25519 verification, two
// SHA-256 of the entry (leaf hash, change set id) and about two Merkle
// node hashes; an approval also replays the merge over one copy of the
// catalog. Memory: the compact Merkle range (O(log n)), the stations and
// administrators, one (id, unit) per row id, one (id, index) per change set,
// the undecided change sets and the latest approved catalog.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/audit/audit_state.h"
#include "core/audit/log_observer.h"
#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/crypto/signature_batch.h"
#include "core/crypto/verifier_key.h"
#include "core/log/checkpoint.h"

namespace gongkai {

class LogVerifier {
 public:
  LogVerifier() = default;

  // Resumes from SaveState() bytes (reasons of DecodeAuditState:
  // not_audit_state, unsupported_format, framing reasons, state_corrupt).
  // Observers are not part of the state.
  static Result<LogVerifier> LoadState(const Bytes& state);
  // The state after the entries verified so far; layout in
  // core/audit/audit_state_codec.h and docs/audit.md. Deterministic.
  Bytes SaveState() const;

  // Verifies entry `index` (its exact leaf bytes: an encoded Envelope) and
  // adds it. index must be size() (InvalidArgument "out_of_order").
  Status Add(uint64_t index, const Bytes& leaf);

  // The signature checks that entries size(), size()+1, … (the given
  // leaves, in order) will need, as far as the keys known now tell, added
  // to `batch` to be verified in parallel (core/crypto/signature_batch.h)
  // before the entries are Add()ed in its scope. An entry whose key is
  // introduced within the leaves, or that does not decode, is left out:
  // Add() verifies it itself. Changes nothing.
  void CollectSignatures(const std::vector<Bytes>& leaves, SignatureBatch* batch) const;

  // Entries verified so far, and the RFC 9162 root over them
  // (O(log n) hashes).
  uint64_t size() const { return state_.size(); }
  Hash32 Root() const { return state_.tree.Root(); }

  // Compares an (already signature-checked) checkpoint with the verified
  // log. Reasons: empty_log (kFailedPrecondition: verify entry 0 first),
  // origin_mismatch (kUnauthenticated), size_mismatch, root_mismatch,
  // catalog_version_mismatch, catalog_hash_mismatch (kDataLoss).
  Status CheckCheckpoint(const Checkpoint& cp) const;

  // From the genesis: the log's origin and key, which sign checkpoints.
  // Empty/zero before entry 0 was added.
  const std::string& origin() const { return state_.origin; }
  const PublicKey& log_key() const { return state_.log_key; }
  VerifierKey log_verifier_key() const { return MakeVerifierKey(state_.origin, state_.log_key); }

  // The hub key the auditor was given out of band (--hub-key) must be the
  // one the genesis names: same name (the origin) and same key. Reasons:
  // empty_log (kFailedPrecondition), log_key_mismatch (kUnauthenticated).
  Status CheckLogKey(const VerifierKey& given) const;

  // The latest approved catalog (version 0: empty).
  uint64_t catalog_version() const { return state_.catalog_version; }
  const Catalog& catalog() const { return state_.catalog; }
  const Hash32& catalog_hash() const { return state_.catalog_hash; }

  // Everything known after the verified entries (stations, pending…).
  const AuditState& state() const { return state_; }

  // Not owned; must outlive the verifier's use. Called in the order added.
  void AddObserver(LogObserver* observer) { observers_.push_back(observer); }

 private:
  Status Apply(uint64_t index, const Bytes& leaf);

  AuditState state_;
  std::vector<LogObserver*> observers_;
};

// "第 N 条记录 / entry N: " — the prefix of every error about an entry.
std::string EntryPrefix(uint64_t index);

}  // namespace gongkai
