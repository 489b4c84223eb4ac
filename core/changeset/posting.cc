#include "core/changeset/posting.h"

#include <set>

#include "core/catalog/validate.h"
#include "core/codec/wire.h"
#include "core/crypto/sha256.h"
#include "core/deadline/date.h"

namespace gongkai {
namespace {

// Byte bounds while reading: 4 bytes per code point at most.
constexpr size_t kMaxDateBytes = 10;

Status CheckDate(const std::string& text, const char* what) {
  Result<deadline::Date> d = deadline::ParseIsoDate(text);
  if (!d.ok()) {
    return InvalidArgument("bad_date", std::string(what) + " 不是 YYYY-MM-DD 形式的日期: " + text,
                           what);
  }
  return Status::Ok();
}

bool MediaTypeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-';
}

Status CheckMediaType(const std::string& t) {
  size_t slash = t.find('/');
  bool ok = slash != std::string::npos && slash > 0 && slash + 1 < t.size() &&
            t.size() <= kMaxMediaTypeChars;
  for (size_t i = 0; ok && i < t.size(); ++i) ok = i == slash || MediaTypeChar(t[i]);
  if (!ok) {
    return InvalidArgument("bad_media_type", "附件类型应为 image/jpeg 这样的写法: " + t,
                           "media_type");
  }
  return Status::Ok();
}

Status CheckFileName(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\\') != std::string::npos) {
    return InvalidArgument("bad_file_name", "附件文件名不能为空，也不能含目录: " + name,
                           "file_name");
  }
  Status s = ValidateText(name, kMaxFileNameChars, false, "file_name");
  if (!s.ok()) return Status(s.code(), "bad_file_name", s.message(), "file_name");
  return Status::Ok();
}

}  // namespace

void EncodePostingFields(WireWriter& w, const PostingOp& p) {
  w.Put(p.row_id, p.period, p.posted, p.channels, p.display_from, p.display_to, p.note);
  w.U64(p.attachments.size());
  for (const AttachmentRef& a : p.attachments) w.Put(a.sha256, a.size, a.media_type, a.file_name);
  w.Bool(p.supersedes.has_value());
  if (p.supersedes) w.Fixed(*p.supersedes);
}

bool DecodePostingFields(WireReader& r, PostingOp* p) {
  uint64_t channels = 0;
  if (!r.Str(&p->row_id, 64, "row_id") || !r.Str(&p->period, kMaxPeriodChars * 4, "period") ||
      !r.Str(&p->posted, kMaxDateBytes, "posted") || !r.U64(&channels)) {
    return false;
  }
  if (channels > kMaxPostingChannels) {
    r.Fail(InvalidArgument("too_many_channels",
                           "公开渠道最多 " + std::to_string(kMaxPostingChannels) + " 个",
                           "channels"));
    return false;
  }
  p->channels.resize(static_cast<size_t>(channels));
  for (std::string& c : p->channels) {
    if (!r.Str(&c, kMaxChannelChars * 4, "channel")) return false;
  }
  uint64_t attachments = 0;
  if (!r.Str(&p->display_from, kMaxDateBytes, "display_from") ||
      !r.Str(&p->display_to, kMaxDateBytes, "display_to") ||
      !r.Str(&p->note, kMaxPostingNoteChars * 4, "note") || !r.U64(&attachments)) {
    return false;
  }
  if (attachments > kMaxPostingAttachments) {
    r.Fail(InvalidArgument("too_many_attachments",
                           "附件最多 " + std::to_string(kMaxPostingAttachments) + " 个",
                           "attachments"));
    return false;
  }
  p->attachments.resize(static_cast<size_t>(attachments));
  for (AttachmentRef& a : p->attachments) {
    if (!r.Fixed(&a.sha256) || !r.U64(&a.size) ||
        !r.Str(&a.media_type, kMaxMediaTypeChars, "media_type") ||
        !r.Str(&a.file_name, kMaxFileNameChars * 4, "file_name")) {
      return false;
    }
  }
  bool has_supersedes = false;
  if (!r.Bool(&has_supersedes)) return false;
  if (has_supersedes) {
    Hash32 h{};
    if (!r.Fixed(&h)) return false;
    p->supersedes = h;
  }
  return true;
}

Status ValidatePosting(const PostingOp& p) {
  GK_RETURN_IF_ERROR(ValidateRowId(p.row_id));
  if (p.period.empty()) {
    return InvalidArgument("empty_period", "请写明这次公开所属的期间，如 2026年11月", "period");
  }
  GK_RETURN_IF_ERROR(ValidateText(p.period, kMaxPeriodChars, false, "period"));
  GK_RETURN_IF_ERROR(CheckDate(p.posted, "posted"));
  if (p.display_from.empty() != p.display_to.empty()) {
    return InvalidArgument("bad_display_period", "公示期要同时写开始和结束日期", "display_from");
  }
  if (!p.display_from.empty()) {
    GK_RETURN_IF_ERROR(CheckDate(p.display_from, "display_from"));
    GK_RETURN_IF_ERROR(CheckDate(p.display_to, "display_to"));
    if (p.display_to < p.display_from) {  // ISO dates order as text
      return InvalidArgument("bad_display_period", "公示期的结束日期早于开始日期", "display_to");
    }
  }
  if (p.channels.empty()) {
    return InvalidArgument("no_channel", "请写明在哪个公开渠道公开的", "channels");
  }
  if (p.channels.size() > kMaxPostingChannels) {
    return InvalidArgument("too_many_channels", "公开渠道太多", "channels");
  }
  std::set<std::string> seen;
  for (const std::string& c : p.channels) {
    if (c.empty()) return InvalidArgument("no_channel", "公开渠道不能为空", "channels");
    GK_RETURN_IF_ERROR(ValidateText(c, kMaxChannelChars, false, "channel"));
    if (!seen.insert(c).second) {
      return InvalidArgument("duplicate_channel", "公开渠道重复: " + c, "channels");
    }
  }
  GK_RETURN_IF_ERROR(ValidateText(p.note, kMaxPostingNoteChars, true, "note"));
  if (p.attachments.size() > kMaxPostingAttachments) {
    return InvalidArgument("too_many_attachments", "附件太多", "attachments");
  }
  for (const AttachmentRef& a : p.attachments) {
    if (a.size == 0) return InvalidArgument("empty_attachment", "附件是空文件", "attachments");
    GK_RETURN_IF_ERROR(CheckMediaType(a.media_type));
    GK_RETURN_IF_ERROR(CheckFileName(a.file_name));
  }
  return Status::Ok();
}

Hash32 PostingRecordId(const Hash32& changeset_id, uint64_t op_index) {
  uint8_t buf[40];
  for (size_t i = 0; i < 32; ++i) buf[i] = changeset_id[i];
  StoreLe64(buf + 32, op_index);
  return Sha256(buf, sizeof buf);
}

}  // namespace gongkai
