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
//   3. then the station's catalog version and log size are remembered
//      (station_bundle_state.h) for its return bundle, if it is enrolled.
// Importing the same file twice: every receipt "duplicate", nothing changes.
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
};

Result<ChangeSetImport> ImportChangeSetBundle(const HubPaths& paths, const std::string& file,
                                              int64_t now);

}  // namespace gongkai::hub
