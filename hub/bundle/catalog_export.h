// `gongkai-hub bundle export --dir D FILE [--station ID] [--since V]`: the
// hub's side of a USB round (docs/hub.md § U盘同步): a catalog bundle
// (core/bundle/catalog_bundle.h) written atomically, holding
//   - the binary catalog answer for `since` (core/feed/catalog_answer.h,
//     built by hub/review/catalog_feed.h exactly as GET /v1/catalog does):
//     the signed checkpoint, the genesis, the decisions or a snapshot, each
//     entry with its inclusion proof, and — when the station's last known
//     log size is known (its last changesets bundle, station_bundle_state.h)
//     — the consistency proof from that size;
//   - with --station, that station's receipts (seq, id, log index) with
//     the inclusion proof of each in the same checkpoint;
//   - with --station, the change sets of that station the hub refused since
//     its last accepted one (refused_upload_table.h), so that a USB-only
//     station hears of them as an online one does from its receipts:
//     refusals about the edits (kEdits) and the chain (kChain), and
//     station_revoked while the station is revoked. Other refusals about the
//     station (not enrolled, another key) end at the town office: the
//     administrator fixes them and imports the same stick again.
// `since` is --since, else the version the station's last bundle reported,
// else 0 (a snapshot). Reasons: unknown_station, log_key_unavailable,
// database reasons, file errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

struct CatalogExportRequest {
  std::string file;
  std::optional<std::string> station;
  std::optional<uint64_t> since;
  bool cosigned = false;  // --cosigned: the checkpoint carries the witnesses' cosignatures
};

struct CatalogExport {
  uint64_t since = 0;
  uint64_t version = 0;
  Hash32 hash{};
  std::string mode;
  uint64_t log_size = 0;  // the checkpoint's
  std::optional<uint64_t> consistency_from;
  size_t entries = 0;
  size_t receipts = 0;
  size_t refusals = 0;
  uint64_t bytes = 0;
};

Result<CatalogExport> ExportCatalogBundle(const HubPaths& paths, const CatalogExportRequest& req);

}  // namespace gongkai::hub
