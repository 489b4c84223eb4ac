// One table from Code to HTTP status for every server (the hub's API and
// pages, the station's pages); docs/http-api.md § Errors and decision 0024.
//
// The Code says what the caller should do next; the HTTP status says the
// same to a client:
//
//   code                 request   body item
//   kOk                  200       200
//   kInvalidArgument     400       422
//   kNotFound            404       422
//   kAlreadyExists       409       409
//   kFailedPrecondition  409       409
//   kAborted             409       409
//   kPermissionDenied    403       403
//   kUnauthenticated     401       401
//   kResourceExhausted   413       422
//   kUnavailable         503       503
//   kDataLoss            500       400
//   kInternal            500       500
//
// "request" is a failure of the request itself: a form value, the thing its
// path names, the server's own store (kDataLoss there is the server's damage,
// 500). "body item" is the refusal of one element inside a well-formed
// request body — a change set of an upload: the request was understood, the
// element is not acceptable (422), a row it names is unknown (422, not 404:
// the path exists), its bytes are malformed (kDataLoss, 400).
#pragma once

#include "core/base/status.h"

namespace gongkai {

enum class HttpSubject {
  kRequest,   // the request, its path or its form, or the server's store
  kBodyItem,  // one element of a well-formed request body
};

int HttpStatusFor(Code code, HttpSubject subject = HttpSubject::kRequest);
inline int HttpStatusFor(const Status& s, HttpSubject subject = HttpSubject::kRequest) {
  return HttpStatusFor(s.code(), subject);
}

}  // namespace gongkai
