// The station's attachment folder (docs/station.md § Attachments,
// decision 0022): files named by the SHA-256 of their bytes, kept until
// the hub has them (and after: the record that refers to them is the
// village's own statement).
//
//   DIR/attachments/<sha256 hex>            the file, mode 0644
//   DIR/attachments/uploaded/<sha256 hex>   empty: the hub has it whole
//
// Put() reads a file the clerk names, checks it (core/attachment:
// size, type by its bytes against its name), blanks a JPEG's GPS block
// (core/attachment/jpeg_exif.h) and writes the result atomically under its
// hash — the hash is of the stored bytes, the ones the hub and the log see.
// Putting the same file twice gives the same reference and writes nothing.
//
// Prepare() does the checking in memory and Keep() the writing, so a caller
// that has more to check (a posting record: the row, the dates) can refuse
// with nothing written — the command line (a path) and the clerk's page (an
// uploaded file's bytes) go through the same Prepare().
#pragma once

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/attachment/attachment.h"
#include "core/base/status.h"

namespace gongkai::station {

// A file checked and ready to keep: its reference and the bytes to store
// (a JPEG's GPS block already blanked).
struct PreparedAttachment {
  AttachmentInfo info;
  std::string file_name;  // as the clerk's file was named, no folder
  std::string bytes;
};

class AttachmentStore {
 public:
  // Checks `bytes` as a file named `file_name` (only its last component is
  // kept). Reasons: empty_attachment, attachment_too_large,
  // unsupported_media_type, media_type_mismatch, bad_exif.
  static Result<PreparedAttachment> Prepare(std::string_view file_name, std::string bytes);
  // Reads the file at `path` (not more than the limit) and Prepare()s it;
  // also file_missing, io_error.
  static Result<PreparedAttachment> PrepareFile(const std::string& path);

  // The folder of the station whose directory is `station_dir`.
  explicit AttachmentStore(const std::string& station_dir);

  // Reasons: file_missing, empty_attachment, attachment_too_large,
  // unsupported_media_type, media_type_mismatch, bad_exif, io_error.
  Result<AttachmentInfo> Put(const std::string& path);
  // Writes a prepared file under its hash (atomically; nothing when it is
  // there already).
  Status Keep(const PreparedAttachment& file);
  bool Has(const Hash32& sha) const;
  // The stored file for reading (NotFound "attachment_missing").
  Result<std::ifstream> Open(const Hash32& sha) const;
  // Size and type of a stored file, from its bytes.
  Result<AttachmentInfo> Info(const Hash32& sha) const;
  std::string PathOf(const Hash32& sha) const;

  // Stored files the hub is not known to have whole, in hash order.
  Result<std::vector<Hash32>> NotUploaded() const;
  Status MarkUploaded(const Hash32& sha);

 private:
  std::string dir_;
};

}  // namespace gongkai::station
