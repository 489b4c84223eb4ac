// `gongkai-hub bundle import --dir D FILE`: a station's changesets bundle
// (core/bundle/changeset_bundle.h), carried on a USB stick, ingested
// exactly as POST /v1/changesets would (docs/hub.md § U盘同步):
//
//   1. the file's framing and SHA-256 (core/bundle/bundle_file.h reasons);
//      the payload decodes (bundle_corrupt); a bundle whose station pinned
//      another hub (its origin differs from this hub's) → hub_key_mismatch;
//   2. every envelope goes through DecodeUpload (hub/ingest/upload.h) and
//      the real ingest committer (hub/ingest/ingest_queue.h: ApplyUpload,
//      one transaction, synchronous=FULL), so the receipts are the same as
//      over HTTPS — accepted (log index), duplicate, or rejected (code);
//   2a. before them, a format 2 bundle's attachments (decision 0026): each
//      one the hub does not hold whole goes, in 1 MiB chunks, through the
//      store of the HTTP upload path (hub/attachments/attachment_store.h —
//      the same size, type, quota and SHA-256 checks, the same durable
//      files); one it holds is not stored again;
//   3. then the station's catalog version and log size are remembered
//      (station_bundle_state.h) for its return bundle, if it is enrolled.
// Importing the same file twice: every receipt "duplicate", every
// attachment already present, nothing changes. Every reason of
// core/bundle/bundle_file.h (attachment_hash_mismatch among them) is found
// before anything is stored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "hub/ingest/receipt.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

struct ChangeSetImport {
  std::string station;
  uint64_t catalog_version = 0;
  uint64_t log_size = 0;
  std::vector<Receipt> receipts;
  size_t attachments_stored = 0;   // stored by this import
  size_t attachments_present = 0;  // the hub held them whole already
  size_t attachments_skipped = 0;  // the station is not enrolled (or revoked)
  uint64_t attachment_bytes = 0;   // bytes written for them
};

// Attachment bytes go to the store in chunks of this size (as over HTTPS).
inline constexpr size_t kBundleChunkBytes = 1u << 20;

Result<ChangeSetImport> ImportChangeSetBundle(const HubPaths& paths, const std::string& file,
                                              int64_t now);

}  // namespace gongkai::hub
