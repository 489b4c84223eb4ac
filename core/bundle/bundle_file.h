// A USB bundle file (docs/formats/bundle.md): the framing that makes a file
// carried on a stick self-checking. Byte layout (all integers little endian):
//
//   offset  size  field
//   0       8     magic "GKBUNDLE"
//   8       1     format = 1, or 2 when attachments follow the payload
//   9       1     kind: 1 changesets (station → hub), 2 catalog (hub → station)
//   10      8     u64 payload length L (≤ kMaxBundlePayload)
//   18      L     payload: a wire archive (changeset_bundle.h, catalog_bundle.h)
//   [format 2 only, kind 1 only:]
//   18+L    8     u64 m, 1 ≤ m ≤ kMaxBundleAttachments
//           …     m × { fixed32 sha256, u64 size, u64 t, t bytes media type
//                       (≤ 64), size bytes }                (decision 0026)
//   end-32  32    SHA-256 of every byte before it
//
// Files are written and read in pieces (BundleWriter, BundleReader): an
// attachment is never held in memory, only the payload is.
//
// The digest catches a truncated, torn or damaged copy before anything is
// decoded; it is not a signature. What makes a bundle trustworthy is inside
// the payload: station-signed change sets, the hub-signed checkpoint with
// its proofs, administrator-signed decisions (docs/decisions/0004).
//
// Reasons (in the order checked; kDataLoss unless noted):
//   bundle_truncated          shorter than its header or than 18 + L + 32
//   not_a_bundle              wrong magic (kInvalidArgument)
//   bundle_unsupported_format format byte is not 1 or 2 (kInvalidArgument)
//   bundle_too_large          L above the limit (kResourceExhausted)
//   bundle_corrupt            longer than 18 + L + 32, digest mismatch,
//                             unknown kind, or a payload that does not decode
//   bundle_wrong_kind         the other kind than expected (kInvalidArgument)
// then, for format 2, the first attachment that fails the checks of the
// HTTP upload path (core/attachment/attachment.h: empty_attachment,
// attachment_too_large, unsupported_media_type, media_type_mismatch) or
//   attachment_hash_mismatch  its bytes are not the SHA-256 it is named by
// — all found before the caller has stored anything.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/attachment/attachment.h"
#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr std::string_view kBundleMagic = "GKBUNDLE";
inline constexpr uint8_t kBundleFormat = 1;
inline constexpr uint8_t kBundleFormatAttachments = 2;
inline constexpr uint64_t kMaxBundleAttachments = 100'000;
inline constexpr size_t kBundleHeaderBytes = 18;
inline constexpr size_t kMaxBundlePayload = size_t{512} << 20;  // 512 MiB

enum class BundleKind : uint8_t { kChangeSets = 1, kCatalog = 2 };
// "changesets" / "catalog"; in Chinese for messages: 变更集 / 目录.
const char* BundleKindName(BundleKind kind);

// A format 1 bundle in memory (tests, fuzzing; files use BundleWriter).
Bytes SealBundle(BundleKind kind, const Bytes& payload);
// Checks the framing and digest and returns the payload (BundleReader over
// the bytes; a format 2 bundle's attachments are checked and dropped).
Result<Bytes> OpenBundle(const Bytes& file, BundleKind expected);

// Writes a format 1 bundle atomically (core/store/atomic_file.h), mode 0644.
Status WriteBundleFile(const std::string& path, BundleKind kind, const Bytes& payload);
// Reads and opens one: file_missing, the reasons above.
Result<Bytes> ReadBundleFile(const std::string& path, BundleKind expected);

// A bundle written in pieces, atomically: the header and payload, then each
// attachment copied from a stream (64 KiB at a time), then the digest.
// Format 1 when `attachments` is 0 (byte for byte what SealBundle makes),
// else format 2 with exactly that many attachments.
class BundleWriter {
 public:
  static Result<std::unique_ptr<BundleWriter>> Start(const std::string& path, BundleKind kind,
                                                     const Bytes& payload, uint64_t attachments);
  ~BundleWriter();
  // `info.size` bytes from `in`; their SHA-256 must be `info.sha256`
  // (attachment_hash_mismatch: the station's file changed under it).
  Status AddAttachment(const AttachmentInfo& info, std::istream& in);
  // Writes the digest and puts the file in place; returns its size.
  Result<uint64_t> Finish();

 private:
  BundleWriter() = default;
  Status Put(std::string_view bytes);
  struct State;
  std::unique_ptr<State> s_;
};

// One attachment of a format 2 bundle: what it is and where its bytes are.
struct BundleAttachment {
  AttachmentInfo info;
  uint64_t offset = 0;  // of its first byte in the file
};

// A bundle opened in pieces: Open() reads the whole file once, in 64 KiB
// pieces, checking the framing, the digest and every attachment (the
// reasons above) and keeps only the payload and where each attachment is.
class BundleReader {
 public:
  static Result<std::unique_ptr<BundleReader>> OpenFile(const std::string& path,
                                                        BundleKind expected);
  static Result<std::unique_ptr<BundleReader>> Open(std::unique_ptr<std::istream> in,
                                                    BundleKind expected);
  ~BundleReader();

  uint8_t format() const { return format_; }
  Bytes& payload() { return payload_; }
  const std::vector<BundleAttachment>& attachments() const { return attachments_; }
  // Attachment i's bytes from `from` on, in pieces of at most `piece`
  // bytes. The file is read again: whoever stores them checks the SHA-256
  // again (bundle_truncated if the file was cut since Open).
  Status ReadAttachment(size_t i, uint64_t from, size_t piece,
                        const std::function<Status(std::string_view)>& sink);

 private:
  BundleReader() = default;
  std::unique_ptr<std::istream> in_;
  uint8_t format_ = kBundleFormat;
  Bytes payload_;
  std::vector<BundleAttachment> attachments_;
};

}  // namespace gongkai
