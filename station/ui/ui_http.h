// The request and response values of the clerk's page (docs/station-ui.md)
// are the shared ones of web/http_message.h: the page is a function from
// one to the other (ui_app.h) that tests call with no socket; only
// ui_server.cc knows Boost.Beast. A page answers HTML unless it says
// otherwise: start a response with HtmlResponse().
#pragma once

#include "web/http_message.h"

namespace gongkai::station::ui {

using UiRequest = gongkai::HttpRequest;
using UiResponse = gongkai::HttpResponse;

inline constexpr const char* kHtmlType = "text/html; charset=utf-8";

// An empty response of this status, Content-Type text/html.
inline UiResponse HtmlResponse(int status = 200) {
  UiResponse r;
  r.status = status;
  r.content_type = kHtmlType;
  return r;
}

}  // namespace gongkai::station::ui
