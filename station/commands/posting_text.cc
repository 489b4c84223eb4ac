#include "station/commands/posting_text.h"

#include "core/base/hex.h"
#include "station/store/outbox.h"

namespace gongkai::station {

std::string PostingSummary(const PostingOp& op) {
  std::string s = op.period + " · " + op.posted + " 公开于 ";
  for (size_t i = 0; i < op.channels.size(); ++i) s += (i ? "、" : "") + op.channels[i];
  if (!op.display_from.empty()) s += " · 公示 " + op.display_from + " 至 " + op.display_to;
  if (!op.attachments.empty()) s += " · " + std::to_string(op.attachments.size()) + " 个附件";
  if (op.supersedes) s += " · 更正 " + HexEncode(*op.supersedes).substr(0, 16);
  if (!op.note.empty()) s += " · " + op.note;
  return s;
}

std::string PostingStateLabel(const std::string& state) {
  if (state == kPostingRefused) return "镇里拒收";
  std::optional<OutboxState> s = OutboxStateFromName(state);
  if (!s) return state;
  switch (*s) {
    case OutboxState::kSealed:
      return "未发送";
    case OutboxState::kSent:
      return "已发送";
    case OutboxState::kAccepted:
      return "镇里已收到";
    case OutboxState::kRejected:
      return "镇里拒收";
    case OutboxState::kApproved:  // a posting is never approved: shown as stored
      break;
  }
  return state;
}

boost::json::object PostingJson(const StationPosting& p) {
  boost::json::array channels;
  for (const std::string& c : p.op.channels) channels.emplace_back(c);
  boost::json::array attachments;
  for (const AttachmentRef& a : p.op.attachments) {
    attachments.emplace_back(boost::json::object{{"sha256", HexEncode(a.sha256)},
                                                 {"size", a.size},
                                                 {"media_type", a.media_type},
                                                 {"file_name", a.file_name}});
  }
  boost::json::object o{
      {"record_id", HexEncode(p.record_id)},
      {"row_id", p.op.row_id},
      {"period", p.op.period},
      {"posted", p.op.posted},
      {"channels", std::move(channels)},
      {"display_from", p.op.display_from},
      {"display_to", p.op.display_to},
      {"note", p.op.note},
      {"attachments", std::move(attachments)},
      {"supersedes", p.op.supersedes ? boost::json::value(HexEncode(*p.op.supersedes))
                                     : boost::json::value(nullptr)},
      {"seq", p.seq},
      {"state", p.state}};
  if (!p.code.empty()) {
    o["code"] = p.code;
    o["reason"] = p.reason;
  }
  return o;
}

}  // namespace gongkai::station
