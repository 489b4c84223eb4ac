// Decoding what a browser sends: the shared web layer (web/form_data.h),
// under the names the station's page uses.
#pragma once

#include <string>
#include <string_view>

#include "web/form_data.h"

namespace gongkai::station::ui {

using ::gongkai::FormData;
using ::gongkai::SplitTarget;

std::string PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace gongkai::station::ui
