#include "station/ui/assets.h"

namespace gongkai::station::ui {

std::optional<Asset> FindAsset(std::string_view path) {
  if (path == "/assets/app.css") return Asset{"text/css; charset=utf-8", kAppCss};
  if (path == "/assets/app.js") return Asset{"text/javascript; charset=utf-8", kAppJs};
  if (path == "/favicon.ico" || path == "/assets/icon.svg") return Asset{"image/svg+xml", kIconSvg};
  return std::nullopt;
}

}  // namespace gongkai::station::ui
