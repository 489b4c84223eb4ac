// An in-process town for convergence and bad-input tests: a hub (its
// request → response function HubApi with the real ingest committer, and
// the review functions the CLI calls) and village stations (real station
// stores driven through the real gongkai-station command dispatcher), with
// push and pull going through HubApi::HandleSync instead of sockets. The
// town of real programs is tests/testing/town.h.
#pragma once

#include <gtest/gtest.h>

#include <boost/algorithm/string/predicate.hpp>
#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/codec/deflate.h"
#include "core/crypto/sha256.h"
#include "core/feed/api_paths.h"
#include "hub/admin/admin_signer.h"
#include "hub/admin/init_hub.h"
#include "hub/admin/station_enrollment.h"
#include "hub/api/hub_api.h"
#include "hub/ingest/ingest_queue.h"
#include "hub/review/catalog_feed.h"
#include "hub/store/hub_db.h"
#include "station/app/run.h"
#include "station/store/station_store.h"
#include "station/sync/pull_catalog.h"
#include "station/sync/push_outbox.h"
#include "station/sync/sync_round.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/town.h"

namespace gongkai::testing {

struct Village {
  std::string id;
  std::string unit;
  std::string dir;
};

inline Hash32 HubDigest(const std::string& dir) {
  return TablesDigest(dir + "/hub.db",
                      {"meta", "log_entries", "stations", "changesets", "known_rows", "versions",
                       "approved_rows", "decisions", "resolutions"});
}
inline Hash32 StationDigest(const std::string& dir) {
  return TablesDigest(dir + "/station.db",
                      {"station", "approved_rows", "outbox", "actions", "edits"});
}

class InProcessTown {
 public:
  // The hub log's origin (the checkpoint's first line).
  static constexpr const char* kOrigin = "baofeng.example/gongkai";
  explicit InProcessTown(const std::string& root) : root_(root) {}
  ~InProcessTown() { Close(); }

  // Closes every connection of the hub (as a process exit would).
  void Close() {
    api_.reset();
    if (ingest_) ingest_->Stop();
    ingest_.reset();
    admin_.reset();
    db_.reset();
  }

  void Start() {
    hub::InitOptions opts;
    opts.dir = root_ + "/hub";
    opts.origin = kOrigin;
    opts.admin = "zhang";
    opts.now = 1700000000;
    Result<hub::HubIdentity> id = hub::InitHub(opts);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    identity_ = *id;
    Open();
  }

