// Random (version 4) UUIDs for new catalog rows, lowercase 8-4-4-4-12.
#pragma once

#include <string>

namespace gongkai {

std::string NewUuid();

}  // namespace gongkai
