#include "hub/api/hub_api.h"

#include <ctime>
#include <future>

#include "core/catalog/validate.h"
#include "core/feed/api_paths.h"
#include "core/record/envelope_batch.h"
#include "hub/api/api_json.h"
#include "hub/api/content_coding.h"
#include "hub/attachments/attachment_api.h"
#include "hub/ingest/apply_upload.h"
#include "hub/review/catalog_feed.h"
#include "hub/store/changeset_table.h"
#include "hub/store/hub_paths.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"
#include "hub/store/station_table.h"
#include "hub/web/sign_in_worker.h"
#include "hub/web/web_app.h"
#include "hub/web/web_response.h"
#include "web/query_param.h"

namespace gongkai::hub {
namespace {

constexpr std::string_view kUploadType = "application/octet-stream";

HttpResponse MethodNotAllowed(const std::string& allow) {
  HttpResponse r = JsonError(405, "method_not_allowed", "这个地址只支持 " + allow + " 请求");
  r.headers.emplace_back("Allow", allow);
  return r;
}

HttpResponse Unavailable503(const Status& s) {
  HttpResponse r = JsonError(503, s.reason(), s.message());
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

HttpResponse FromDbError(const Status& s) { return StoreErrorResponse(s); }

// The media type without parameters, lowercased.
std::string MediaType(std::string_view content_type) {
  std::string t(content_type.substr(0, content_type.find(';')));
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

// "after=N" (N decimal, at most 19 digits); other parameters are ignored.
Result<uint64_t> ParseAfter(std::string_view query) {
  std::optional<std::string_view> raw = FindQueryParam(query, "after");
  if (!raw) return uint64_t{0};
  std::optional<uint64_t> v = ParseDecimal(*raw);
  if (!v) return InvalidArgument("bad_query", "after 必须是一个非负整数", "after");
  return *v;
}

}  // namespace

Result<std::unique_ptr<HubApi>> HubApi::Create(const std::string& db_path, IngestQueue* ingest,
                                               ApiOptions opts) {
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(db_path));
  std::string key_file = opts.log_key_file;
  if (key_file.empty()) {
    size_t slash = db_path.rfind('/');
    key_file = HubPaths{slash == std::string::npos ? "." : db_path.substr(0, slash)}.log_key();
  }
  LogApiOptions log_opts;
  log_opts.self_check = opts.self_check;
  GK_ASSIGN_OR_RETURN(std::unique_ptr<LogApi> log, LogApi::Open(db_path, key_file, log_opts));
  auto api = std::unique_ptr<HubApi>(new HubApi(std::move(db), ingest, opts));
  api->log_ = std::move(log);
  LogApi* log_api = api->log_.get();
  size_t slash = db_path.rfind('/');
  std::string hub_dir = slash == std::string::npos ? "." : db_path.substr(0, slash);
  GK_ASSIGN_OR_RETURN(
      api->web_,
      web::WebApp::Create(
          hub_dir, [log_api] { return log_api->Handle("GET", api_path::kCheckpoint, "").body; },
          opts.web));
  api->sign_in_worker_ = std::make_unique<web::SignInWorker>();
  GK_ASSIGN_OR_RETURN(api->attachment_store_,
                      AttachmentStore::Open(hub_dir, opts.attachment_quota_bytes));
  HubApi* self = api.get();
  api->attachments_ = std::make_unique<AttachmentApi>(
      api->attachment_store_.get(), [self](const std::string& station) {
        std::lock_guard<std::mutex> lock(self->read_mu_);
        return FindStation(self->read_db_, station);
      });
  return api;
}

HubApi::~HubApi() = default;

HubApi::HubApi(HubDb db, IngestQueue* ingest, ApiOptions opts)
    : read_db_(std::move(db)), ingest_(ingest), opts_(opts) {}

HttpResponse HubApi::HandleSync(const HttpRequest& req) {
  std::promise<HttpResponse> p;
  std::future<HttpResponse> f = p.get_future();
  Handle(req, [&p](HttpResponse r) { p.set_value(std::move(r)); });
  return f.get();
}

void HubApi::Handle(const HttpRequest& req, Send send) {
  std::string_view target = req.target;
  std::string_view path = target.substr(0, target.find('?'));
  std::string query(target.size() > path.size() ? target.substr(path.size() + 1) : "");

  if (path == api_path::kChangeSets) {
    if (req.method != "POST") return send(MethodNotAllowed("POST"));
    Result<UploadForm> form = ChangeSetsForm(query);
    if (!form.ok()) return send(JsonError(400, form.status().reason(), form.status().message()));
    return PostChangeSets(req, *form, std::move(send));
  }
  if (path == api_path::kShortPush || path.starts_with(std::string(api_path::kShortPush) + "/")) {
    // POST /v1/push[/REST] is POST /v1/changesets?form=bin[&poll=REST]
    // (docs/formats/http-changesets.md § The short push).
    if (req.method != "POST") return send(MethodNotAllowed("POST"));
    UploadForm form{.compact = true, .poll = std::nullopt, .short_push = true};
    if (path.size() > api_path::kShortPush.size()) {
      Result<FeedRequest> poll = ParsePollPath(path.substr(api_path::kShortPush.size() + 1));
      if (!poll.ok()) return send(JsonError(400, poll.status().reason(), poll.status().message()));
      form.poll = std::move(poll).value();
    }
    return PostChangeSets(req, form, std::move(send));
  }
  if (AttachmentApi::Serves(path)) return send(attachments_->Handle(req, path, query));
  if (LogApi::Serves(path)) return send(log_->Handle(req.method, path, query));
  if (web::WebApp::Serves(path)) {
    if ((path == "/admin/login" || path.starts_with("/admin/roster/")) && req.method == "POST") {
      // The password check (scrypt) runs on the sign-in thread, and so do
      // the roster changes (the signer's password, a new key sealed).
      auto shared = std::make_shared<Send>(std::move(send));
      bool queued =
          sign_in_worker_->Post([this, copy = req, shared] { (*shared)(web_->Handle(copy)); });
      if (!queued) {
        HttpResponse r = web::ErrorPage(503, "busy", "正在核对密码的请求太多，请稍后再试");
        r.headers.emplace_back("Retry-After", "1");
        (*shared)(std::move(r));
      }
      return;
    }
    return send(web_->Handle(req));
  }
  if (path == api_path::kCatalog) {
    if (req.method != "GET") return send(MethodNotAllowed("GET"));
    return send(CatalogFeed(req, ParseFeedQuery(query)));
  }
  if (path.starts_with(api_path::kPollPrefix)) {
    if (req.method != "GET") return send(MethodNotAllowed("GET"));
    return send(CatalogFeed(req, ParsePollPath(path.substr(api_path::kPollPrefix.size()))));
  }
  if (path == api_path::kHealth) {
    if (req.method != "GET") return send(MethodNotAllowed("GET"));
    return send(Health());
  }
  if (path.starts_with(api_path::kStationsPrefix) && path.ends_with(api_path::kReceiptsSuffix) &&
      path.size() > api_path::kStationsPrefix.size() + api_path::kReceiptsSuffix.size()) {
    if (req.method != "GET") return send(MethodNotAllowed("GET"));
    std::string station(path.substr(
        api_path::kStationsPrefix.size(),
        path.size() - api_path::kStationsPrefix.size() - api_path::kReceiptsSuffix.size()));
    return send(StationReceipts(station, query));
  }
  send(JsonError(404, "not_found", "没有这个地址: " + std::string(path)));
}

Result<HubApi::UploadForm> HubApi::ChangeSetsForm(std::string_view query) {
  // form=bin: the compact receipts when all are accepted or duplicates
  // (docs/formats/http-changesets.md § Compact answer).
  UploadForm out;
  GK_ASSIGN_OR_RETURN(out.compact, ParseBinaryForm(query));
  // poll=V/N[/c][/o/STATION][/r/HEX] (with form=bin): the poll the station
  // would send next, in the words of the short poll; the compact answer
  // then says whether it would be a 304, and the station skips it
  // (docs/decisions/0032-the-push-answers-the-poll.md).
  if (std::optional<std::string_view> named = FindQueryParam(query, "poll")) {
    if (!out.compact) return InvalidArgument("bad_query", "poll 只能与 form=bin 一起使用", "poll");
    GK_ASSIGN_OR_RETURN(out.poll, ParsePollPath(*named));
  }
  return out;
}

void HubApi::PostChangeSets(const HttpRequest& req, const UploadForm& form, Send send) {
  const bool compact = form.compact;
  const std::optional<FeedRequest>& poll = form.poll;
  // The short push may leave Content-Type out: a body without one is
  // application/octet-stream (RFC 9110 § 8.3).
  if (!(form.short_push && req.content_type.empty()) &&
      MediaType(req.content_type) != kUploadType) {
    return send(JsonError(415, "unsupported_media_type",
                          "请求体必须是 Content-Type: application/octet-stream 的变更集批次 "
                          "(docs/formats/http-changesets.md)"));
  }
  Bytes body(req.body.begin(), req.body.end());
  Result<std::vector<Bytes>> batch = DecodeEnvelopeBatch(body, opts_.max_changesets_per_request);
  if (!batch.ok()) {
    const Status& s = batch.status();
    int status = s.code() == Code::kResourceExhausted ? 413 : 400;
    return send(JsonError(status, s.reason(), "变更集批次无法解析: " + s.message()));
  }
  OfferedStation offer = ParseOfferedStation(req.station_key, req.station_unit);
  std::vector<Upload> uploads;
  uploads.reserve(batch->size());
  bool any_decoded = false;
  size_t request_ops = 0;
  for (size_t i = 0; i < batch->size(); ++i) {
    Upload up = DecodeUpload(i, std::move((*batch)[i]));
    if (up.error.ok()) {
      request_ops += up.changeset.op_count();
      if (request_ops > opts_.max_ops_per_request) {
        return send(JsonError(
            413, "too_many_ops_in_request",
            "一次请求中的修改条数超过上限 " + std::to_string(opts_.max_ops_per_request) +
                "；请分成几次提交，每次少带几个变更集；什么也没有保存 (too many ops in one "
                "request)"));
      }
      if (up.changeset.op_count() > opts_.max_ops_per_changeset) {
        up.error = ResourceExhausted(
            "too_many_ops", "变更集有 " + std::to_string(up.changeset.op_count()) +
                                " 项修改，超过集镇中心的上限 " +
                                std::to_string(opts_.max_ops_per_changeset) +
                                "；请把修改分成几个变更集 (too many ops in one change set)");
      }
    }
    uploads.push_back(std::move(up));
  }
  // Signatures are checked here, on the I/O threads, so the single
  // committer spends its time on the database; a request of many change
  // sets has them verified on every core at once.
  std::vector<std::optional<PublicKey>> keys(uploads.size());
  for (size_t i = 0; i < uploads.size(); ++i) {
    if (uploads[i].error.ok()) keys[i] = StationKey(uploads[i].changeset.station);
  }
  TryVerifyUploadSignatures(uploads, keys);
  for (size_t i = 0; i < uploads.size(); ++i) {
    Upload& up = uploads[i];
    // A key that does not verify is no verdict: the station may have been
    // enrolled again with another key since it was cached. The committer
    // decides against the stations table.
    if (keys[i] && !up.verified_key) ForgetStationKey(up.changeset.station);
    if (!up.verified_key && (offer.key || offer.unit)) OfferStation(up, offer);
    // A change-set envelope whose body did not decode still goes to the
    // committer: if it is signed by an enrolled station it is recorded as a
    // refused upload of that station.
    any_decoded = any_decoded || up.envelope_ok;
  }
  if (!any_decoded) {
    // Nothing here can touch the database (not a single change-set
    // envelope): answer without queueing.
    std::vector<Receipt> receipts;
    receipts.reserve(uploads.size());
    for (const Upload& up : uploads) receipts.push_back(Rejected(up, up.error));
    return send(ReceiptsResponse(receipts, compact));  // a rejection: JSON
  }
  // The verdict is read before the upload commits: what the upload adds
  // are change sets, which never make a poll's answer other than 304
  // (NothingNew). A verdict that cannot be read is "ask": the poll then
  // says what is wrong.
  std::optional<bool> nothing_new;
  if (poll) {
    std::lock_guard<std::mutex> lock(read_mu_);
    Result<bool> verdict = NothingNew(read_db_, *poll);
    nothing_new = verdict.ok() && *verdict;
  }
  auto shared_send = std::make_shared<Send>(std::move(send));
  const bool short_push = form.short_push;
  Status queued = ingest_->Submit(std::move(uploads), [shared_send, compact, nothing_new,
                                                       short_push](Result<std::vector<Receipt>> r) {
    if (!r.ok()) return (*shared_send)(FromDbError(r.status()));
    (*shared_send)(ReceiptsResponse(*r, compact, nothing_new, short_push));
  });
  if (!queued.ok()) (*shared_send)(Unavailable503(queued));
}

void HubApi::ForgetStationKey(const std::string& station) {
  std::lock_guard<std::mutex> lock(keys_mu_);
  keys_.erase(station);
}

std::optional<PublicKey> HubApi::StationKey(const std::string& station) {
  {
    std::lock_guard<std::mutex> lock(keys_mu_);
    if (auto it = keys_.find(station); it != keys_.end()) return it->second;
  }
  std::optional<PublicKey> key;
  {
    std::lock_guard<std::mutex> lock(read_mu_);
    Result<std::optional<StationRecord>> rec = FindStation(read_db_, station);
    if (!rec.ok() || !*rec) return std::nullopt;  // the committer decides
    key = (*rec)->key;
  }
  std::lock_guard<std::mutex> lock(keys_mu_);
  keys_.emplace(station, *key);
  return key;
}

HttpResponse HubApi::Health() {
  std::lock_guard<std::mutex> lock(read_mu_);
  Result<HubMeta> meta = ReadMeta(read_db_);
  if (!meta.ok()) return FromDbError(meta.status());
  Result<uint64_t> size = LogSize(read_db_);
  if (!size.ok()) return FromDbError(size.status());
  return HealthResponse(HealthInfo{meta->origin, *size, meta->catalog_version,
                                   static_cast<int64_t>(std::time(nullptr))});
}

HttpResponse HubApi::CatalogFeed(const HttpRequest& req, const Result<FeedRequest>& request) {
  if (!request.ok()) return JsonError(400, request.status().reason(), request.status().message());
  FeedOptions feed;
  feed.snapshot_cache = &snapshot_cache_;
  std::lock_guard<std::mutex> lock(read_mu_);
  Result<bool> nothing_new = NothingNew(read_db_, *request);
  if (!nothing_new.ok()) return FromDbError(nothing_new.status());
  if (*nothing_new) {
    // A few bytes instead of a checkpoint and proofs the station holds
    // (docs/formats/catalog-answer.md § Nothing new).
    HttpResponse r;
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  // A station that asks format 3 reads deflate and names no
  // Accept-Encoding (26 bytes on every poll; RFC 9110 § 12.5.3: without
  // it any coding is acceptable) — docs/decisions/0034-lean-answer.md.
  const bool lean = request->binary && request->answer_format >= kCatalogAnswerLeanFormat;
  const bool deflate = AcceptsDeflate(req.accept_encoding) || (lean && req.accept_encoding.empty());
  Result<FeedBody> body = CatalogFeedBody(read_db_, *request, feed, &log_->key(), deflate);
  if (!body.ok()) return FromDbError(body.status());
  HttpResponse r;
  r.content_type = std::move(body->content_type);
  r.station_only = request->binary;
  // Format 2 comes without Content-Type: only a station asks for it, and
  // it reads the format byte (decision 0033).
  if (request->binary && request->answer_format >= kCatalogAnswerCompactFormat) {
    r.content_type.clear();
  }
  r.body = std::move(body->body);
  if (!body->deflated_parts.empty()) {
    r.body_parts = std::move(body->deflated_parts);
    r.headers.emplace_back("Vary", "Accept-Encoding");
    r.headers.emplace_back("Content-Encoding", "deflate");
  } else if (lean && deflate) {
    EncodeResponseBody(r, "deflate");  // as the server would have, had it been named
  }
  return r;
}

HttpResponse HubApi::StationReceipts(const std::string& station, const std::string& query) {
  Status id_ok = ValidateStationId(station);
  if (!id_ok.ok()) return JsonError(400, id_ok.reason(), id_ok.message());
  Result<uint64_t> after = ParseAfter(query);
  if (!after.ok()) return JsonError(400, after.status().reason(), after.status().message());
  std::lock_guard<std::mutex> lock(read_mu_);
  Result<std::optional<StationRecord>> rec = FindStation(read_db_, station);
  if (!rec.ok()) return FromDbError(rec.status());
  if (!*rec) return JsonError(404, "unknown_station", "没有登记过站点 " + station);
  Result<std::vector<AcceptedChangeSet>> list =
      ListChangeSets(read_db_, station, *after, opts_.receipts_page + 1);
  if (!list.ok()) return FromDbError(list.status());
  bool more = list->size() > opts_.receipts_page;
  if (more) list->resize(opts_.receipts_page);
  return StationReceiptsResponse(station, (*rec)->revoked, *list, more);
}

}  // namespace gongkai::hub
