// The page's static files, embedded in the binary as raw string literals
// (assets_css.cc, assets_js.cc): nothing is fetched from outside, no CDN,
// no framework — a stylesheet and a small script.
#pragma once

#include <optional>
#include <string_view>

namespace gongkai::station::ui {

struct Asset {
  std::string_view content_type;
  std::string_view body;
};

// "/assets/app.css", "/assets/app.js", "/assets/icon.svg" (also answered
// for /favicon.ico); nullopt for anything else.
std::optional<Asset> FindAsset(std::string_view path);

extern const std::string_view kAppCss;
extern const std::string_view kAppJs;
extern const std::string_view kIconSvg;

}  // namespace gongkai::station::ui
