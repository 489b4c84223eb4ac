#include "station/ui/form_data.h"

#include "core/text/html.h"

namespace gongkai::station::ui {

std::string PercentDecode(std::string_view text, bool plus_is_space) {
  return UrlDecode(text, plus_is_space);
}

}  // namespace gongkai::station::ui
