// Plain HTTP request and response values of both programs: the hub's API
// and pages (hub/api/hub_api.h, hub/web/web_app.h) and the clerk's page
// (station/ui/ui_app.h) are functions from one to the other that tests
// call with no socket; only the servers (hub/server/server.cc,
// station/ui/ui_server.cc) know Boost.Beast. Each server fills the headers
// its handler reads; the others stay empty.
#pragma once

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongkai {

struct HttpRequest {
  std::string method;        // "GET", "POST", ...
  std::string target;        // path and query, e.g. "/v1/stations/a/receipts?after=3"
  std::string content_type;  // the Content-Type header, as sent
  std::string body;
  // The peer's address: "ip:port" from the hub (request log, sign-in rate
  // limit of hub/web), the IP alone from the clerk's page (loopback check;
  // empty in tests = loopback).
  std::string remote;
  std::string cookie;     // the Cookie header (sessions of both pages)
  std::string host = {};  // the Host header, as sent (shown back only, escaped)
  // The clerk's page (station/ui/ui_guard.h): where a form came from and
  // its X-CSRF-Token header; empty when absent.
  std::string origin = {};
  std::string referer = {};
  std::string csrf_header = {};
  // Content coding (hub/api/content_coding.h): the server inflates a
  // deflated body before the API sees it, so `body` is always the plain
  // bytes; these keep the headers as sent.
  std::string content_encoding = {};  // the Content-Encoding header
  std::string accept_encoding = {};   // the Accept-Encoding header
  // POST /v1/changesets: what a station says of itself, used only to record
  // an attempt of a station that is not enrolled (docs/http-api.md).
  std::string station_key = {};   // the Gongkai-Station-Key header
  std::string station_unit = {};  // the Gongkai-Station-Unit header (percent-encoded)
  // Every other Gongkai-* header as sent (attachment chunks,
  // docs/formats/attachment-upload.md).
  std::vector<std::pair<std::string, std::string>> gongkai_headers = {};
  std::string if_none_match = {};  // the If-None-Match header

  // The Gongkai-* header `name` (case-insensitive), or "".
  std::string GongkaiHeader(std::string_view name) const {
    for (const auto& [n, v] : gongkai_headers) {
      if (n.size() == name.size() &&
          std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
          })) {
        return v;
      }
    }
    return {};
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // Instead of `body`: shared pieces written one after another with no
  // copy (a cached catalog snapshot, hub/review/catalog_feed.h), already
  // content-coded by whoever built them (their headers say how).
  std::vector<std::shared_ptr<const std::string>> body_parts = {};
  // Instead of `body`: a file streamed from disk in pieces (an attachment,
  // hub/attachments/attachment_api.h); never content-coded.
  std::string body_file = {};
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string error_code;  // the JSON error code, if any (for the request log)
  // An answer only a station asks for (a binary catalog answer, compact
  // receipts): the hub sends it without the headers meant for browsers and
  // caches (Server, Cache-Control, X-Content-Type-Options, Vary; decision
  // 0023). Every other answer has them, with or without a Content-Type.
  bool station_only = false;
};

}  // namespace gongkai
