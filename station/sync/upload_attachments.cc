#include "station/sync/upload_attachments.h"

#include <algorithm>
#include <boost/json.hpp>
#include <vector>

#include "core/attachment/chunk_claim.h"
#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/changeset/refusal.h"
#include "core/crypto/sha256.h"
#include "core/feed/api_paths.h"
#include "station/sync/hub_error.h"

namespace gongkai::station {
namespace {

struct HubState {
  uint64_t received = 0;
  bool complete = false;
};

// {"received":N,"complete":B,...} of a status or chunk answer, or the
// "received" of a 409 refusal.
Result<HubState> ParseState(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  const boost::json::object* o = ec ? nullptr : v.if_object();
  const boost::json::value* received = o ? o->if_contains("received") : nullptr;
  if (!received || !received->is_number()) {
    return DataLoss("bad_answer", "镇服务器对附件请求的回答无法读取");
  }
  HubState s;
  s.received = received->to_number<uint64_t>();
  const boost::json::value* complete = o->if_contains("complete");
  s.complete = complete && complete->is_bool() && complete->as_bool();
  return s;
}

bool StationNotAccepted(const Status& s) {
  return s.reason() == refusal::kUnknownStation || s.reason() == refusal::kStationRevoked ||
         s.reason() == refusal::kBadSignature;
}

// Sends the attachment from the hub's count on; true when the hub has it whole.
Result<bool> UploadOne(AttachmentStore& folder, const Hash32& sha, const HubRequestFn& request,
                       const AttachmentUploadOptions& o, AttachmentUploadReport& report) {
  GK_ASSIGN_OR_RETURN(AttachmentInfo info, folder.Info(sha));
  const std::string base = std::string(api_path::kAttachmentsPrefix) + HexEncode(sha);
  GK_ASSIGN_OR_RETURN(HttpsResponse st,
                      request("GET", base + "/status?station=" + o.station, "", {}));
  if (st.status != 200) return HubRefusal(st.status, st.body, "附件状态请求");
  GK_ASSIGN_OR_RETURN(HubState hub, ParseState(st.body));
  if (hub.complete) {
    ++report.already;
    return true;
  }
  report.resumed_bytes += hub.received;
  GK_ASSIGN_OR_RETURN(std::ifstream in, folder.Open(sha));
  std::string chunk;
  uint64_t offset = hub.received;
  for (int refusals = 0;;) {
    if (offset > info.size) offset = 0;  // the hub's partial is not ours: start over
    uint64_t length = std::min<uint64_t>(o.chunk_bytes, info.size - offset);
    chunk.resize(length);
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in.read(chunk.data(), static_cast<std::streamsize>(length))) {
      return Unavailable("io_error", "无法读取本站的附件 " + HexEncode(sha));
    }
    ChunkClaim c{o.station, sha, info.media_type, info.size, offset, length, Sha256(chunk)};
    std::string message = ChunkSigningMessage(c);
    Signature sig = o.key->Sign(reinterpret_cast<const uint8_t*>(message.data()), message.size());
    HttpHeaders headers = {
        {"Gongkai-Station", o.station},
        {"Gongkai-Media-Type", info.media_type},
        {"Gongkai-Attachment-Size", std::to_string(info.size)},
        {"Gongkai-Chunk-Length", std::to_string(length)},
        {"Gongkai-Chunk-Sha256", HexEncode(c.chunk_sha256)},
        {"Gongkai-Signature", Base64Encode(sig.data(), sig.size())},
    };
    GK_ASSIGN_OR_RETURN(HttpsResponse r,
                        request("PUT", base + "?offset=" + std::to_string(offset), chunk, headers));
    report.chunk_bytes += length;
    if (r.status == 200 || r.status == 201) {
      GK_ASSIGN_OR_RETURN(HubState s, ParseState(r.body));
      if (s.complete) {
        ++report.uploaded;
        return true;
      }
      offset = s.received;
      continue;
    }
    if (r.status == 409 && ++refusals <= 8) {
      // The hub holds a different count (a chunk whose answer was lost):
      // go on from the hub's count.
      GK_ASSIGN_OR_RETURN(HubState s, ParseState(r.body));
      offset = s.received;
      continue;
    }
    return HubRefusal(r.status, r.body, "附件上传");
  }
}

}  // namespace

Result<AttachmentUploadReport> UploadPendingAttachments(AttachmentStore& folder,
                                                        const HubRequestFn& request,
                                                        const AttachmentUploadOptions& options) {
  AttachmentUploadReport report;
  GK_ASSIGN_OR_RETURN(std::vector<Hash32> pending, folder.NotUploaded());
  for (const Hash32& sha : pending) {
    Result<bool> done = UploadOne(folder, sha, request, options, report);
    if (!done.ok()) {
      if (StationNotAccepted(done.status())) {
        report.skipped = true;
        return report;
      }
      return done.status().WithContext("附件 " + HexEncode(sha).substr(0, 12) + ": ");
    }
    GK_RETURN_IF_ERROR(folder.MarkUploaded(sha));
  }
  return report;
}

}  // namespace gongkai::station

namespace gongkai::station {

Result<AttachmentUploadReport> SendAttachments(StationStore& store, HubTransport& client,
                                               const PrivateKey& key, const RetryPolicy& policy,
                                               const RetryClock& clock) {
  AttachmentStore folder(store.dir());
  HubRequestFn request = [&](const std::string& method, const std::string& target,
                             const std::string& body, const HttpHeaders& headers) {
    const std::string type = method == "PUT" ? "application/octet-stream" : "";
    return WithRetries([&] { return client.Request(method, target, type, body, headers, false); },
                       policy, clock);
  };
  AttachmentUploadOptions options;
  options.station = store.info().station_id;
  options.key = &key;
  return UploadPendingAttachments(folder, request, options);
}

}  // namespace gongkai::station
