// The reasons station/sync/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal. Producers may still spell the literal;
// the wire and the docs know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Reasons of the HTTPS client (https_client.cc).
inline constexpr std::string_view kHubUnreachable = "hub_unreachable";
inline constexpr std::string_view kHubTimeout = "hub_timeout";
inline constexpr std::string_view kHubIo = "hub_io";
inline constexpr std::string_view kTlsFailed = "tls_failed";
inline constexpr std::string_view kCertPinMismatch = "cert_pin_mismatch";
inline constexpr std::string_view kCertExpired = "cert_expired";

// Reasons of a pull (pull_catalog.cc).
inline constexpr std::string_view kChangesetForged = "changeset_forged";
// An envelope of this station's outbox put in place of a by-reference
// entry is not the logged one (station/sync/pull_catalog.cc): the pull asks
// for every change set whole instead; never an alarm.
inline constexpr std::string_view kOwnChangeSetDiffers = "own_changeset_differs";
}  // namespace gongkai::reason

namespace gongkai::station::receipt_status {
// The statuses of a receipt (docs/http-api.md § POST /v1/changesets).
inline constexpr std::string_view kAccepted = "accepted";
inline constexpr std::string_view kDuplicate = "duplicate";
inline constexpr std::string_view kRejected = "rejected";
}  // namespace gongkai::station::receipt_status
