#include "core/base/http_status.h"

namespace gongkai {

int HttpStatusFor(Code code, HttpSubject subject) {
  const bool item = subject == HttpSubject::kBodyItem;
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return item ? 422 : 400;
    case Code::kNotFound:
      return item ? 422 : 404;
    case Code::kAlreadyExists:
    case Code::kFailedPrecondition:
    case Code::kAborted:
      return 409;
    case Code::kPermissionDenied:
      return 403;
    case Code::kUnauthenticated:
      return 401;
    case Code::kResourceExhausted:
      return item ? 422 : 413;
    case Code::kUnavailable:
      return 503;
    case Code::kDataLoss:
      return item ? 400 : 500;
    case Code::kInternal:
      break;
  }
  return 500;
}

}  // namespace gongkai
