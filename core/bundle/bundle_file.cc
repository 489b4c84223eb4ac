#include "core/bundle/bundle_file.h"

#include <algorithm>
#include <cstring>

#include "core/crypto/sha256.h"
#include "core/store/atomic_file.h"
#include "core/store/reasons.h"

namespace gongkai {
namespace {

constexpr size_t kDigestBytes = 32;

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

}  // namespace

const char* BundleKindName(BundleKind kind) {
  return kind == BundleKind::kChangeSets ? "changesets" : "catalog";
}

Bytes SealBundle(BundleKind kind, const Bytes& payload) {
  Bytes out(kBundleMagic.begin(), kBundleMagic.end());
  out.push_back(kBundleFormat);
  out.push_back(static_cast<uint8_t>(kind));
  uint64_t n = payload.size();
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(n >> (8 * i)));
  out.insert(out.end(), payload.begin(), payload.end());
  Hash32 digest = Sha256(out);
  out.insert(out.end(), digest.begin(), digest.end());
  return out;
}

Result<Bytes> OpenBundle(const Bytes& file, BundleKind expected) {
  const size_t magic = kBundleMagic.size();
  if (!std::equal(file.begin(),
                  file.begin() + static_cast<std::ptrdiff_t>(std::min(file.size(), magic)),
                  kBundleMagic.begin())) {
    return InvalidArgument("not_a_bundle", "这不是公开目录的U盘文件 (not a gongkai bundle)");
  }
  if (file.size() < kBundleHeaderBytes) return Truncated(file.size(), kBundleHeaderBytes);
  if (file[8] != kBundleFormat) {
    return InvalidArgument("bundle_unsupported_format",
                           "U盘文件的格式版本 " + std::to_string(file[8]) +
                               " 本程序不认识；请升级程序 (unsupported bundle format)");
  }
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= uint64_t{file[10 + i]} << (8 * i);
  if (n > kMaxBundlePayload) {
    return ResourceExhausted("bundle_too_large", "U盘文件声明的内容太大 (" + std::to_string(n) +
                                                     " 字节)，未采用 "
                                                     "(bundle too large)");
  }
  const size_t want = kBundleHeaderBytes + n + kDigestBytes;
  if (file.size() < want) return Truncated(file.size(), want);
  if (file.size() > want) return Corrupt("extra bytes after the digest");
  Hash32 digest = Sha256(file.data(), kBundleHeaderBytes + n);
  if (std::memcmp(digest.data(), file.data() + kBundleHeaderBytes + n, kDigestBytes) != 0) {
    return Corrupt("SHA-256 mismatch");
  }
  uint8_t kind = file[9];
  if (kind != static_cast<uint8_t>(BundleKind::kChangeSets) &&
      kind != static_cast<uint8_t>(BundleKind::kCatalog)) {
    return Corrupt("unknown kind " + std::to_string(kind));
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
  return Bytes(file.begin() + kBundleHeaderBytes, file.begin() + kBundleHeaderBytes + n);
}

Status WriteBundleFile(const std::string& path, BundleKind kind, const Bytes& payload) {
  Bytes file = SealBundle(kind, payload);
  return WriteFileAtomic(
      path, std::string_view(reinterpret_cast<const char*>(file.data()), file.size()), 0644);
}

Result<Bytes> ReadBundleFile(const std::string& path, BundleKind expected) {
  Result<std::string> text = ReadFile(path, kBundleHeaderBytes + kMaxBundlePayload + kDigestBytes);
  if (!text.ok()) {
    if (text.status().reason() == reason::kFileTooLarge) {
      return ResourceExhausted("bundle_too_large",
                               "U盘文件太大，未采用 (bundle too large): " + path);
    }
    return text.status();
  }
  return OpenBundle(Bytes(text->begin(), text->end()), expected);
}

}  // namespace gongkai