  // Opens the hub of an existing directory (after Close()).
  void Open() {
    Result<hub::HubDb> db = hub::HubDb::Open(hub_dir() + "/hub.db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::make_unique<hub::HubDb>(std::move(db).value());
    Result<hub::AdminSigner> admin = hub::LoadAdminSigner(*db_, hub::HubPaths{hub_dir()}, "");
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    admin_ = std::make_unique<hub::AdminSigner>(std::move(admin).value());
    auto ingest = hub::IngestQueue::Start(hub_dir() + "/hub.db");
    ASSERT_TRUE(ingest.ok()) << ingest.status().ToString();
    ingest_ = std::move(ingest).value();
    auto api = hub::HubApi::Create(hub_dir() + "/hub.db", ingest_.get());
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
  }

  Village AddVillage(const std::string& id, const std::string& unit) {
    Village v{id, unit, root_ + "/" + id};
    station::InitRequest req;
    req.dir = v.dir;
    req.station_id = id;
    req.unit = unit;
    req.hub.url = "https://127.0.0.1:1";
    req.hub.key = identity_.log_key.ToString();
    req.hub.cert_sha256 = std::string(64, 'a');
    req.now = 1700000000;
    Result<station::StationStore> store = station::StationStore::Init(req);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    Result<uint64_t> enrolled = hub::EnrollStation(
        *db_, *admin_, id, unit, MakeVerifierKey(id, store->info().public_key), 1700000001);
    EXPECT_TRUE(enrolled.ok()) << enrolled.status().ToString();
    return v;
  }

  // gongkai-station ARGS --dir D, in process; the exit status.
  int Cli(const Village& v, std::vector<std::string> args, std::string* out = nullptr) {
    args.push_back("--dir");
    args.push_back(v.dir);
    std::ostringstream o, e;
    int code = station::RunStationCli(args, o, e, station::CliEnv{});
    if (out) *out = o.str();
    EXPECT_EQ(code, 0) << e.str();
    return code;
  }

  HttpResponse Get(const std::string& target) {
    HttpRequest req;
    req.method = "GET";
    req.target = target;
    return api_->HandleSync(req);
  }

  // With feed options set, GET /v1/catalog (and its short poll) is answered
  // by CatalogFeedJson with them (e.g. to force the replay path with small catalogs).
  void SetFeedOptions(hub::FeedOptions opts) { feed_ = opts; }

  station::GetFn Getter(std::string accept_encoding = "") {
    return [this, accept_encoding](const std::string& target) -> Result<station::HttpsResponse> {
      const bool poll = target.starts_with(api_path::kPollPrefix);
      if (feed_ && (poll || target.starts_with("/v1/catalog?since="))) {
        GK_ASSIGN_OR_RETURN(hub::FeedRequest req,
                            poll ? hub::ParsePollPath(target.substr(api_path::kPollPrefix.size()))
                                 : hub::ParseFeedQuery(target.substr(12)));
        // A forced answer is never "nothing new".
        req.if_new = false;
        req.binary = false;
        GK_ASSIGN_OR_RETURN(PrivateKey log_key, PrivateKey::LoadPem(hub_dir() + "/log.key"));
        GK_ASSIGN_OR_RETURN(hub::FeedBody body, hub::CatalogFeedBody(*db_, req, *feed_, &log_key));
        return station::HttpsResponse{200, body.content_type, body.body};
      }
      HttpRequest req;
      req.method = "GET";
      req.target = target;
      req.accept_encoding = accept_encoding;
      HttpResponse r = Received(api_->HandleSync(req), target);
      station::HttpsResponse out{r.status, r.content_type, r.body};
      for (const auto& [name, value] : r.headers) {
        if (name == "Retry-After") out.retry_after = value;
      }
      return out;
    };
  }

  // Get, its body inflated as the station's HTTPS client does when the
  // answer came deflated (a large format-3 answer is, unasked).
  HttpResponse GetInflated(const std::string& target) { return Received(Get(target), target); }

  // An answer as the station's HTTPS client reads it: its pieces
  // (body_parts, a cached snapshot) joined, then inflated if deflated.
  static HttpResponse Received(HttpResponse r, const std::string& target) {
    for (const auto& part : r.body_parts) r.body += *part;
    r.body_parts.clear();
    for (const auto& [name, value] : r.headers) {
      if (name != "Content-Encoding" || value != "deflate") continue;
      Result<std::string> plain = Inflate(r.body, size_t{1} << 30);
      EXPECT_TRUE(plain.ok()) << target;
      r.body = plain.ok() ? *plain : "";
    }
    return r;
  }

  HttpResponse Post(const std::string& target, const std::string& body,
                    const std::string& content_type = "application/octet-stream") {
    HttpRequest req;
    req.method = "POST";
    req.target = target;
    req.content_type = content_type;
    req.body = body;
    return api_->HandleSync(req);
  }

  // What one Sync asked and was told.
  struct SyncSeen {
    std::string push_target;          // empty: nothing was pushed
    std::optional<bool> nothing_new;  // the push's verdict on the poll it named
    std::vector<std::string> pulls;   // the GET targets of the pull
  };

  // One round of the station's own sync (station/sync/sync_round.h), as
  // `gongkai-station sync --no-retry` runs it, its requests answered in
  // process. With feed options set the short push names no poll: forced
  // answers are never "nothing new". A change set refused as a whole is the
  // result; edits held back and refused records are not (the round's
  // outcome tells them to the clerk).
  Status Sync(const Village& v, SyncSeen* seen = nullptr) {
    SyncSeen local;
    Transport transport(this, seen ? seen : &local);
    GK_ASSIGN_OR_RETURN(station::StationStore store, station::StationStore::Open(v.dir));
    station::SyncRoundOptions options;
    options.note = "同步";
    options.policy = station::NoRetries();
    GK_ASSIGN_OR_RETURN(station::SyncRoundResult round,
                        station::RunSyncRound(store, transport, options, 1700000100));
    transport.seen->nothing_new = round.pushed.nothing_new;
    if (round.pushed.refused_whole) return *round.pushed.refused_whole;
    return Status::Ok();
  }

  std::string hub_dir() const { return root_ + "/hub"; }
  hub::HubDb& db() { return *db_; }
  const hub::AdminSigner& admin() const { return *admin_; }
  const hub::HubIdentity& identity() const { return identity_; }
  hub::HubApi& api() { return *api_; }

 private:
  // The station's requests, answered by HubApi::HandleSync as the hub's
  // server hands them over (GETs through Getter, so feed options apply,
  // naming Accept-Encoding as the HTTPS client does); records what Sync
  // reports.
  struct Transport : station::HubTransport {
    Transport(InProcessTown* t, SyncSeen* s) : town(t), seen(s) {}
    Result<station::HttpsResponse> Request(const std::string& method, const std::string& target,
                                           const std::string& content_type, const std::string& body,
                                           const station::HttpHeaders& headers,
                                           bool implied_deflate) override {
      if (method == "GET") {
        seen->pulls.push_back(target);
        return town->Getter(implied_deflate ? "" : "deflate")(target);
      }
      HttpRequest req;
      req.method = method;
      req.target = target;
      if (town->feed_ && target.starts_with(api_path::kShortPush)) {
        req.target = std::string(api_path::kShortPush);
      }
      req.content_type = content_type;
      req.body = body;
      // As hub/server/server.cc: the two the API reads by name, and every
      // Gongkai-* header as sent.
      for (const auto& [name, value] : headers) {
        if (boost::iequals(name, "Gongkai-Station-Key")) req.station_key = value;
        if (boost::iequals(name, "Gongkai-Station-Unit")) req.station_unit = value;
        if (name.size() > 8 && boost::iequals(name.substr(0, 8), "Gongkai-")) {
          req.gongkai_headers.emplace_back(name, value);
        }
      }
      if (target.starts_with(api_path::kShortPush) || target.starts_with(api_path::kChangeSets)) {
        seen->push_target = req.target;  // as the hub saw it
      }
      HttpResponse r = Received(town->api_->HandleSync(req), target);
      station::HttpsResponse out{r.status, r.content_type, r.body};
      for (const auto& [name, value] : r.headers) {
        if (name == "Retry-After") out.retry_after = value;
      }
      return out;
    }
    station::HttpsStats Stats() const override { return {}; }
    std::optional<std::string> FollowedAnnouncement() const override { return std::nullopt; }
    InProcessTown* town;
    SyncSeen* seen;
  };

  std::string root_;
  hub::HubIdentity identity_;
  std::unique_ptr<hub::HubDb> db_;
  std::unique_ptr<hub::AdminSigner> admin_;
  std::unique_ptr<hub::IngestQueue> ingest_;
  std::unique_ptr<hub::HubApi> api_;
  std::optional<hub::FeedOptions> feed_;
};

}  // namespace gongkai::testing
