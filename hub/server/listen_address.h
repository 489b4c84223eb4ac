// The --listen flag of the servers (gongkai-hub serve, gongkai-witness
// serve): "127.0.0.1:8443", "[::1]:8443", "0.0.0.0:0" (any free port).
#pragma once

#include <string>

#include "core/base/status.h"
#include "hub/server/server.h"

namespace gongkai::hub {

// Sets opts->host and opts->port; InvalidArgument "bad_listen_address".
Status ParseListen(const std::string& text, ServerOptions* opts);

}  // namespace gongkai::hub
