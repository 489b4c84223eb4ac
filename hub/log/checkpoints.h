// The hub's checkpoints (docs/formats/checkpoint.md): what the tree of the
// first `size` entries is, and the signed note saying so.
//
// A checkpoint for size n names
//   origin         the hub's origin (meta.origin, the genesis origin)
//   size, root     n and MTH(entries[0, n)) from the stored Merkle nodes
//   catalog        the version and result hash of the latest approval among
//                  entries [0, n) — version 0 and the empty catalog's hash
//                  if there is none — exactly what an auditor recomputes
//                  (docs/formats/log-entry.md rules K4, K5).
//
// Signing is lazy: the first request for the current size signs (one
// Ed25519 signature) and stores the note in the checkpoints table; later
// requests for that size read it back. Ed25519 is deterministic, so a
// checkpoint for a given size is the same bytes whoever signs it first.
// Under ingest load this costs one signature per distinct size actually
// requested, never one per append.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/crypto/ed25519.h"
#include "core/log/checkpoint.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// The catalog an auditor recomputes for the first `size` entries: the
// version and result hash of the latest approval entry among them (version 0
// and the empty catalog's hash if there is none), read from the log entries
// themselves, never from the versions table. DataLoss "db_corrupt" when that
// entry does not decode.
struct CatalogHead {
  uint64_t version = 0;
  Hash32 hash = Catalog().Hash();
};
Result<CatalogHead> CatalogBefore(HubDb& db, uint64_t size);

// The checkpoint of the first `size` entries (size <= LogSize).
Result<Checkpoint> CheckpointAt(HubDb& db, const std::string& origin, uint64_t size);

struct SignedCheckpoint {
  Checkpoint checkpoint;
  std::string note;  // the C2SP signed note
};

// The stored note for LogSize(db), signing and storing it first if there is
// none, followed by the witnesses' cosignature lines stored for that size
// (hub/store/witness_table.h; readers that do not know a witness key
// ignore them). Every read runs in one read transaction; the insert is a separate
// short write (a busy database only means the note is not stored this
// time). `key` must be the log key (its public half = meta.log_key).
Result<SignedCheckpoint> LatestCheckpoint(HubDb& db, const std::string& origin,
                                          const PrivateKey& key, int64_t now);

// The same note for LogSize(db), read inside the caller's (read)
// transaction so it describes exactly the snapshot the caller serves from
// (GET /v1/catalog): the stored note if there is one, else freshly signed
// (Ed25519 is deterministic: the same bytes) without storing it.
Result<SignedCheckpoint> CurrentCheckpoint(HubDb& db, const std::string& origin,
                                           const PrivateKey& key);

// The note for any earlier size 1 <= size <= LogSize (GET
// /v1/checkpoint?size=N): the stored one, else signed now — the same bytes
// as when that size was current, since a checkpoint carries no time and
// Ed25519 is deterministic. Nothing is stored.
Result<SignedCheckpoint> CheckpointOfSize(HubDb& db, const std::string& origin,
                                          const PrivateKey& key, uint64_t size);

}  // namespace gongkai::hub
