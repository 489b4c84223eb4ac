// The station's accepted checkpoints and history alarms
// (station/log/checkpoint_schema.cc), over the station store's Database.
// Each function runs inside the caller's transaction, so the sync pull can
// record the checkpoint in the same transaction as the catalog it applies;
// an alarm is recorded in a transaction of its own, with nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/log/checkpoint.h"
#include "core/store/sqlite.h"

namespace gongkai::station {

struct AcceptedCheckpoint {
  Checkpoint checkpoint;
  std::string note;
  int64_t accepted_at = 0;
  // The roots of the perfect subtrees of this tree (core/log/compact_range.h),
  // kept when a compact range brought the checkpoint: with them the station
  // asks for catalog answer format 3, whose range leaves them out. Loaded
  // only when they fold to `checkpoint.root`.
  std::optional<std::vector<Hash32>> frontier;
};

struct LogAlarm {
  int64_t id = 0;
  std::string reason;   // checkpoint_forked, checkpoint_rewound, entry_not_in_log
  std::string message;  // for people
  std::string note;     // the refused signed checkpoint (evidence)
  int64_t raised_at = 0;
};

// The accepted checkpoint of the largest size, if any.
Result<std::optional<AcceptedCheckpoint>> LatestAcceptedCheckpoint(Database& db);
// Every accepted checkpoint, by size.
Result<std::vector<AcceptedCheckpoint>> AcceptedCheckpoints(Database& db);
// Idempotent for the same note, or the same signed text with other
// cosignature lines (a frontier given then is added to a row without
// one); DataLoss "checkpoint_conflict" if another note was accepted for
// that size (which CheckNewCheckpoint prevents).
Status RecordAcceptedCheckpoint(Database& db, const AcceptedCheckpoint& accepted);

Status RecordLogAlarm(Database& db, const Status& alarm, const std::string& note, int64_t now);
Result<std::vector<LogAlarm>> LogAlarms(Database& db);

}  // namespace gongkai::station
