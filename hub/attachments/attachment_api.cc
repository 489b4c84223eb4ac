#include "hub/attachments/attachment_api.h"

#include <boost/json.hpp>
#include <ctime>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/base/reasons.h"
#include "core/crypto/ed25519.h"
#include "hub/store/store_error_answer.h"
#include "web/json_answer.h"
#include "web/query_param.h"

namespace gongkai::hub {
namespace {

constexpr std::string_view kStatusSuffix = "/status";

HttpResponse StateResponse(int status, const Hash32& sha, const std::string& station,
                           const UploadState& s) {
  boost::json::object o{
      {"sha256", HexEncode(sha)}, {"received", s.received}, {"complete", s.complete}};
  if (!station.empty()) o["station"] = station;
  if (s.stored) {
    o["size"] = s.stored->info.size;
    o["media_type"] = s.stored->info.media_type;
  }
  HttpResponse r;
  r.status = status;
  r.body = boost::json::serialize(o);
  return r;
}

int HttpStatusOf(const gongkai::Status& s) {
  const std::string& why = s.reason();
  if (why == reason::kAttachmentTooLarge || why == reason::kAttachmentQuotaExceeded) {
    return 413;
  }
  if (why == reason::kOffsetGap || why == reason::kOffsetOverlap) return 409;
  if (why == reason::kUnsupportedMediaType) return 415;
  if (why == reason::kMediaTypeMismatch || why == reason::kHashMismatch) return 422;
  if (s.code() == Code::kInvalidArgument) return 400;
  return 0;  // a store failure: StoreErrorResponse
}

HttpResponse Refused(const gongkai::Status& s, std::optional<uint64_t> received = std::nullopt) {
  int status = HttpStatusOf(s);
  if (status == 0) return StoreErrorResponse(s);
  HttpResponse r = JsonError(status, s.reason(), s.message());
  if (received) {
    boost::json::object o = boost::json::parse(r.body).as_object();
    o["received"] = *received;
    r.body = boost::json::serialize(o);
  }
  return r;
}

HttpResponse BadHeader(const std::string& header) {
  return JsonError(400, "bad_chunk_header",
                   "缺少或无法识别请求头 " + header + " (docs/formats/attachment-upload.md)");
}

std::optional<uint64_t> DecimalHeader(const HttpRequest& req, std::string_view name) {
  std::string v = req.GongkaiHeader(name);
  if (v.empty()) return std::nullopt;
  return ParseDecimal(v);
}

}  // namespace

HttpResponse AttachmentApi::Handle(const HttpRequest& req, std::string_view path,
                                   std::string_view query) {
  std::string_view rest = path.substr(api_path::kAttachmentsPrefix.size());
  bool status = rest.ends_with(kStatusSuffix);
  if (status) rest.remove_suffix(kStatusSuffix.size());
  std::optional<Hash32> sha = rest.size() == 64 ? HexDecodeHash(rest) : std::nullopt;
  if (!sha) {
    return JsonError(404, "not_found", "附件地址应为 /v1/attachments/<64 位十六进制 SHA-256>");
  }
  if (status) {
    if (req.method != "GET") {
      HttpResponse r = JsonError(405, "method_not_allowed", "这个地址只支持 GET 请求");
      r.headers.emplace_back("Allow", "GET");
      return r;
    }
    return UploadStatus(*sha, query);
  }
  if (req.method == "PUT") return PutChunk(req, *sha, query);
  if (req.method == "GET") return Get(req, *sha);
  HttpResponse r = JsonError(405, "method_not_allowed", "这个地址只支持 GET 和 PUT 请求");
  r.headers.emplace_back("Allow", "GET, PUT");
  return r;
}

HttpResponse AttachmentApi::UploadStatus(const Hash32& sha, std::string_view query) {
  std::optional<std::string_view> station = FindQueryParam(query, "station");
  std::string id(station ? *station : std::string_view());
  Result<UploadState> s = store_->State(id.empty() ? "-" : id, sha);
  if (!s.ok()) return StoreErrorResponse(s.status());
  return StateResponse(200, sha, id, *s);
}

HttpResponse AttachmentApi::Get(const HttpRequest& req, const Hash32& sha) {
  Result<std::optional<StoredAttachment>> found = store_->Find(sha);
  if (!found.ok()) return StoreErrorResponse(found.status());
  if (!*found) return JsonError(404, "attachment_not_found", "镇服务器上没有这个附件");
  const StoredAttachment& a = **found;
  std::string etag = "\"" + HexEncode(sha) + "\"";
  HttpResponse r;
  r.content_type = a.info.media_type;
  r.headers.emplace_back("ETag", etag);
  // The name is the content: it never changes.
  r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  if (req.if_none_match == etag) {
    r.status = 304;
    return r;
  }
  r.body_file = a.path;
  return r;
}

HttpResponse AttachmentApi::PutChunk(const HttpRequest& req, const Hash32& sha,
                                     std::string_view query) {
  std::string type(req.content_type.substr(0, req.content_type.find(';')));
  if (type != "application/octet-stream") {
    return JsonError(415, "unsupported_media_type",
                     "附件的一段必须以 application/octet-stream 发送");
  }
  ChunkClaim c;
  c.sha256 = sha;
  c.station = req.GongkaiHeader("Gongkai-Station");
  if (c.station.empty()) return BadHeader("Gongkai-Station");
  c.media_type = req.GongkaiHeader("Gongkai-Media-Type");
  if (c.media_type.empty()) return BadHeader("Gongkai-Media-Type");
  std::optional<uint64_t> size = DecimalHeader(req, "Gongkai-Attachment-Size");
  if (!size) return BadHeader("Gongkai-Attachment-Size");
  std::optional<uint64_t> length = DecimalHeader(req, "Gongkai-Chunk-Length");
  if (!length) return BadHeader("Gongkai-Chunk-Length");
  std::optional<Hash32> chunk_sha = HexDecodeHash(req.GongkaiHeader("Gongkai-Chunk-Sha256"));
  if (!chunk_sha) return BadHeader("Gongkai-Chunk-Sha256");
  std::optional<Bytes> sig = Base64Decode(req.GongkaiHeader("Gongkai-Signature"));
  if (!sig || sig->size() != 64) return BadHeader("Gongkai-Signature");
  std::optional<std::string_view> offset_text = FindQueryParam(query, "offset");
  std::optional<uint64_t> offset = offset_text ? ParseDecimal(*offset_text) : std::nullopt;
  if (!offset) {
    return JsonError(400, "bad_query", "offset 必须是一个非负整数");
  }
  c.size = *size;
  c.length = *length;
  c.offset = *offset;
  c.chunk_sha256 = *chunk_sha;

  // Who: an enrolled, unrevoked station whose key signed this claim.
  Result<std::optional<StationRecord>> st = find_station_(c.station);
  if (!st.ok()) return StoreErrorResponse(st.status());
  if (!*st) {
    return JsonError(403, "unknown_station",
                     "站点 " + c.station + " 没有在镇服务器登记；请镇里的管理员先登记它");
  }
  if ((*st)->revoked) {
    return JsonError(403, "station_revoked", "站点 " + c.station + " 已被撤销，不能上传附件");
  }
  Signature signature;
  std::copy(sig->begin(), sig->end(), signature.begin());
  std::string message = ChunkSigningMessage(c);
  if (!Ed25519Verify((*st)->key, reinterpret_cast<const uint8_t*>(message.data()), message.size(),
                     signature)) {
    return JsonError(401, "bad_signature", "这一段的签名与站点登记的密钥不符");
  }

  Result<UploadState> put = store_->PutChunk(c, req.body, static_cast<int64_t>(std::time(nullptr)));
  if (!put.ok()) {
    const gongkai::Status& s = put.status();
    if (s.reason() == reason::kOffsetGap || s.reason() == reason::kOffsetOverlap) {
      Result<UploadState> now = store_->State(c.station, sha);
      return Refused(s, now.ok() ? std::optional<uint64_t>(now->received) : std::nullopt);
    }
    return Refused(s);
  }
  return StateResponse(put->complete ? 201 : 200, sha, c.station, *put);
}

}  // namespace gongkai::hub
