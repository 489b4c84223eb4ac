// The hub's HTTP API as a plain function from request to response
// (docs/http-api.md): no sockets, no Beast. The server calls Handle() on an
// I/O thread; `send` may run later on the ingest committer thread (after the
// change sets are durable), so it must hand the response back to the
// connection's strand itself.
//
//   GET  /v1/health                          liveness and log size
//   POST /v1/changesets                      upload (docs/formats/http-changesets.md)
//   POST /v1/push[/REST]                     the short push: the upload in fewer bytes
//   GET  /v1/stations/{id}/receipts?after=N  accepted change sets after seq N
//   GET  /v1/catalog?since=V                  decisions since version V, or a snapshot
//   PUT/GET /v1/attachments/{sha256}[...]    attachments (hub/attachments/attachment_api.h)
//   GET  /v1/checkpoint, /v1/log/...          the transparency log (hub/log/log_api.h)
//   /, /rows/..., /admin..., /static/...     web pages (hub/web/web_app.h, docs/hub-web.md)
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/base/status.h"
#include "hub/ingest/ingest_queue.h"
#include "hub/log/log_api.h"
#include "hub/review/catalog_feed.h"
#include "hub/review/snapshot_cache.h"
#include "hub/store/hub_db.h"
#include "hub/web/web_options.h"
#include "web/http_message.h"

namespace gongkai::hub {
namespace web {
class WebApp;
class SignInWorker;
}  // namespace web
class AttachmentApi;
class AttachmentStore;

struct ApiOptions {
  size_t max_changesets_per_request = 1000;
  // Ops in one change set (a station seals at most 2,000, SealLimits) and
  // in one request; over them: 422 too_many_ops for that change set, 413
  // too_many_ops_in_request for the whole request (docs/http-api.md).
  size_t max_ops_per_changeset = 2000;
  size_t max_ops_per_request = 20000;
  size_t receipts_page = 1000;  // receipts per GET answer
  // The log key that signs checkpoints; empty: log.key next to the database.
  std::string log_key_file;
  web::WebOptions web;  // administrator and public pages
  // Log entries served are checked against the stored tree (LogApiOptions).
  bool self_check = true;
  // Bytes of attachments (complete and partial) one station may keep on
  // the hub (hub/attachments/attachment_store.h): 2 GiB.
  uint64_t attachment_quota_bytes = uint64_t{2} << 30;
};

class HubApi {
 public:
  using Send = std::function<void(HttpResponse)>;

  // Opens its own read-only use connection to the database; uploads go to
  // `ingest`, which must outlive the HubApi.
  static Result<std::unique_ptr<HubApi>> Create(const std::string& db_path, IngestQueue* ingest,
                                                ApiOptions opts = {});

  void Handle(const HttpRequest& req, Send send);
  // Handle() and wait for the answer (tests, tools).
  HttpResponse HandleSync(const HttpRequest& req);
  ~HubApi();

 private:
  HubApi(HubDb db, IngestQueue* ingest, ApiOptions opts);
  // How an upload was asked: POST /v1/changesets?form=…&poll=… or the short
  // push POST /v1/push[/REST] (decision 0033).
  struct UploadForm {
    bool compact = false;             // form=bin: compact receipts when all are taken
    std::optional<FeedRequest> poll;  // the poll to give a verdict on
    bool short_push = false;          // no Content-Type needed, and none on the compact answer
  };
  // The form of POST /v1/changesets from its query, or the refusal.
  static Result<UploadForm> ChangeSetsForm(std::string_view query);
  void PostChangeSets(const HttpRequest& req, const UploadForm& form, Send send);
  HttpResponse Health();
  // GET /v1/catalog and its short poll GET /v1/poll/V/N (hub/review/catalog_feed.h),
  // the request parsed from either.
  HttpResponse CatalogFeed(const HttpRequest& req, const Result<FeedRequest>& request);
  HttpResponse StationReceipts(const std::string& station, const std::string& query);

  // The enrolled key of a station, from the cache or the read connection.
  std::optional<PublicKey> StationKey(const std::string& station);
  void ForgetStationKey(const std::string& station);

  std::mutex read_mu_;  // guards read_db_
  HubDb read_db_;
  // The latest snapshot, deflated once for every pull (under read_mu_ too).
  SnapshotCache snapshot_cache_;
  // guards keys_: station id → enrolled key (a cache; a re-enrollment may
  // change the key, so a failed verification forgets the entry)
  std::mutex keys_mu_;
  std::unordered_map<std::string, PublicKey> keys_;
  IngestQueue* ingest_;
  ApiOptions opts_;
  std::unique_ptr<LogApi> log_;       // the log endpoints, on their own connection
  std::unique_ptr<web::WebApp> web_;  // the web pages, on their own connection
  // POST /admin/login runs here, off the I/O threads; destroyed before web_.
  std::unique_ptr<web::SignInWorker> sign_in_worker_;
  // /v1/attachments/ (hub/attachments/attachment_api.h)
  std::unique_ptr<AttachmentStore> attachment_store_;
  std::unique_ptr<AttachmentApi> attachments_;
};

}  // namespace gongkai::hub
