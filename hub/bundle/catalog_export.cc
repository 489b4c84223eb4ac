#include "hub/bundle/catalog_export.h"

#include "core/bundle/bundle_file.h"
#include "core/bundle/catalog_bundle.h"
#include "core/bundle/changeset_bundle.h"
#include "core/changeset/refusal.h"
#include "core/crypto/ed25519.h"
#include "core/feed/catalog_answer.h"
#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "hub/bundle/station_bundle_state.h"
#include "hub/review/catalog_feed.h"
#include "hub/store/changeset_table.h"
#include "hub/store/hub_db.h"
#include "hub/store/node_store.h"
#include "hub/store/refused_upload_table.h"
#include "hub/store/station_table.h"

namespace gongkai::hub {
namespace {

// The body of a C2SP signed note: up to and including the line before the
// blank line (docs/formats/checkpoint.md).
Result<Checkpoint> CheckpointOfNote(const std::string& note) {
  size_t blank = note.find("\n\n");
  if (blank == std::string::npos) return DataLoss("db_corrupt", "检查点格式不对");
  return ParseCheckpointBody(std::string_view(note).substr(0, blank + 1));
}

// Which refusals a catalog bundle carries back (catalog_export.h).
bool TravelsBack(const std::string& code, bool revoked) {
  if (code == refusal::kStationRevoked) return revoked;
  return ScopeOfRefusal(code) != RefusalScope::kStation;
}

}  // namespace

Result<CatalogExport> ExportCatalogBundle(const HubPaths& paths, const CatalogExportRequest& req) {
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(paths.db()));
  Result<PrivateKey> key = PrivateKey::LoadPem(paths.log_key());
  if (!key.ok()) {
    return FailedPrecondition("log_key_unavailable", "无法读取日志私钥 " + paths.log_key() + ": " +
                                                         key.status().message());
  }
  FeedRequest feed;
  std::optional<StationBundleState> state;
  bool state_revoked = false;
  if (req.station) {
    GK_ASSIGN_OR_RETURN(std::optional<StationRecord> rec, FindStation(db, *req.station));
    if (!rec) {
      return NotFound("unknown_station", "没有登记过站点 " + *req.station +
                                             "（gongkai-hub station list 查看已登记的站点）");
    }
    GK_ASSIGN_OR_RETURN(state, LoadStationBundleState(db, *req.station));
    state_revoked = rec->revoked;
  }
  feed.since = req.since.value_or(state ? state->catalog_version : 0);
  if (state && state->log_size > 0) feed.have_log = state->log_size;
  feed.have_genesis = false;  // the bundle stands on its own
  feed.enrollments = true;     // stations check change sets against them
  feed.binary = true;
  feed.cosigned = req.cosigned;
  GK_ASSIGN_OR_RETURN(CatalogAnswer answer, BuildCatalogAnswer(db, feed, {}, &*key));
  if (!answer.checkpoint) return DataLoss("db_corrupt", "目录回答缺少检查点");
  GK_ASSIGN_OR_RETURN(Checkpoint cp, CheckpointOfNote(*answer.checkpoint));

  CatalogBundle bundle;
  if (req.station) {
    bundle.station = *req.station;
    // Receipts proven in the answer's checkpoint (entries beyond it were
    // appended after the answer was built: the next bundle has them).
    GK_ASSIGN_OR_RETURN(std::vector<AcceptedChangeSet> list,
                        ListChangeSets(db, *req.station, 0, kMaxBundleChangeSets));
    SqliteNodeStore store(db);
    for (const AcceptedChangeSet& cs : list) {
      if (cs.log_index >= cp.size) continue;
      GK_ASSIGN_OR_RETURN(std::vector<Hash32> proof, InclusionProof(store, cs.log_index, cp.size));
      bundle.receipts.push_back(BundleReceipt{cs.seq, cs.id, cs.log_index, std::move(proof)});
    }
    GK_ASSIGN_OR_RETURN(std::vector<RefusedUpload> refused,
                        ListStationRefusals(db, *req.station));
    for (const RefusedUpload& r : refused) {
      if (bundle.refusals.size() >= kMaxBundleRefusals) break;
      if (!TravelsBack(r.code, state_revoked)) continue;
      BundleRefusal f{*r.id, r.seq, r.code, r.message.substr(0, 4096), {}};
      for (size_t op : r.ops) {
        if (f.ops.size() >= kMaxBundleRefusalOps) break;
        f.ops.push_back(op);
      }
      bundle.refusals.push_back(std::move(f));
    }
  }
  bundle.answer = EncodeCatalogAnswer(answer);
  Bytes payload = EncodeCatalogBundle(bundle);
  GK_RETURN_IF_ERROR(WriteBundleFile(req.file, BundleKind::kCatalog, payload));

  CatalogExport out;
  out.since = answer.since;
  out.version = answer.version;
  out.hash = answer.hash;
  out.mode = answer.mode;
  out.log_size = cp.size;
  if (answer.consistency) out.consistency_from = answer.consistency->from;
  out.entries = answer.entries.size();
  out.receipts = bundle.receipts.size();
  out.refusals = bundle.refusals.size();
  out.bytes = kBundleHeaderBytes + payload.size() + 32;
  return out;
}

}  // namespace gongkai::hub
