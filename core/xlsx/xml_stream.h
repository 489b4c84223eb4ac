// A streaming XML reader over expat for the parts of an .xlsx workbook.
// Element names are given without their namespace prefix ("x:row" → "row"),
// as SpreadsheetML parts may be written with or without one. A document
// type declaration is refused (no entity tricks), and expat's own limits
// against entity expansion stay on.
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"

typedef struct XML_ParserStruct* XML_Parser;

namespace gongkai {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // attrs: name, value, name, value, …, nullptr (names without prefix are
  // looked up with Attr).
  virtual void Start(std::string_view name, const char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view text) = 0;

  // Set by a handler to stop parsing with this error.
  Status error;
};

// The value of attribute `name` (compared without prefix), or nullptr.
const char* Attr(const char** attrs, std::string_view name);

class XmlStream {
 public:
  XmlStream(XmlHandler* handler, std::string part);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Feeds the next piece; `last` after the final piece. corrupt_workbook
  // on malformed XML, or the handler's error.
  Status Feed(std::string_view piece, bool last);

 private:
  XML_Parser parser_;
  XmlHandler* handler_;
  std::string part_;
};

}  // namespace gongkai
