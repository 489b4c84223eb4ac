// What a non-200 answer of the hub means to the station — one reading for
// the push, the pull, proofs and the auditor's log source, so the same hub
// answer is never "busy" in one place and "damaged" in another.
//
// The hub's error body is {"error":{"code","message"}} (docs/http-api.md);
// a body that is not that still gives an answer from the HTTP status alone.
//
//   500 with code db_corrupt  DataLoss  "hub_damaged" — the hub reports that
//   (or log_entry_missing,
//   merkle_node_missing)
//                             its own store is damaged (gongkai-hub check
//                             failed). Not a retryable busy hub: the station
//                             records a log alarm and exits 10.
//   429, 5xx                  Unavailable with the hub's code (hub_busy when
//                             it gave none) — retried.
//   401, 403                  PermissionDenied with the hub's code.
//   other 4xx                 FailedPrecondition with the hub's code
//                             (hub_refused when it gave none).
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"

namespace gongkai::station {

inline constexpr std::string_view kHubDamaged = "hub_damaged";

struct HubError {
  std::string code;     // empty when the body named none
  std::string message;  // empty when the body had none
};

// Never fails: a body that is not the documented JSON gives empty fields.
HubError ParseHubError(std::string_view body);

// `what` names the request for people, e.g. "目录请求".
Status HubRefusal(int http_status, const HubError& error, const std::string& what);
Status HubRefusal(int http_status, std::string_view body, const std::string& what);

}  // namespace gongkai::station
