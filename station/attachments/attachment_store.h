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
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "core/attachment/attachment.h"
#include "core/base/status.h"

namespace gongkai::station {

class AttachmentStore {
 public:
  // The folder of the station whose directory is `station_dir`.
  explicit AttachmentStore(const std::string& station_dir);

  // Reasons: file_missing, empty_attachment, attachment_too_large,
  // unsupported_media_type, media_type_mismatch, bad_exif, io_error.
  Result<AttachmentInfo> Put(const std::string& path);
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
