// The paths of the hub's HTTP API (docs/http-api.md), named once for the
// hub that serves them and for the station and the audit tool that ask for
// them: a path spelt differently on the two sides does not compile.
#pragma once

#include <string_view>

namespace gongkai::api_path {

inline constexpr std::string_view kHealth = "/v1/health";
inline constexpr std::string_view kChangeSets = "/v1/changesets";
// POST /v1/push[/REST]: the short push (decision 0033).
inline constexpr std::string_view kShortPush = "/v1/push";
inline constexpr std::string_view kCatalog = "/v1/catalog";
// GET /v1/poll/REST (hub/review/catalog_feed.h ParsePollPath).
inline constexpr std::string_view kPollPrefix = "/v1/poll/";
// GET /v1/stations/ID/receipts
inline constexpr std::string_view kStationsPrefix = "/v1/stations/";
inline constexpr std::string_view kReceiptsSuffix = "/receipts";
// PUT/GET /v1/attachments/SHA256
inline constexpr std::string_view kAttachmentsPrefix = "/v1/attachments/";

// The transparency log (docs/http-api.md § Log).
inline constexpr std::string_view kCheckpoint = "/v1/checkpoint";
inline constexpr std::string_view kLogKey = "/v1/log/key";
inline constexpr std::string_view kCosigned = "/v1/log/cosigned";
inline constexpr std::string_view kLogEntries = "/v1/log/entries";
inline constexpr std::string_view kInclusionProof = "/v1/log/proof/inclusion";
inline constexpr std::string_view kConsistencyProof = "/v1/log/proof/consistency";

}  // namespace gongkai::api_path
