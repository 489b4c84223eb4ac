// `gongkai-station bundle import`: applying a catalog bundle made by
// `gongkai-hub bundle export` (core/bundle/catalog_bundle.h), offline.
//
//   1. the file's framing and SHA-256 (core/bundle/bundle_file.h:
//      bundle_truncated, bundle_corrupt, bundle_wrong_kind, not_a_bundle…);
//   2. the payload and the binary catalog answer decode (bundle_corrupt);
//      a bundle made for another station: bundle_other_station;
//   3. the answer is verified exactly as a pull's (station/sync/
//      pull_catalog.h ApplyCatalogAnswer, offline): checkpoint signed by
//      the pinned hub key (hub_key_mismatch), consistent with the last one
//      accepted using the proof in the bundle (bundle_consistency_missing
//      when it starts from another size, bundle_stale when the bundle is
//      older), inclusion of every entry, administrator signatures
//      (bad_signature, unknown_admin), replay or snapshot hash;
//   4. each receipt is checked against this station's own outbox: same id
//      at that seq (receipt_mismatch) and the exact envelope is leaf
//      log_index of the verified checkpoint (receipt_not_in_log);
//   5. then catalog, rejections, receipts and checkpoint in ONE transaction.
// Any failure leaves the store as it was. Importing the same bundle again
// verifies it again and changes nothing.
//   6. then the refusals the bundle carries (format 2), each as the online
//      push takes a refusal in a receipt (push_outbox.h TakeRefusal), in the
//      outbox's seq order: a refusal naming an undecided outbox entry by its
//      change set id returns that change set's edits to the clerk (held
//      rows, the later ones re-sealed), or records a refusal of the station
//      as a whole (station_revoked, a chain that differs) and stops. A
//      refusal naming no undecided entry is stale — the station already
//      took it, or it was settled since — and is skipped. Each return is
//      its own transaction; a crash between them is finished by importing
//      the same file again (the ones taken name no entry any more).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "station/store/station_store.h"
#include "station/sync/pull_catalog.h"
#include "station/sync/push_outbox.h"

namespace gongkai::station {

struct CatalogBundleImport {
  PullReport pulled;
  std::vector<ReturnedReport> returned;  // change sets returned for their edits
  std::optional<Status> refused_whole;   // the station refused as a whole
  size_t stale_refusals = 0;             // refusals that named no undecided entry
};

Result<CatalogBundleImport> ImportCatalogBundle(StationStore& store, const std::string& path,
                                                int64_t now);

}  // namespace gongkai::station
