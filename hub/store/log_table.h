// The log_entries table: every leaf of the hub's append-only log, as the
// exact envelope bytes, numbered from 0 (the genesis record). Rows are only
// ever inserted, at index = current size, inside the caller's transaction.
// (The Merkle tree over these leaves is core/log's business.)
#pragma once

#include <cstdint>
#include <optional>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/record/envelope.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct LogEntry {
  uint64_t index = 0;
  EnvelopeKind kind = EnvelopeKind::kGenesis;
  Bytes entry;
  int64_t added_at = 0;
};

// Appends at index LogSize() and returns that index.
Result<uint64_t> AppendLogEntry(HubDb& db, EnvelopeKind kind, const Bytes& entry, int64_t now);
Result<uint64_t> LogSize(HubDb& db);
Result<std::optional<LogEntry>> ReadLogEntry(HubDb& db, uint64_t index);

}  // namespace gongkai::hub
