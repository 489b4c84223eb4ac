// The web pages' only asset, embedded in the binary: the style sheet,
// served at kStylePath. No scripts, fonts or images; nothing is fetched
// from anywhere else (Content-Security-Policy default-src 'self').
// Layout: readable at 1366×768; below 720 px wide, tables turn into one
// card per row (each cell labelled from its data-label attribute).
#pragma once

#include <string_view>

namespace gongkai::hub::web {

inline constexpr std::string_view kStylePath = "/static/hub.css";
extern const std::string_view kStyleSheet;

}  // namespace gongkai::hub::web
