#include "station/bundle/changeset_export.h"

#include "core/bundle/bundle_file.h"
#include "core/bundle/changeset_bundle.h"
#include "core/crypto/verifier_key.h"

namespace gongkai::station {

Result<ChangeSetExport> ExportChangeSetBundle(StationStore& store, const std::string& path,
                                              const std::string& note, int64_t now) {
  GK_ASSIGN_OR_RETURN(PrivateKey key, store.LoadKey());
  GK_ASSIGN_OR_RETURN(SealResult sealed, store.Seal(key, note, now));
  GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> unsent, store.OutboxToSend());
  GK_ASSIGN_OR_RETURN(ApprovedSnapshot held, store.LoadApproved());
  GK_ASSIGN_OR_RETURN(std::optional<AcceptedCheckpoint> last, LatestAcceptedCheckpoint(store.db()));
  GK_ASSIGN_OR_RETURN(HubSettings hub, store.LoadHub());

  ChangeSetBundle b;
  if (hub.key) {
    Result<VerifierKey> vk = ParseVerifierKey(*hub.key);
    if (vk.ok()) b.hub = vk->name;
  }
  b.station = store.info().station_id;
  // Until the hub has accepted one of its change sets, the station
  // introduces itself, as its sync does in headers (sync_round.cc).
  GK_ASSIGN_OR_RETURN(bool introduce, store.NeedsIntroduction());
  if (introduce) {
    b.station_key = store.info().VerifierKey();
    b.unit = store.info().unit;
  }
  b.catalog_version = held.version;
  b.log_size = last ? last->checkpoint.size : 0;
  ChangeSetExport out;
  out.sealed = sealed.change_sets.size();
  for (OutboxEntry& e : unsent) {
    if (out.first_seq == 0) out.first_seq = e.seq;
    out.last_seq = e.seq;
    b.envelopes.push_back(std::move(e.envelope));
  }
  out.change_sets = b.envelopes.size();
  out.catalog_version = b.catalog_version;
  out.log_size = b.log_size;
  Bytes payload = EncodeChangeSetBundle(b);
  GK_RETURN_IF_ERROR(WriteBundleFile(path, BundleKind::kChangeSets, payload));
  out.bytes = kBundleHeaderBytes + payload.size() + 32;
  return out;
}

}  // namespace gongkai::station
