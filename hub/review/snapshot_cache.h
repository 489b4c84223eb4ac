// The latest approved catalog as a snapshot (docs/formats/catalog-snapshot.md),
// deflated once as a piece (core/codec/deflate_pieces.h) and shared by every
// catalog answer that sends it, so concurrent fresh pulls cost the hub one
// copy, not one each (docs/decisions/0016-cached-snapshot-answer.md).
//
// A snapshot answer only ever carries the latest version, so the cache
// holds one entry: the snapshot of (version, hash) where both are what the
// log's latest approval signed. It is built by streaming approved_rows in
// id order into SHA-256 and the deflater — never a Catalog in memory — and
// kept only when the SHA-256 is that signed hash.
//
// Never served once the store no longer matches the log: every Get() checks
//   1. the versions table's head against the log's latest approval
//      (LoggedLatestVersion), and
//   2. the approved rows against the entry's hash — re-hashed, row by row,
//      whenever the database has changed since the last check on this
//      connection (SQLite's PRAGMA data_version: any commit by any other
//      connection or process), so an unchanged store costs one pragma;
// either failing is DataLoss "db_corrupt" and the entry is dropped.
// The checkpoint note, cosignature lines, proofs and entries of an answer
// are never cached: they are built for each request.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>

#include "core/base/status.h"
#include "core/codec/deflate_pieces.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct CachedSnapshot {
  uint64_t version = 0;
  Hash32 hash{};
  uint64_t rows = 0;
  DeflatedPiece piece;  // piece.size: the snapshot's length in bytes
};

class SnapshotCache {
 public:
  // The latest version's snapshot, checked as above. Call inside the
  // caller's read transaction on `db` (the answer's consistent view).
  // Reasons: db_corrupt, and store errors.
  Result<std::shared_ptr<const CachedSnapshot>> Get(HubDb& db);

  // How many times a snapshot was built (tests: built once, then shared).
  uint64_t builds() const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const CachedSnapshot> entry_;
  const void* checked_connection_ = nullptr;  // data_version is per connection
  int64_t checked_data_version_ = -1;
  uint64_t builds_ = 0;
};

// The snapshot bytes of the approved rows, streamed in id order into
// `sink` (may be empty), and their SHA-256 and count. Reason db_corrupt
// when a stored row is not an archive.
struct StreamedSnapshot {
  Hash32 hash{};
  uint64_t rows = 0;
};
Result<StreamedSnapshot> StreamApprovedSnapshot(
    HubDb& db, const std::function<void(std::string_view)>& sink);

}  // namespace gongkai::hub
