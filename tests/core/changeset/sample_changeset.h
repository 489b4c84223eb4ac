// The change set both change-set test files start from: station hongqi-01's
// change set after the one hashing to Sha256("previous"), on catalog
// version 7, created 2025-11-28. Each file adds its own ops; the golden
// bytes of both spell these fields out by hand.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "core/changeset/changeset.h"
#include "core/crypto/sha256.h"

namespace gongkai::changeset_test {

// That change set with number `seq` and `note`, and no ops yet.
inline ChangeSet StationChangeSet(uint64_t seq, std::string note) {
  ChangeSet cs;
  cs.station = "hongqi-01";
  cs.seq = seq;
  cs.prev = Sha256("previous");
  cs.base_version = 7;
  cs.created_at = 1764288000;  // informational only
  cs.note = std::move(note);
  return cs;
}

}  // namespace gongkai::changeset_test
