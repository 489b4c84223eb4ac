// The frame every page of the clerk's site shares: the HTML document with
// the title, the station's name, the navigation and the embedded style and
// script (assets.h). Pages pass their body as HTML they built with Esc().
#pragma once

#include <string>

namespace gongkai::station::ui {

struct PageFrame {
  std::string title;    // plain text (escaped here)
  std::string station;  // "红旗村 · hongqi-01" (escaped here)
  std::string csrf;     // put in <meta name="csrf-token"> for the script
  std::string nav;      // "catalog", "due", "new", "import": the highlighted link
  std::string base = "/";  // <base href>: "/s/TOKEN/" (every link is relative to it)
};

std::string RenderPage(const PageFrame& frame, const std::string& body_html);

// A small page with one message (errors of the guard, not found, …).
std::string RenderMessagePage(const std::string& title, const std::string& message);

}  // namespace gongkai::station::ui
