#include "hub/web/posting_html.h"

#include "core/base/hex.h"
#include "core/deadline/date.h"
#include "core/feed/api_paths.h"
#include "hub/web/html.h"
#include "hub/web/row_html.h"

namespace gongkai::hub::web {
namespace {

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "、") + p;
  return out;
}

std::string AttachmentsHtml(const std::vector<AttachmentRef>& refs) {
  if (refs.empty()) return "<span class=\"meta\">(无)</span>";
  std::string out = "<div class=\"photos\">";
  for (const AttachmentRef& a : refs) {
    const std::string url = std::string(api_path::kAttachmentsPrefix) + HexEncode(a.sha256);
    if (a.media_type.starts_with("image/")) {
      out += "<a href=\"" + url + "\" class=\"photo\"><img src=\"" + url + "\" alt=\"" +
             Esc(a.file_name) + "\" loading=\"lazy\" data-sha256=\"" + HexEncode(a.sha256) +
             "\"></a>";
    } else {
      out += "<a href=\"" + url + "\" class=\"file\" data-sha256=\"" + HexEncode(a.sha256) + "\">" +
             Esc(a.file_name) + "（" +
             Esc(a.media_type == "application/pdf" ? std::string("PDF") : a.media_type) + "）</a>";
    }
  }
  return out + "</div>";
}

}  // namespace

std::string LatestPostingsHtml(const std::vector<StoredPosting>& records) {
  std::string out = "<section class=\"card\" id=\"postings\"><h3>最近的公开记录</h3>";
  if (records.empty()) {
    return out + "<p class=\"meta\">村里还没有报来这个条目的公开记录。</p></section>";
  }
  out +=
      "<p class=\"meta\">村里报来的公开记录（村里自己的陈述，镇里收到的时间记入签名日志）；"
      "被更正的旧记录不再显示。点照片看原图。</p><table class=\"rows postings\"><thead><tr>"
      "<th>期间</th><th>公开日期</th><th>公开渠道</th><th>公示期</th><th>说明</th><th>照片和文件"
      "</th><th>镇里收到</th></tr></thead><tbody>";
  for (const StoredPosting& p : records) {
    const PostingOp& op = p.op;
    std::string display = op.display_from.empty()
                              ? std::string("<span class=\"meta\">(未填)</span>")
                              : Esc(op.display_from) + " 至 " + Esc(op.display_to);
    out +=
        "<tr class=\"posting\" data-record=\"" + HexEncode(p.record_id) + "\">" +
        CellHtml("期间", Esc(op.period)) + CellHtml("公开日期", Esc(op.posted)) +
        CellHtml("公开渠道", Esc(Joined(op.channels))) + CellHtml("公示期", display) +
        CellHtml("说明", op.note.empty() ? std::string() : Esc(op.note)) +
        CellHtml("照片和文件", AttachmentsHtml(op.attachments)) +
        CellHtml("镇里收到", Esc(deadline::FormatIsoDate(deadline::DateInChina(p.received_at))) +
                                 "<br><span class=\"meta\">日志第 " + std::to_string(p.log_index) +
                                 " 条 · " + Esc(p.station) + "</span>") +
        "</tr>";
  }
  return out + "</tbody></table></section>";
}

std::string LatestPostingSummaryHtml(const std::vector<StoredPosting>& records) {
  if (records.empty()) return "<span class=\"meta\">暂无记录</span>";
  const StoredPosting& p = records.front();
  std::string photos;
  if (!p.op.attachments.empty()) {
    photos = " · " + std::to_string(p.op.attachments.size()) + " 个附件";
  }
  return Esc(p.op.period) + "<br><span class=\"meta\">" + Esc(p.op.posted) + " 公开" + photos +
         "</span>";
}

}  // namespace gongkai::hub::web
