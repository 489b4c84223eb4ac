// Reading the hub's answer to GET /v1/catalog?since=V (docs/http-api.md §
// Catalog; built by hub/review/catalog_feed.h):
//
//   {"format":1, "origin", "since", "version", "hash", "mode",
//    "genesis": {"index":0, "entry":base64},
//    "entries": [{"index", "kind", "entry":base64}...],
//    "snapshot": {"version", "hash", "rows", "catalog":base64},  (mode snapshot)
//    "checkpoint": signed checkpoint note,                       (optional here)
//   }
// and in the genesis and each entry "inclusion": [base64 hash...] (RFC 9162
// proof of the entry's index in the checkpoint's tree; optional here —
// pull_catalog.h refuses an answer without them). Unknown keys are
// ignored. Nothing here is trusted yet: pull_catalog.h verifies it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai::station {

struct FeedEntry {
  uint64_t index = 0;
  std::string kind;  // "changeset", "approval", "rejection", "genesis"
  Bytes entry;       // exact log bytes (an encoded envelope)
  std::optional<std::vector<Hash32>> inclusion;  // proof in the checkpoint's tree
};

struct FeedSnapshot {
  uint64_t version = 0;
  Hash32 hash{};
  Bytes catalog;  // docs/formats/catalog-snapshot.md
};

struct CatalogAnswer {
  uint64_t since = 0;
  uint64_t version = 0;
  Hash32 hash{};
  std::string mode;  // current | decisions | snapshot
  std::string origin;
  FeedEntry genesis;
  std::vector<FeedEntry> entries;
  std::optional<FeedSnapshot> snapshot;
  std::optional<std::string> checkpoint;  // the signed note
};

// DataLoss "bad_hub_answer" when the body is not the documented JSON.
Result<CatalogAnswer> ParseCatalogAnswer(const std::string& body);

}  // namespace gongkai::station
