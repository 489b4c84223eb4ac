#include "hub/county_witness/witness_service.h"

namespace gongkai::witness {
namespace {

HttpResponse Text(int status, const std::string& body, const std::string& reason = {}) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = body;
  r.error_code = reason;
  return r;
}

}  // namespace

HttpResponse HandleWitnessRequest(WitnessStore& store, const std::string& vkey,
                                  const HttpRequest& req, int64_t now) {
  const std::string path = req.target.substr(0, req.target.find('?'));
  if (path == "/add-checkpoint") {
    if (req.method != "POST") {
      HttpResponse r =
          Text(405, "只接受 POST (POST only) [method_not_allowed]\n", "method_not_allowed");
      r.headers.emplace_back("Allow", "POST");
      return r;
    }
    SubmitAnswer a = store.AddCheckpoint(req.body, now);
    HttpResponse r = Text(a.status, a.body, a.reason);
    r.content_type = a.content_type;
    if (a.status == 503) r.headers.emplace_back("Retry-After", "5");
    return r;
  }
  if (path == "/v1/health" && req.method == "GET") {
    return Text(200, "ok\n" + store.name() + "\n" + vkey + "\n");
  }
  return Text(404, "没有这个地址 (not found) [not_found]\n", "not_found");
}

}  // namespace gongkai::witness
