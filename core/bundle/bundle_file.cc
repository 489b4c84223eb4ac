#include "core/bundle/bundle_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "core/store/atomic_file_writer.h"

namespace gongkai {
namespace {

constexpr size_t kDigestBytes = 32;
constexpr size_t kPiece = 64u << 10;
constexpr uint64_t kMaxMediaTypeBytes = 64;

void PutU64(std::string& out, uint64_t v) {
  uint8_t le[8];
  StoreLe64(le, v);
  out.append(reinterpret_cast<const char*>(le), sizeof le);
}

std::string_view AsView(const Bytes& b) {
  return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

Status Truncated(size_t have, size_t want) {
  return DataLoss("bundle_truncated",
                  "U盘文件不完整（只有 " + std::to_string(have) + " 字节，应有 " +
                      std::to_string(want) +
                      " 字节），可能没有复制完或被提前拔出；请重新导出、复制 (bundle truncated)");
}

Status Corrupt(const std::string& why) {
  return DataLoss("bundle_corrupt",
                  "U盘文件已损坏或被改动 (" + why + ")，未采用；请重新导出、复制 (bundle corrupt)");
}

Status HashMismatch(const Hash32& sha, const std::string& why) {
  return DataLoss("attachment_hash_mismatch",
                  "附件 " + HexEncode(sha).substr(0, 12) + " 的内容与它的 SHA-256 不符 (" + why +
                      ")，未采用；请在村站重新导出 (attachment hash mismatch)");
}

// The checks the HTTP upload path applies to a whole attachment
// (hub/attachments/attachment_store.cc), then its name.
Status CheckBundledAttachment(const AttachmentInfo& a, std::string_view head,
                              const Hash32& computed) {
  GK_RETURN_IF_ERROR(CheckAttachmentSize(a.size));
  GK_RETURN_IF_ERROR(CheckDeclaredType(a.media_type, head));
  if (computed != a.sha256) return HashMismatch(a.sha256, "SHA-256 mismatch");
  return Status::Ok();
}

}  // namespace

const char* BundleKindName(BundleKind kind) {
  return kind == BundleKind::kChangeSets ? "changesets" : "catalog";
}

Bytes SealBundle(BundleKind kind, const Bytes& payload) {
  Bytes out(kBundleMagic.begin(), kBundleMagic.end());
  out.push_back(kBundleFormat);
  out.push_back(static_cast<uint8_t>(kind));
  out.resize(out.size() + 8);
  StoreLe64(out.data() + out.size() - 8, payload.size());
  out.insert(out.end(), payload.begin(), payload.end());
  Hash32 digest = Sha256(out);
  out.insert(out.end(), digest.begin(), digest.end());
  return out;
}

Result<Bytes> OpenBundle(const Bytes& file, BundleKind expected) {
  GK_ASSIGN_OR_RETURN(
      std::unique_ptr<BundleReader> r,
      BundleReader::Open(
          std::make_unique<std::istringstream>(std::string(file.begin(), file.end())), expected));
  return std::move(r->payload());
}

Status WriteBundleFile(const std::string& path, BundleKind kind, const Bytes& payload) {
  GK_ASSIGN_OR_RETURN(std::unique_ptr<BundleWriter> w, BundleWriter::Start(path, kind, payload, 0));
  return w->Finish().status();
}

Result<Bytes> ReadBundleFile(const std::string& path, BundleKind expected) {
  GK_ASSIGN_OR_RETURN(std::unique_ptr<BundleReader> r, BundleReader::OpenFile(path, expected));
  return std::move(r->payload());
}

// ---- BundleWriter ----

struct BundleWriter::State {
  std::unique_ptr<AtomicFileWriter> file;
  Sha256Hasher digest;
  uint64_t expected = 0, added = 0;
};

BundleWriter::~BundleWriter() = default;

Status BundleWriter::Put(std::string_view bytes) {
  s_->digest.Update(bytes);
  return s_->file->Append(bytes);
}

Result<std::unique_ptr<BundleWriter>> BundleWriter::Start(const std::string& path, BundleKind kind,
                                                          const Bytes& payload,
                                                          uint64_t attachments) {
  std::unique_ptr<BundleWriter> w(new BundleWriter());
  w->s_ = std::make_unique<State>();
  w->s_->expected = attachments;
  GK_ASSIGN_OR_RETURN(w->s_->file, AtomicFileWriter::Open(path, 0644));
  std::string head(kBundleMagic);
  head.push_back(static_cast<char>(attachments == 0 ? kBundleFormat : kBundleFormatAttachments));
  head.push_back(static_cast<char>(kind));
  PutU64(head, payload.size());
  GK_RETURN_IF_ERROR(w->Put(head));
  GK_RETURN_IF_ERROR(w->Put(AsView(payload)));
  if (attachments > 0) {
    std::string m;
    PutU64(m, attachments);
    GK_RETURN_IF_ERROR(w->Put(m));
  }
  return w;
}

Status BundleWriter::AddAttachment(const AttachmentInfo& info, std::istream& in) {
  if (s_->added >= s_->expected) {
    return InvalidArgument("too_many",
                           "附件个数超过了文件头写明的个数 (more attachments than declared)");
  }
  ++s_->added;
  std::string head(reinterpret_cast<const char*>(info.sha256.data()), info.sha256.size());
  PutU64(head, info.size);
  PutU64(head, info.media_type.size());
  head += info.media_type;
  GK_RETURN_IF_ERROR(Put(head));
  Sha256Hasher own;
  std::string buf(kPiece, '\0');
  for (uint64_t left = info.size; left > 0;) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(left, kPiece));
    if (!in.read(buf.data(), static_cast<std::streamsize>(n))) {
      return HashMismatch(info.sha256, "文件比记录的短 (shorter than recorded)");
    }
    std::string_view piece(buf.data(), n);
    own.Update(piece);
    GK_RETURN_IF_ERROR(Put(piece));
    left -= n;
  }
  if (own.Finish() != info.sha256) return HashMismatch(info.sha256, "内容已改变 (bytes changed)");
  return Status::Ok();
}

