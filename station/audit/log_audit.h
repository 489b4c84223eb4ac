// One run of the independent audit over a LogSource (docs/audit.md):
//
//  1. (--state) load what was verified last time: the LogVerifier state,
//     the leaf hashes, the last accepted checkpoint and any checkpoint a
//     run stopped short of;
//  2. fetch the source's checkpoint and open it with the hub key given out
//     of band (signature, key id, origin = key name); with witness keys,
//     it must carry a quorum of timely cosignatures (a checkpoint no
//     witness saw may be a fork or a rollback shown to this auditor only);
//  3. (--state) the new checkpoint must extend every signed checkpoint seen
//     before: a smaller size is a rewound history, a failed consistency
//     proof a forked one;
//  3b. (--state) re-read earlier entries and compare each with the leaf hash
//     verified before: a sample each run (recheck_sample, the newest always
//     among them), all of them with --full. An old entry the hub now serves
//     differently is entry_rewritten, naming its index — a consistent tree
//     and signed checkpoints do not show a rewritten entry by themselves;
//  4. download entries [verified, size) in batches and feed each to
//     core/audit's LogVerifier (every rule of docs/formats/log-entry.md);
//     the genesis key must be the given hub key. The signatures of a batch
//     are verified first on --jobs threads (SignatureBatch), then the rules
//     run in order on this thread, answering those checks from the batch;
//  5. compare the result with the checkpoint (size, root, catalog version
//     and hash) and save the state.
//
// On failure the run says which entry, when one can be named: the entry
// that broke a rule; for a root or consistency mismatch the first entry at
// which the history verified here differs from the tree the hub signed,
// found by bisection with the hub's consistency proofs (the mismatch
// itself needs no trust in those proofs; the index is a diagnosis).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/log_observer.h"
#include "core/audit/log_verifier.h"
#include "core/crypto/verifier_key.h"
#include "core/log/checkpoint.h"
#include "core/log/witness_policy.h"
#include "station/audit/log_source.h"

namespace gongkai::station {

struct AuditOptions {
  // The hub's log key as published out of band. Absent (history only):
  // trust the key the genesis entry names, and say so.
  std::optional<VerifierKey> hub_key;
  std::string state_file;       // empty: no state
  // --witness-key/--witness-quorum: the checkpoint must carry a quorum of
  // timely cosignatures (core/log/witness_policy.h), checked before any
  // entry is trusted; `now` is the reader's clock for timeliness.
  WitnessPolicy witness;
  int64_t now = 0;
  uint64_t batch = 1000;        // entries asked for per request
  uint64_t save_every = 50000;  // entries between intermediate state saves
  // (--state) earlier entries re-read and compared each run: a random
  // sample of this many (plus the newest), or every one when recheck_all.
  uint64_t recheck_sample = 64;
  bool recheck_all = false;
  // Threads that verify signatures (--jobs): 0 one per core, 1 no helper
  // threads. The rules are checked in order on one thread whatever this is.
  unsigned jobs = 0;
  // Called now and then with (verified, total) while downloading.
  std::function<void(uint64_t, uint64_t)> progress;
};

struct AuditReport {
  std::string source;
  Checkpoint checkpoint;
  VerifierKey log_key;
  bool key_from_genesis = false;       // no --hub-key: trusted on first use
  uint64_t resumed_from = 0;           // entries verified before this run
  std::optional<Checkpoint> previous;  // the checkpoint accepted last time
  uint64_t verified_now = 0;
  uint64_t rechecked = 0;  // earlier entries re-read and found unchanged
  double seconds = 0;
  size_t stations = 0, revoked_stations = 0, pending = 0;
  std::vector<Cosignature> cosignatures;  // the required ones that were found
};

// What went wrong. `invalid` separates evidence against the log (a broken
// rule, a bad signature, a fork, a rewind, a mismatch: exit status 1) from
// not being able to check (network, files: exit status 3).
struct AuditFailure {
  Status status;
  bool invalid = false;
  std::optional<uint64_t> index;  // the first bad entry, when known
  std::string detail;             // extra evidence, one line (may be empty)
};

class LogAudit {
 public:
  LogAudit(LogSource& source, AuditOptions opts) : source_(source), opts_(std::move(opts)) {}

  // Observers see every verified entry of this run (not those verified in
  // earlier runs: RowHistory needs a run without state).
  void AddObserver(LogObserver* o) { observers_.push_back(o); }

  // True when verified; otherwise failure() says why.
  bool Run();
  const AuditReport& report() const { return report_; }
  const AuditFailure& failure() const { return failure_; }
  const LogVerifier& verifier() const { return verifier_; }

 private:
  bool Fail(Status s, bool invalid, std::optional<uint64_t> index = std::nullopt,
            std::string detail = {});
  bool LoadState();
  bool ResolveKey();
  bool OpenNote(const std::string& note, Checkpoint* cp);
  bool CheckAgainst(const Checkpoint& prev, const char* what);
  bool Recheck();
  bool Download();
  bool Save(bool accepted);
  // The first index in [0, limit) where the verified leaves differ from
  // the tree of checkpoint_ (nullopt: no difference found or no proofs).
  std::optional<uint64_t> FirstDifference(uint64_t limit);
  std::string InclusionEvidence(uint64_t index, const Bytes& leaf);

  LogSource& source_;
  AuditOptions opts_;
  std::vector<LogObserver*> observers_;
  LogVerifier verifier_;
  std::vector<Hash32> leaves_;
  std::string note_;
  Checkpoint checkpoint_;
  std::optional<Checkpoint> accepted_, target_;
  std::string accepted_note_, target_note_;
  AuditReport report_;
  AuditFailure failure_;
  uint64_t last_saved_ = 0;
};

}  // namespace gongkai::station
