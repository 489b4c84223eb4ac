// The attachment endpoints (docs/http-api.md § Attachments,
// docs/formats/attachment-upload.md), a plain function from request to
// response like the rest of hub/api:
//
//   PUT /v1/attachments/{sha256}?offset=N          one chunk, signed by an
//                                                  enrolled station
//   GET /v1/attachments/{sha256}/status?station=ID how many bytes the hub holds
//   GET /v1/attachments/{sha256}                   the file (public), streamed
//                                                  from disk, content-typed
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/feed/api_paths.h"
#include "hub/attachments/attachment_store.h"
#include "hub/store/station_table.h"
#include "web/http_message.h"

namespace gongkai::hub {

class AttachmentApi {
 public:
  // The station's enrollment as the hub knows it (nullopt: never enrolled).
  using FindStationFn = std::function<Result<std::optional<StationRecord>>(const std::string&)>;

  AttachmentApi(AttachmentStore* store, FindStationFn find_station)
      : store_(store), find_station_(std::move(find_station)) {}

  static bool Serves(std::string_view path) {
    return path.starts_with(api_path::kAttachmentsPrefix);
  }
  HttpResponse Handle(const HttpRequest& req, std::string_view path, std::string_view query);

 private:
  HttpResponse PutChunk(const HttpRequest& req, const Hash32& sha, std::string_view query);
  HttpResponse UploadStatus(const Hash32& sha, std::string_view query);
  HttpResponse Get(const HttpRequest& req, const Hash32& sha);

  AttachmentStore* store_;
  FindStationFn find_station_;
};

}  // namespace gongkai::hub
