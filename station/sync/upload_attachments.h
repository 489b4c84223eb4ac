// Attachments go up before the change sets that refer to them
// (docs/station-sync.md § Attachments, docs/formats/attachment-upload.md).
//
// For each stored attachment the hub is not known to have whole, the
// uploader asks the hub how many bytes it holds
// (GET /v1/attachments/{sha}/status?station=ID) and sends the rest in
// signed chunks (PUT …?offset=N) — after a cut connection it asks again
// and resumes where the hub's durable copy ends, so no byte the hub holds
// is sent twice (apart from a chunk cut in flight). A 409 offset_gap /
// offset_overlap answer carries the hub's count and the upload goes on
// from there. The hub's "complete" marks the file uploaded here.
//
// The sync round calls UploadPendingAttachments() before it pushes the
// outbox. A station the hub does not accept (unknown_station,
// station_revoked, bad_signature) skips its attachments this round: the
// push that follows says what to do.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "station/attachments/attachment_store.h"
#include "station/store/station_store.h"
#include "station/sync/hub_transport.h"
#include "station/sync/retry_policy.h"

namespace gongkai::station {

// One request to the hub (retries, if any, are the caller's).
using HubRequestFn =
    std::function<Result<HttpsResponse>(const std::string& method, const std::string& target,
                                        const std::string& body, const HttpHeaders& headers)>;

inline constexpr size_t kAttachmentChunkBytes = 1u << 20;

struct AttachmentUploadReport {
  size_t uploaded = 0;         // attachments the hub completed in this call
  size_t already = 0;          // the hub had them whole before
  uint64_t chunk_bytes = 0;    // attachment bytes sent in chunks
  uint64_t resumed_bytes = 0;  // bytes the hub already held when we started
  bool skipped = false;        // the hub does not accept this station (yet)
};

struct AttachmentUploadOptions {
  std::string station;
  const PrivateKey* key = nullptr;
  size_t chunk_bytes = kAttachmentChunkBytes;
};

// Uploads every stored attachment not yet marked uploaded.
Result<AttachmentUploadReport> UploadPendingAttachments(AttachmentStore& folder,
                                                        const HubRequestFn& request,
                                                        const AttachmentUploadOptions& options);

// The sync round's step: the station's attachment folder sent over
// `client`, each request retried under `policy`.
Result<AttachmentUploadReport> SendAttachments(StationStore& store, HubTransport& client,
                                               const PrivateKey& key, const RetryPolicy& policy,
                                               const RetryClock& clock);

}  // namespace gongkai::station
