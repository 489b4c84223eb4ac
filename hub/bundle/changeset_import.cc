#include "hub/bundle/changeset_import.h"

#include <future>

#include "core/bundle/bundle_file.h"
#include "core/bundle/changeset_bundle.h"
#include "core/catalog/validate.h"
#include "hub/bundle/station_bundle_state.h"
#include "hub/ingest/apply_upload.h"
#include "hub/ingest/ingest_queue.h"
#include "hub/ingest/upload.h"
#include "hub/store/hub_db.h"
#include "hub/store/meta_table.h"
#include "hub/store/station_table.h"

namespace gongkai::hub {

Result<ChangeSetImport> ImportChangeSetBundle(const HubPaths& paths, const std::string& file,
                                              int64_t now) {
  GK_ASSIGN_OR_RETURN(Bytes payload, ReadBundleFile(file, BundleKind::kChangeSets));
  Result<ChangeSetBundle> bundle = DecodeChangeSetBundle(payload);
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
