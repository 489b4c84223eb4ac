#include "core/xlsx/xml_stream.h"

#include <expat.h>

#include <climits>

namespace gongkai {
namespace {

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

void OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* h = static_cast<XmlHandler*>(data);
  if (h->error.ok()) h->Start(LocalName(name), attrs);
}

void OnEnd(void* data, const XML_Char* name) {
  auto* h = static_cast<XmlHandler*>(data);
  if (h->error.ok()) h->End(LocalName(name));
}

void OnText(void* data, const XML_Char* s, int len) {
  auto* h = static_cast<XmlHandler*>(data);
  if (h->error.ok()) h->Text(std::string_view(s, static_cast<size_t>(len)));
}

void OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* h = static_cast<XmlHandler*>(data);
  h->error = InvalidArgument("corrupt_workbook",
                             "工作簿里有不允许的 XML 文档类型声明 (DOCTYPE)；"
                             "请在 Excel/WPS 里另存为 .xlsx 后再导入 (corrupt workbook)");
}

}  // namespace

const char* Attr(const char** attrs, std::string_view name) {
  for (size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (LocalName(attrs[i]) == name) return attrs[i + 1];
  }
  return nullptr;
}

XmlStream::XmlStream(XmlHandler* handler, std::string part)
    : parser_(XML_ParserCreate("UTF-8")), handler_(handler), part_(std::move(part)) {
  XML_SetUserData(parser_, handler_);
  XML_SetElementHandler(parser_, OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser_, OnText);
  XML_SetStartDoctypeDeclHandler(parser_, OnDoctype);
}

XmlStream::~XmlStream() { XML_ParserFree(parser_); }

Status XmlStream::Feed(std::string_view piece, bool last) {
  while (!piece.empty() || last) {
    size_t n = std::min(piece.size(), static_cast<size_t>(INT_MAX / 2));
    XML_Status st =
        XML_Parse(parser_, piece.data(), static_cast<int>(n), last && n == piece.size());
    if (!handler_->error.ok()) return handler_->error;
    if (st != XML_STATUS_OK) {
      return InvalidArgument(
          "corrupt_workbook",
          "工作簿部件 " + part_ + " 不是正确的 XML（第 " +
              std::to_string(XML_GetCurrentLineNumber(parser_)) +
              " 行: " + XML_ErrorString(XML_GetErrorCode(parser_)) +
              "）；请在 Excel/WPS 里重新打开并另存为 .xlsx 后再导入 (corrupt workbook)");
    }
    piece.remove_prefix(n);
    if (piece.empty()) break;
  }
  return Status::Ok();
}

}  // namespace gongkai
