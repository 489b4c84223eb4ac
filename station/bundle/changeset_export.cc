#include "station/bundle/changeset_export.h"

#include <fstream>
#include <set>

#include "core/bundle/bundle_file.h"
#include "core/bundle/changeset_bundle.h"
#include "core/changeset/changeset.h"
#include "core/crypto/verifier_key.h"
#include "core/record/envelope.h"
#include "station/attachments/attachment_store.h"

namespace gongkai::station {
namespace {

// The attachments the posting records of a change set envelope name (none
// for one that does not decode: the station made it, the hub judges it).
std::vector<AttachmentRef> AttachmentsNamed(const Bytes& envelope) {
  std::vector<AttachmentRef> out;
  Result<Envelope> env = DecodeEnvelope(envelope);
  if (!env.ok()) return out;
  Result<ChangeSet> cs = DecodeChangeSet(env->body);
  if (!cs.ok()) return out;
  for (const PostingOp& p : cs->postings) {
    out.insert(out.end(), p.attachments.begin(), p.attachments.end());
  }
  return out;
}

}  // namespace

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
  // The files the records name, each once, in the order first named.
  AttachmentStore folder(store.dir());
  std::vector<AttachmentInfo> files;
  std::set<Hash32> seen;
  for (const Bytes& envelope : b.envelopes) {
    for (const AttachmentRef& ref : AttachmentsNamed(envelope)) {
      if (!seen.insert(ref.sha256).second) continue;
      Result<AttachmentInfo> info = folder.Info(ref.sha256);
      if (!info.ok()) {
        return info.status().WithContext("公开记录的附件 " + ref.file_name + ": ");
      }
      files.push_back(std::move(info).value());
    }
  }
  Bytes payload = EncodeChangeSetBundle(b);
  GK_ASSIGN_OR_RETURN(std::unique_ptr<BundleWriter> w,
                      BundleWriter::Start(path, BundleKind::kChangeSets, payload, files.size()));
  payload = Bytes();
  for (const AttachmentInfo& info : files) {
    GK_ASSIGN_OR_RETURN(std::ifstream in, folder.Open(info.sha256));
    GK_RETURN_IF_ERROR(w->AddAttachment(info, in));
    ++out.attachments;
    out.attachment_bytes += info.size;
  }
  GK_ASSIGN_OR_RETURN(out.bytes, w->Finish());
  return out;
}

}  // namespace gongkai::station
