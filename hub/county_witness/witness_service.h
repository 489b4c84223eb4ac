// The witness's HTTP interface (docs/witness.md), a plain function from
// request to response served by hub/server/server.h:
//
//   POST /add-checkpoint   C2SP tlog-witness (core/witness/add_checkpoint.h)
//   GET  /v1/health        "ok" and the witness's name and key
//   anything else          404 (405 for another method on /add-checkpoint)
#pragma once

#include <cstdint>
#include <string>

#include "hub/county_witness/witness_store.h"
#include "web/http_message.h"

namespace gongkai::witness {

HttpResponse HandleWitnessRequest(WitnessStore& store, const std::string& vkey,
                                  const HttpRequest& req, int64_t now);

}  // namespace gongkai::witness
