// `gongkai-station bundle export`: the station's side of a USB round
// (docs/station.md § U盘同步, docs/decisions/0004-usb-bundles.md). Seals the
// pending edits first (as sync does), then writes, atomically, a
// changesets bundle (core/bundle/changeset_bundle.h) holding every outbox
// change set the hub has not acknowledged (states sealed and sent), the
// station's id, the approved version it holds and the size of the last
// checkpoint it accepted — so the hub's return bundle can carry exactly
// the decisions and the consistency proof this station needs.
//
// The attachments those change sets' posting records name travel in the
// same file, each once, read from the station's folder in pieces (a format 2
// bundle, decision 0026); without any, the file is format 1, which older
// hubs read.
//
// Nothing in the store changes except the sealing: the change sets stay
// "sealed"/"sent" until a receipt comes back (over the network or in a
// catalog bundle), and sending them again is harmless (duplicates).
#pragma once

#include <cstdint>
#include <string>

#include "core/base/status.h"
#include "station/store/station_store.h"

namespace gongkai::station {

struct ChangeSetExport {
  size_t sealed = 0;       // change sets sealed just now
  size_t change_sets = 0;  // in the file
  uint64_t first_seq = 0, last_seq = 0;
  uint64_t catalog_version = 0;
  uint64_t log_size = 0;
  size_t attachments = 0;         // attachment files carried (format 2)
  uint64_t attachment_bytes = 0;  // their bytes
  uint64_t bytes = 0;             // file size
};

Result<ChangeSetExport> ExportChangeSetBundle(StationStore& store, const std::string& path,
                                              const std::string& note, int64_t now);

}  // namespace gongkai::station
