// The HTTP answer to a failure of the hub's own store while serving a
// request (docs/http-api.md § Errors), for every room that serves:
//   Unavailable                      503 with its reason, Retry-After: 1;
//   db_corrupt, log_entry_missing,   500 with that reason as the code — the
//   merkle_node_missing              store is damaged; stations report it as
//                                    hub_damaged (station/sync/hub_error.h);
//   anything else                    500 "internal".
#pragma once

#include "core/base/status.h"
#include "web/http_message.h"

namespace gongkai::hub {

HttpResponse StoreErrorResponse(const Status& s);

}  // namespace gongkai::hub
