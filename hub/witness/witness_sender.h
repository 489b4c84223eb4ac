// Sends the hub's checkpoints to its county witnesses (C2SP tlog-witness,
// docs/hub.md § Witnesses) from a thread of its own, on a database
// connection of its own: ingest never waits for a witness.
//
// One pass (SendToWitnessesOnce), for each witness of the witnesses table:
//   - skip it while it is backing off after a failure;
//   - the latest checkpoint (LatestCheckpoint, signing it if needed) of
//     size N; nothing to do if the witness has a cosignature for N younger
//     than `refresh` (the same checkpoint is sent again after that, so
//     cosignatures stay timely while the log does not grow);
//   - POST /add-checkpoint with old = the witness's size as the hub knows it
//     and the RFC 6962 consistency proof from it to N;
//   - 200: the cosignature must verify with the witness key for this very
//     checkpoint; it is stored (cosignatures table) and from then on carried
//     by every checkpoint of size N the hub serves;
//   - 409: the witness's size (text/x.tlog.size) is recorded and, if it is
//     not past N, the request is made once more from there; a witness past
//     N means this hub's log was rolled back: recorded as the error
//     "witness_ahead", never retried from a smaller size;
//   - anything else (403, 404, 422, network): recorded as the witness's last
//     error; retried after an exponential backoff (1 s doubling to
//     max_backoff, with jitter).
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct WitnessSenderOptions {
  std::chrono::milliseconds interval{1000};  // how often the log size is looked at
  std::chrono::seconds refresh{600};         // re-cosign an unchanged checkpoint after
  std::chrono::milliseconds max_backoff{300'000};
  std::chrono::milliseconds timeout{10'000};  // connect, handshake, request
};

// What one pass did, per witness (tests, log lines).
struct WitnessPassReport {
  int cosigned = 0;
  int failed = 0;
};

class WitnessSender {
 public:
  // The sender without its thread: RunOnce on the caller's thread only
  // (`gongkai-hub witness send`, tests).
  static Result<std::unique_ptr<WitnessSender>> Open(const std::string& db_path,
                                                     const std::string& log_key_file,
                                                     WitnessSenderOptions opts);
  // Open, then a thread running RunOnce every opts.interval until Stop.
  static Result<std::unique_ptr<WitnessSender>> Start(const std::string& db_path,
                                                      const std::string& log_key_file,
                                                      WitnessSenderOptions opts);
  ~WitnessSender();
  void Stop();
  // One pass now. Not while the thread of Start runs.
  WitnessPassReport RunOnce(int64_t now);

 private:
  struct Peer;
  WitnessSender(HubDb db, std::string origin, PrivateKey key, WitnessSenderOptions opts);
  void Loop();

  HubDb db_;
  std::string origin_;
  PrivateKey key_;
  WitnessSenderOptions opts_;
  std::map<std::string, std::unique_ptr<Peer>> peers_;  // by witness name
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gongkai::hub
