// What a station or an auditor requires of a checkpoint when it was given
// witness keys (docs/audit.md § Witnesses): at least `quorum` of the
// witnesses must have cosigned this very checkpoint (core/log/cosignature.h),
// each cosignature timely:
//   - not more than max_future_seconds ahead of the reader's clock;
//   - if max_age_seconds > 0, not older than that.
// Pure: the caller passes its clock.
//
// Failure reasons (kDataLoss: evidence against the hub, raised as a log
// alarm by stations, exit 1 of gongkai-audit):
//   checkpoint_not_witnessed  fewer than quorum valid, timely cosignatures
//   bad_cosignature           a known witness's line does not verify
// and the reasons of ParseNote (note.h) for a malformed note.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/verifier_key.h"
#include "core/log/cosignature.h"

namespace gongkai {

struct WitnessPolicy {
  std::vector<VerifierKey> witnesses;  // type 0x04
  size_t quorum = 0;                   // 0: witnesses not required
  int64_t max_age_seconds = 0;         // 0: any age
  int64_t max_future_seconds = 600;

  bool required() const { return quorum > 0 && !witnesses.empty(); }
};

// The timely cosignatures by the policy's witnesses, if they reach the
// quorum.
Result<std::vector<Cosignature>> CheckWitnessed(std::string_view note, const WitnessPolicy& policy,
                                                int64_t now);

}  // namespace gongkai
