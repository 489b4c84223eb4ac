// Reading the hub's answer to GET /v1/catalog?since=V (docs/http-api.md §
// Catalog; built by hub/review/catalog_feed.h). The value type is
// core/feed/catalog_answer.h; it comes either as the binary form
// (`form=bin`, docs/formats/catalog-answer.md, which the station asks for)
// or as JSON (what an older hub or curl gets):
//
//   {"format":1, "origin", "since", "version", "hash", "mode",
//    "genesis": {"index":0, "entry":base64},                     (optional)
//    "entries": [{"index", "kind", "entry":base64}...],
//    "snapshot": {"version", "hash", "rows", "catalog":base64},  (mode snapshot)
//    "checkpoint": signed checkpoint note,                       (optional here)
//    "consistency": {"from", "proof": [base64 hash...]}          (optional)
//   }
// and in the genesis and each entry "inclusion": [base64 hash...] (RFC 9162
// proof of the entry's index in the checkpoint's tree; optional here —
// pull_catalog.h refuses an answer without them). Unknown keys are
// ignored. Nothing here is trusted yet: pull_catalog.h verifies it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/feed/catalog_answer.h"

namespace gongkai::station {

using gongkai::CatalogAnswer;
using gongkai::FeedConsistency;
using gongkai::FeedEntry;
using gongkai::FeedSnapshot;

// DataLoss "bad_hub_answer" when the body is not the documented JSON.
Result<CatalogAnswer> ParseCatalogAnswer(const std::string& body);

// Either form: the binary one when the body does not start with '{'.
// DataLoss "bad_hub_answer" (the decoding reason in the message).
// `origin`: of the checkpoint the station verified, for format 3.
Result<CatalogAnswer> ParseCatalogAnswerBody(const std::string& body, std::string_view origin = {});

}  // namespace gongkai::station