Result<uint64_t> BundleWriter::Finish() {
  if (s_->added != s_->expected) {
    return InvalidArgument("too_few",
                           "附件个数少于文件头写明的个数 (fewer attachments than declared)");
  }
  Hash32 digest = s_->digest.Finish();
  GK_RETURN_IF_ERROR(s_->file->Append(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())));
  uint64_t size = s_->file->written();
  GK_RETURN_IF_ERROR(s_->file->Commit());
  return size;
}

// ---- BundleReader ----

BundleReader::~BundleReader() = default;

Result<std::unique_ptr<BundleReader>> BundleReader::OpenFile(const std::string& path,
                                                             BundleKind expected) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) {
      return NotFound("file_missing", "找不到文件 (file not found): " + path);
    }
    return Unavailable("io_error", "无法读取 (cannot read) " + path);
  }
  return Open(std::move(in), expected);
}

Result<std::unique_ptr<BundleReader>> BundleReader::Open(std::unique_ptr<std::istream> in,
                                                         BundleKind expected) {
  std::unique_ptr<BundleReader> r(new BundleReader());
  std::istream& f = *in;
  f.seekg(0, std::ios::end);
  const uint64_t size = static_cast<uint64_t>(f.tellg());
  f.seekg(0);
  uint64_t pos = 0;
  Sha256Hasher digest;
  // Reads n bytes at pos (the caller has checked they are there), hashed.
  auto read = [&](uint8_t* out, size_t n) -> Status {
    if (n > 0 && !f.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n))) {
      return Truncated(pos, pos + n);  // the file shrank while being read
    }
    digest.Update(out, n);
    pos += n;
    return Status::Ok();
  };
  uint8_t head[kBundleHeaderBytes] = {};
  const size_t have = static_cast<size_t>(std::min<uint64_t>(size, kBundleHeaderBytes));
  GK_RETURN_IF_ERROR(read(head, have));
  const size_t magic = std::min(have, kBundleMagic.size());
  if (std::memcmp(head, kBundleMagic.data(), magic) != 0) {
    return InvalidArgument("not_a_bundle", "这不是公开目录的U盘文件 (not a gongkai bundle)");
  }
  if (size < kBundleHeaderBytes) return Truncated(size, kBundleHeaderBytes);
  r->format_ = head[8];
  if (r->format_ != kBundleFormat && r->format_ != kBundleFormatAttachments) {
    return InvalidArgument("bundle_unsupported_format",
                           "U盘文件的格式版本 " + std::to_string(r->format_) +
                               " 本程序不认识；请升级程序 (unsupported bundle format)");
  }
  const uint64_t n = LoadLe64(head + 10);
  if (n > kMaxBundlePayload) {
    return ResourceExhausted("bundle_too_large", "U盘文件声明的内容太大 (" + std::to_string(n) +
                                                     " 字节)，未采用 "
                                                     "(bundle too large)");
  }
  const bool with_attachments = r->format_ == kBundleFormatAttachments;
  const uint64_t least = kBundleHeaderBytes + n + (with_attachments ? 8 : 0) + kDigestBytes;
  if (size < least) return Truncated(size, least);
  if (!with_attachments && size > least) return Corrupt("extra bytes after the digest");
  r->payload_.resize(n);
  GK_RETURN_IF_ERROR(read(r->payload_.data(), n));
  // Every byte read below lies before the digest's place, size - 32.
  const uint64_t body_end = size - kDigestBytes;
  Status problem;  // the first attachment that fails its checks
  if (with_attachments) {
    uint8_t m_bytes[8];
    GK_RETURN_IF_ERROR(read(m_bytes, 8));
    const uint64_t m = LoadLe64(m_bytes);
    if (m == 0 || m > kMaxBundleAttachments) {
      return Corrupt("attachment count " + std::to_string(m));
    }
    std::string buf(kPiece, '\0');
    for (uint64_t k = 0; k < m; ++k) {
      uint8_t fixed[48];
      if (pos + sizeof fixed > body_end) return Truncated(size, pos + sizeof fixed + kDigestBytes);
      GK_RETURN_IF_ERROR(read(fixed, sizeof fixed));
      BundleAttachment a;
      std::memcpy(a.info.sha256.data(), fixed, 32);
      a.info.size = LoadLe64(fixed + 32);
      const uint64_t t = LoadLe64(fixed + 40);
      if (t > kMaxMediaTypeBytes) return Corrupt("media type length " + std::to_string(t));
      if (pos + t > body_end) return Truncated(size, pos + t + kDigestBytes);
      a.info.media_type.resize(t);
      GK_RETURN_IF_ERROR(read(reinterpret_cast<uint8_t*>(a.info.media_type.data()), t));
      if (a.info.size > body_end - pos) {
        return Truncated(size, pos + a.info.size + kDigestBytes);
      }
      a.offset = pos;
      Sha256Hasher own;
      std::string sniff;
      for (uint64_t left = a.info.size; left > 0;) {
        size_t len = static_cast<size_t>(std::min<uint64_t>(left, kPiece));
        GK_RETURN_IF_ERROR(read(reinterpret_cast<uint8_t*>(buf.data()), len));
        std::string_view piece(buf.data(), len);
        own.Update(piece);
        if (sniff.size() < kSniffBytes) sniff += piece.substr(0, kSniffBytes - sniff.size());
        left -= len;
      }
      if (problem.ok()) problem = CheckBundledAttachment(a.info, sniff, own.Finish());
      r->attachments_.push_back(std::move(a));
    }
    if (pos != body_end) return Corrupt("extra bytes after the digest");
  }
  uint8_t stored[kDigestBytes];
  if (!f.read(reinterpret_cast<char*>(stored), kDigestBytes)) return Truncated(pos, size);
  Hash32 computed = digest.Finish();
  if (std::memcmp(computed.data(), stored, kDigestBytes) != 0) return Corrupt("SHA-256 mismatch");
  uint8_t kind = head[9];
  if (kind != static_cast<uint8_t>(BundleKind::kChangeSets) &&
      kind != static_cast<uint8_t>(BundleKind::kCatalog)) {
    return Corrupt("unknown kind " + std::to_string(kind));
  }
  if (with_attachments && kind != static_cast<uint8_t>(BundleKind::kChangeSets)) {
    return Corrupt("attachments in a catalog bundle");
  }
  if (kind != static_cast<uint8_t>(expected)) {
    bool want_catalog = expected == BundleKind::kCatalog;
    return InvalidArgument(
        "bundle_wrong_kind",
        std::string("这是") + (want_catalog ? "村站导出的变更集文件" : "镇服务器导出的目录文件") +
            "，应在" +
            (want_catalog ? "镇服务器上用 gongkai-hub bundle import"
                          : "村站上用 gongkai-station bundle import") +
            " 导入 (bundle of kind " + BundleKindName(static_cast<BundleKind>(kind)) +
            ", expected " + BundleKindName(expected) + ")");
  }
  GK_RETURN_IF_ERROR(problem);
  r->in_ = std::move(in);
  return r;
}

Status BundleReader::ReadAttachment(size_t i, uint64_t from, size_t piece,
                                    const std::function<Status(std::string_view)>& sink) {
  const BundleAttachment& a = attachments_.at(i);
  in_->clear();
  in_->seekg(static_cast<std::streamoff>(a.offset + from));
  std::string buf(std::max<size_t>(piece, 1), '\0');
  for (uint64_t left = a.info.size - std::min(from, a.info.size); left > 0;) {
    size_t len = static_cast<size_t>(std::min<uint64_t>(left, buf.size()));
    if (!in_->read(buf.data(), static_cast<std::streamsize>(len))) {
      return Truncated(a.offset + a.info.size - left, a.offset + a.info.size);
    }
    GK_RETURN_IF_ERROR(sink(std::string_view(buf.data(), len)));
    left -= len;
  }
  return Status::Ok();
}

}  // namespace gongkai
