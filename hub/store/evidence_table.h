// The equivocations table: evidence that a station signed two different
// change sets with the same seq. Each row keeps the exact envelope bytes
// of the refused change set and the id of the one the hub accepted first.
// Inserting the same evidence twice is a no-op. At most
// kMaxEvidencePerStation envelopes are kept per station: one proves the
// key signed two histories; more only fill the disk (ingest stops keeping
// them, apply_upload.h).
#pragma once

#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

inline constexpr uint64_t kMaxEvidencePerStation = 8;

struct Equivocation {
  std::string station;
  uint64_t seq = 0;
  Bytes envelope;  // the refused, validly signed envelope
  Hash32 accepted_id{};
  int64_t received_at = 0;
};

Status InsertEquivocation(HubDb& db, const Equivocation& e);
Result<uint64_t> CountEquivocations(HubDb& db, const std::string& station);

}  // namespace gongkai::hub
