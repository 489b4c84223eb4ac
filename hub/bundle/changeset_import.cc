#include "hub/bundle/changeset_import.h"

#include <future>

#include "core/base/hex.h"
#include "core/bundle/bundle_file.h"
#include "core/bundle/changeset_bundle.h"
#include "core/catalog/validate.h"
#include "core/crypto/sha256.h"
#include "hub/attachments/attachment_store.h"
#include "hub/bundle/station_bundle_state.h"
#include "hub/ingest/apply_upload.h"
#include "hub/ingest/ingest_queue.h"
#include "hub/ingest/upload.h"
#include "hub/store/hub_db.h"
#include "hub/store/meta_table.h"
#include "hub/store/station_table.h"

namespace gongkai::hub {
namespace {

// The bundle's attachments through the store of the HTTP upload path
// (AttachmentStore::PutChunk: size, type, quota, SHA-256, durable rename),
// in chunks of the upload's size, from what the hub already holds of each.
// Only for an enrolled station that is not revoked — as chunks are accepted
// only from one; for any other, its change sets are refused anyway.
Status StoreBundledAttachments(const HubPaths& paths, HubDb& db, const std::string& station,
                               BundleReader& reader, int64_t now, ChangeSetImport& out) {
  if (reader.attachments().empty()) return Status::Ok();
  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> enrolled, FindStation(db, station));
  if (!enrolled || enrolled->revoked) {
    out.attachments_skipped = reader.attachments().size();
    return Status::Ok();
  }
  GK_ASSIGN_OR_RETURN(std::unique_ptr<AttachmentStore> store, AttachmentStore::Open(paths.dir));
  for (size_t i = 0; i < reader.attachments().size(); ++i) {
    const AttachmentInfo& a = reader.attachments()[i].info;
    GK_ASSIGN_OR_RETURN(UploadState state, store->State(station, a.sha256));
    if (state.complete) {
      ++out.attachments_present;
      continue;
    }
    uint64_t offset = state.received;  // a prefix an HTTPS upload left
    bool complete = false;
    Status s =
        reader.ReadAttachment(i, offset, kBundleChunkBytes, [&](std::string_view chunk) -> Status {
          ChunkClaim c{station, a.sha256,     a.media_type, a.size,
                       offset,  chunk.size(), Sha256(chunk)};
          GK_ASSIGN_OR_RETURN(UploadState put, store->PutChunk(c, chunk, now));
          offset += chunk.size();
          complete = put.complete;
          return Status::Ok();
        });
    if (!s.ok()) return s.WithContext("附件 " + HexEncode(a.sha256).substr(0, 12) + ": ");
    if (!complete) {
      return Internal("attachment_incomplete",
                      "附件 " + HexEncode(a.sha256).substr(0, 12) + " 未能存完整");
    }
    ++out.attachments_stored;
    out.attachment_bytes += a.size - state.received;
  }
  return Status::Ok();
}

}  // namespace

Result<ChangeSetImport> ImportChangeSetBundle(const HubPaths& paths, const std::string& file,
                                              int64_t now) {
  // Framing, digest and every attachment checked before anything is stored.
  GK_ASSIGN_OR_RETURN(std::unique_ptr<BundleReader> reader,
                      BundleReader::OpenFile(file, BundleKind::kChangeSets));
  Result<ChangeSetBundle> bundle = DecodeChangeSetBundle(reader->payload());
  reader->payload() = Bytes();
  if (!bundle.ok()) {
    return DataLoss("bundle_corrupt", "U盘文件的内容无法解读 (" + bundle.status().reason() +
                                          ")，未导入；请在村站重新导出 (bundle corrupt)");
  }
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(paths.db()));
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  if (!bundle->hub.empty() && bundle->hub != meta.origin) {
    return Unauthenticated("hub_key_mismatch", "这个U盘文件是给镇服务器 " + bundle->hub +
                                                   " 的，不是本镇（" + meta.origin +
                                                   "），未导入 (bundle for another hub)");
  }
  ChangeSetImport out;
  // Attachments first, as the station's sync round uploads them before it
  // pushes the change sets whose records name them.
  GK_RETURN_IF_ERROR(StoreBundledAttachments(paths, db, bundle->station, *reader, now, out));
  out.station = bundle->station;
  out.catalog_version = bundle->catalog_version;
  out.log_size = bundle->log_size;
  std::vector<Upload> uploads;
  uploads.reserve(bundle->envelopes.size());
  // A station not yet accepted introduces itself (format 2): kept only for
  // the administrator's one-step enrolment, as the HTTPS headers are.
  OfferedStation offer = ParseOfferedStation(bundle->station_key, "");
  if (!bundle->unit.empty() && ValidateUnit(bundle->unit).ok()) offer.unit = bundle->unit;
  for (size_t i = 0; i < bundle->envelopes.size(); ++i) {
    uploads.push_back(DecodeUpload(i, std::move(bundle->envelopes[i])));
  }
  // The station's signatures, verified on every core before the committer
  // (which verifies again any that did not verify with the key read here).
  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> enrolled, FindStation(db, bundle->station));
  std::vector<std::optional<PublicKey>> keys(uploads.size());
  for (size_t i = 0; i < uploads.size(); ++i) {
    if (enrolled && uploads[i].error.ok() && uploads[i].changeset.station == enrolled->id) {
      keys[i] = enrolled->key;
    }
  }
  TryVerifyUploadSignatures(uploads, keys);
  for (Upload& up : uploads) OfferStation(up, offer);
  if (!uploads.empty()) {
    // The committer of POST /v1/changesets, on its own connection.
    GK_ASSIGN_OR_RETURN(std::unique_ptr<IngestQueue> ingest, IngestQueue::Start(paths.db()));
    std::promise<Result<std::vector<Receipt>>> done;
    std::future<Result<std::vector<Receipt>>> result = done.get_future();
    Status queued = ingest->Submit(std::move(uploads), [&done](Result<std::vector<Receipt>> r) {
      done.set_value(std::move(r));
    });
    if (!queued.ok()) {
      ingest->Stop();
      return queued;
    }
    Result<std::vector<Receipt>> receipts = result.get();
    ingest->Stop();
    if (!receipts.ok()) return receipts.status();
    out.receipts = std::move(receipts).value();
  }
  GK_ASSIGN_OR_RETURN(std::optional<StationRecord> station, FindStation(db, bundle->station));
  if (station) {
    Transaction tx(db.db());
    GK_RETURN_IF_ERROR(tx.status());
    GK_RETURN_IF_ERROR(RecordStationBundleState(
        db, bundle->station, StationBundleState{bundle->catalog_version, bundle->log_size}, now));
    GK_RETURN_IF_ERROR(tx.Commit());
  }
  return out;
}

}  // namespace gongkai::hub
