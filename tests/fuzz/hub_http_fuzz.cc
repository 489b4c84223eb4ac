// Fuzz target: the hub's HTTP request handling (hub/api/hub_api.h,
// HubApi::HandleSync — every endpoint of docs/http-api.md, no sockets) over
// a real hub database made once in LLVMFuzzerInitialize: `gongkai-hub init`
// (InitHub) in a temporary directory (/dev/shm when there is one), stations
// hongqi-01 (红旗村) and dongfeng-01 (东风村) enrolled with the keys of
// sample_log.h KeyFor, an ingest committer and the request handler.
//
// Input: byte 0 chooses the request shape.
//   bit 3 clear: method = kMethods[byte0 & 7]; then the target up to the
//                first "\n", the Content-Type up to the next "\n", and the
//                rest is the body.
//   bit 3 set:   the rest is a change set body, signed by KeyFor(its
//                station) (hongqi-01 if it does not decode) into an
//                envelope, posted as a batch of one to /v1/changesets — so
//                mutated change sets pass the signature check and reach
//                ingest (chains, units, merge, receipts).
//
// Properties: the status is a known HTTP status; a JSON answer is valid
// JSON; an error answer (status >= 400) carries {"error":{"code",...}}; no
// answer is 500 (internal) — bad input must get a specific 4xx error.
//
// The database keeps what was accepted between runs (as a real hub does),
// so a finding may need the runs before it; the crash file alone
// reproduces most findings.
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "core/changeset/changeset.h"
#include "core/crypto/verifier_key.h"
#include "core/record/envelope.h"
#include "core/record/envelope_batch.h"
#include "hub/admin/admin_signer.h"
#include "hub/admin/init_hub.h"
#include "hub/admin/station_enrollment.h"
#include "hub/api/hub_api.h"
#include "hub/ingest/ingest_queue.h"
#include "hub/store/hub_db.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/sample_log.h"

using namespace gongkai;
using namespace gongkai::hub;

namespace {

const char* const kMethods[8] = {"GET", "POST", "GET", "POST", "HEAD", "PUT", "DELETE", ""};

struct Hub {
  std::string dir;
  std::unique_ptr<IngestQueue> ingest;
  std::unique_ptr<HubApi> api;
};
Hub* g_hub = nullptr;

void Die(const std::string& what, const Status& s) {
  std::fprintf(stderr, "hub_http_fuzz set-up: %s: %s\n", what.c_str(), s.ToString().c_str());
  std::abort();
}

void RemoveHub() {
  if (!g_hub) return;
  g_hub->api.reset();
  if (g_hub->ingest) g_hub->ingest->Stop();
  std::error_code ec;
  std::filesystem::remove_all(g_hub->dir, ec);
}

std::string TakeLine(std::string_view& rest) {
  size_t nl = rest.find('\n');
  std::string line(rest.substr(0, nl));
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

void CheckResponse(const HttpResponse& r) {
  FUZZ_CHECK(r.status >= 200 && r.status <= 599, "status " + std::to_string(r.status));
  FUZZ_CHECK(r.status != 500, "internal error: " + r.body);
  if (r.content_type.starts_with("application/json")) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(r.body, ec);
    FUZZ_CHECK(!ec, "invalid JSON answer: " + r.body.substr(0, 200));
    if (r.status >= 400) {
      const boost::json::object* o = v.if_object();
      const boost::json::value* err = o ? o->if_contains("error") : nullptr;
      FUZZ_CHECK(err && err->is_object() && err->as_object().contains("code"),
                 "error answer without error.code: " + r.body.substr(0, 200));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
  std::string templ = std::string(base) + "/gongkai-fuzz-hub-XXXXXX";
  if (!mkdtemp(templ.data())) std::abort();
  g_hub = new Hub;
  g_hub->dir = templ;
  std::atexit(RemoveHub);

  InitOptions opts;
  opts.dir = templ + "/hub";
  opts.origin = fuzz::kOrigin;
  opts.admin = fuzz::kAdmin;
  opts.now = 1764288000;
  if (Result<HubIdentity> id = InitHub(opts); !id.ok()) Die("init", id.status());
  HubPaths paths{opts.dir};
  {
    Result<HubDb> db = HubDb::Open(paths.db());
    if (!db.ok()) Die("open", db.status());
    Result<AdminSigner> admin = LoadAdminSigner(*db, paths, "");
    if (!admin.ok()) Die("admin", admin.status());
    for (const char* st : {"hongqi-01", "dongfeng-01"}) {
      std::string unit = std::string(st) == "hongqi-01" ? "红旗村" : "东风村";
      Result<uint64_t> r = EnrollStation(
          *db, *admin, st, unit, MakeVerifierKey(st, fuzz::KeyFor(st).public_key()), 1764288001);
      if (!r.ok()) Die("enroll", r.status());
    }
  }
  Result<std::unique_ptr<IngestQueue>> ingest = IngestQueue::Start(paths.db());
  if (!ingest.ok()) Die("ingest", ingest.status());
  g_hub->ingest = std::move(ingest).value();
  ApiOptions api_opts;
  api_opts.max_changesets_per_request = 50;
  api_opts.receipts_page = 20;
  Result<std::unique_ptr<HubApi>> api = HubApi::Create(paths.db(), g_hub->ingest.get(), api_opts);
  if (!api.ok()) Die("api", api.status());
  g_hub->api = std::move(api).value();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  HttpRequest req;
  req.remote = "127.0.0.1";
  std::string_view rest = fuzz::InputText(data + 1, size - 1);
  if (data[0] & 8) {
    Bytes body(rest.begin(), rest.end());
    Result<ChangeSet> cs = DecodeChangeSet(body);
    std::string signer = cs.ok() ? cs->station : "hongqi-01";
    Envelope env = SignEnvelope(EnvelopeKind::kChangeSet, signer, body, fuzz::KeyFor(signer));
    Bytes batch = EncodeEnvelopeBatch({EncodeEnvelope(env)});
    req.method = "POST";
    req.target = "/v1/changesets";
    req.content_type = "application/octet-stream";
    req.body.assign(batch.begin(), batch.end());
  } else {
    req.method = kMethods[data[0] & 7];
    req.target = TakeLine(rest);
    req.content_type = TakeLine(rest);
    req.body = std::string(rest);
  }
  CheckResponse(g_hub->api->HandleSync(req));
  return 0;
}
