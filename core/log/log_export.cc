#include "core/log/log_export.h"

#include "core/codec/wire.h"
#include "core/log/note.h"
#include "core/record/envelope.h"

namespace gongkai {

Bytes EncodeLogExport(const LogExport& e) {
  WireWriter w;
  w.Str(kLogExportMagic);
  w.U16(kLogExportFormat);
  w.Str(e.checkpoint);
  w.U64(e.entries.size());
  for (const Bytes& b : e.entries) w.Blob(b);
  return w.bytes();
}

Result<LogExport> DecodeLogExport(const Bytes& bytes) {
  WireReader r(bytes);
  std::string magic;
  r.Str(&magic, 64, "magic");
  GK_RETURN_IF_ERROR(r.status());
  if (magic != kLogExportMagic) {
    return InvalidArgument("not_log_export", "这不是日志导出文件 (not a gongkai log export)");
  }
  GK_RETURN_IF_ERROR(r.Format({kLogExportFormat}, "不支持的日志导出文件版本 "));
  GK_RETURN_IF_ERROR(r.status());
  LogExport e;
  r.Str(&e.checkpoint, kMaxNoteBytes, "checkpoint");
  uint64_t n = 0;
  // Every entry takes at least its 8-byte length: n cannot exceed that.
  r.Count(&n, UINT64_MAX, 8, "truncated", "日志导出文件不完整 (fewer entries than announced)");
  e.entries.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    Bytes b;
    if (!r.Blob(&b, kMaxEnvelopeBody + 4096, "entry")) break;
    e.entries.push_back(std::move(b));
  }
  GK_RETURN_IF_ERROR(r.Finish());
  return e;
}

}  // namespace gongkai
