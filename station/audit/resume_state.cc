#include "station/audit/resume_state.h"

#include <sys/stat.h>

#include <algorithm>

#include "core/codec/wire.h"
#include "core/crypto/sha256.h"
#include "core/log/note.h"
#include "core/store/atomic_file.h"

namespace gongkai::station {
namespace {

constexpr size_t kMaxVerifierState = size_t{1} << 31;

}  // namespace

Bytes EncodeResumeState(const ResumeState& s) {
  WireWriter w;
  w.Put(kResumeMagic, kResumeFormat, s.hub_key, s.accepted, s.target, s.verifier, s.leaves);
  Bytes out = w.bytes();
  Hash32 sum = Sha256(out);
  out.insert(out.end(), sum.begin(), sum.end());
  return out;
}

Result<ResumeState> DecodeResumeState(const Bytes& bytes) {
  WireReader r(bytes);
  std::string magic;
  r.Str(&magic, 64, "magic");
  GK_RETURN_IF_ERROR(r.status());
  if (magic != kResumeMagic) {
    return InvalidArgument("not_audit_state", "这不是 gongkai-audit 的核验进度文件");
  }
  GK_RETURN_IF_ERROR(r.Format({kResumeFormat}, "不支持的核验进度文件版本 "));
  GK_RETURN_IF_ERROR(r.status());
  if (bytes.size() < 32) return DataLoss("truncated", "核验进度文件不完整");
  Hash32 sum = Sha256(bytes.data(), bytes.size() - 32);
  if (!std::equal(sum.begin(), sum.end(), bytes.end() - 32)) {
    return DataLoss("state_corrupt", "核验进度文件已损坏（校验和不符），请删除后重新核验");
  }
  ResumeState s;
  r.Str(&s.hub_key, 4096, "hub_key");
  r.Str(&s.accepted, kMaxNoteBytes, "accepted");
  r.Str(&s.target, kMaxNoteBytes, "target");
  r.Blob(&s.verifier, kMaxVerifierState, "verifier");
  uint64_t n = 0;
  r.Count(&n, UINT64_MAX, 32, "truncated", "核验进度文件不完整");
  s.leaves.resize(n);
  for (Hash32& h : s.leaves) r.Fixed(&h);
  Hash32 stored;
  r.Fixed(&stored);
  GK_RETURN_IF_ERROR(r.Finish());
  return s;
}

Result<std::optional<ResumeState>> LoadResumeState(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::optional<ResumeState>();
  GK_ASSIGN_OR_RETURN(std::string text, ReadFile(path, size_t{4} << 30));
  Result<ResumeState> s = DecodeResumeState(Bytes(text.begin(), text.end()));
  if (!s.ok()) {
    // The one line names the file and what to do, whatever the decoder found.
    const Status& e = s.status();
    return Status(e.code(), e.reason(),
                  "核验进度文件 " + path + " 无法使用（" + e.message() +
                      "）；它若不是 gongkai-audit 写的，请换一个 --state 文件名；若已损坏，"
                      "删除它后重新核验 (unusable --state file)");
  }
  return std::optional<ResumeState>(std::move(s).value());
}

Status SaveResumeState(const std::string& path, const ResumeState& s) {
  Bytes b = EncodeResumeState(s);
  return WriteFileAtomic(path, std::string_view(reinterpret_cast<const char*>(b.data()), b.size()),
                         0600);
}

}  // namespace gongkai::station
