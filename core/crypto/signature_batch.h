// Ed25519 signatures checked many at a time on all cores, ahead of the one
// thread that needs the verdicts in order: the auditor's LogVerifier
// (station/audit/log_audit.cc) and the hub's ingest of a request that
// carries many change sets (hub/api/hub_api.cc).
//
//   SignatureBatch batch;
//   for (...) batch.Add(key, SignedMessage(kind, body), sig);
//   batch.VerifyAll(jobs);                 // jobs threads, the caller one of them
//   {
//     ScopedVerifiedSignatures scope(batch);
//     ... sequential code calling Ed25519Verify ...   // answered from the batch
//   }
//
// Soundness: Ed25519Verify answers from the batch only for the exact same
// key, message bytes and signature that verified; anything else (a key that
// changed since the batch was made, a check the batch did not hold, one
// that failed) is verified again, so a stale or partial batch can make the
// sequential pass slower, never wrong.
#pragma once

#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/bytes.h"
#include "core/crypto/ed25519.h"

namespace gongkai {

class SignatureBatch {
 public:
  void Add(const PublicKey& key, Bytes message, const Signature& sig);
  size_t size() const { return checks_.size(); }

  // Verifies every check on min(jobs, size()) threads, the calling thread
  // one of them. jobs 0 means one per core (std::thread::hardware_concurrency).
  void VerifyAll(unsigned jobs);

  // True iff this exact check was added and verified by VerifyAll.
  bool Verified(const PublicKey& key, const uint8_t* msg, size_t len, const Signature& sig) const;

 private:
  struct Check {
    PublicKey key;
    Bytes message;
    Signature sig;
    bool valid = false;
  };
  struct SigHasher {
    size_t operator()(const Signature& s) const;
  };
  std::vector<Check> checks_;
  std::unordered_multimap<Signature, size_t, SigHasher> by_sig_;
};

// While alive, Ed25519Verify on this thread first asks `batch` (not owned;
// must outlive the scope). Scopes nest: the innermost one is asked.
class ScopedVerifiedSignatures {
 public:
  explicit ScopedVerifiedSignatures(const SignatureBatch& batch);
  ~ScopedVerifiedSignatures();
  ScopedVerifiedSignatures(const ScopedVerifiedSignatures&) = delete;
  ScopedVerifiedSignatures& operator=(const ScopedVerifiedSignatures&) = delete;

  // The batch of the innermost scope on this thread, or nullptr.
  static const SignatureBatch* Current();

 private:
  const SignatureBatch* previous_;
};

// `--jobs` as the audit takes it: 0 → one per core, else at most 256.
unsigned EffectiveJobs(unsigned jobs);

}  // namespace gongkai
