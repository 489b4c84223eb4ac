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
#pragma once

#include <string>

#include "core/base/status.h"
#include "station/store/station_store.h"
#include "station/sync/pull_catalog.h"

namespace gongkai::station {

Result<PullReport> ImportCatalogBundle(StationStore& store, const std::string& path, int64_t now);

}  // namespace gongkai::station
