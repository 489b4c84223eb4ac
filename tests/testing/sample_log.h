// A small in-memory log for witness tests: leaves "leaf 0", "leaf 1", …, a
// log key from a fixed seed, and the signed checkpoints and add-checkpoint
// requests (core/witness/add_checkpoint.h) a hub would send.
#pragma once

#include <string>

#include "core/crypto/ed25519.h"
#include "core/crypto/verifier_key.h"
#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "core/witness/add_checkpoint.h"

namespace gongkai::testing {

class SampleLog {
 public:
  explicit SampleLog(std::string origin = "town.example/log", uint8_t seed = 0x21, int leaves = 9,
                     std::string leaf_prefix = "leaf ")
      : origin_(std::move(origin)), key_(PrivateKey::FromSeed(Bytes(32, seed)).value()) {
    for (int i = 0; i < leaves; ++i) (void)tree_.Append(LeafHash(leaf_prefix + std::to_string(i)));
  }

  const std::string& origin() const { return origin_; }
  VerifierKey vkey() const { return MakeVerifierKey(origin_, key_.public_key()); }
  Hash32 root(uint64_t size) { return Root(tree_, size).value(); }

  // The checkpoint of the first `size` leaves, signed by `key` (default:
  // the log's own key).
  std::string Signed(uint64_t size) { return Signed(size, key_); }
  std::string Signed(uint64_t size, const PrivateKey& key) {
    Checkpoint cp;
    cp.origin = origin_;
    cp.size = size;
    cp.root = root(size);
    cp.catalog_version = 1;
    return SignCheckpoint(cp, origin_, key).value();
  }
  AddCheckpointRequest Request(uint64_t old_size, uint64_t size) {
    AddCheckpointRequest req;
    req.old_size = old_size;
    req.proof = ConsistencyProof(tree_, old_size, size).value();
    req.checkpoint = Signed(size);
    return req;
  }
  std::string Body(uint64_t old_size, uint64_t size) {
    return FormatAddCheckpointRequest(Request(old_size, size));
  }

 private:
  std::string origin_;
  PrivateKey key_;
  MemoryNodeStore tree_;
};

}  // namespace gongkai::testing
