// JSON bodies of the HTTP API (docs/http-api.md). Every error is (JsonError,
// web/json_answer.h; StoreErrorResponse, hub/store/store_error_answer.h)
//   {"error": {"code": "<snake_case>", "message": "<for people>"}}
// and a POST /v1/changesets answer is
//   {"receipts": [<receipt>...]}              (all accepted or duplicate)
//   {"error": {...}, "receipts": [...]}       (at least one rejected)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "hub/ingest/receipt.h"
#include "hub/store/changeset_table.h"
#include "hub/store/store_error_answer.h"
#include "web/http_message.h"
#include "web/json_answer.h"

namespace gongkai::hub {

// 200 when every receipt is accepted/duplicate; otherwise the status of the
// first rejection, with its code and message as the top-level error.
// `compact` (form=bin): a 200 is the binary form of core/feed/
// receipts_answer.h instead of JSON; a rejection stays JSON. `nothing_new`
// (the verdict on the poll the request named): the compact form's format 2.
// `short_push` (POST /v1/push, decision 0033): a 200 is format 3 — no ids,
// the verdict false when none was asked — without Content-Type.
HttpResponse ReceiptsResponse(const std::vector<Receipt>& receipts, bool compact = false,
                              std::optional<bool> nothing_new = std::nullopt,
                              bool short_push = false);

struct HealthInfo {
  std::string origin;
  uint64_t log_size = 0;
  uint64_t catalog_version = 0;
  int64_t time = 0;
};
HttpResponse HealthResponse(const HealthInfo& info);

// GET /v1/stations/{id}/receipts
HttpResponse StationReceiptsResponse(const std::string& station, bool revoked,
                                     const std::vector<AcceptedChangeSet>& accepted, bool more);

}  // namespace gongkai::hub
