#include "station/bundle/catalog_import.h"

#include <map>

#include "core/bundle/bundle_file.h"
#include "core/bundle/catalog_bundle.h"
#include "core/feed/catalog_answer.h"
#include "core/log/merkle.h"
#include "station/store/outbox.h"

namespace gongkai::station {
namespace {

// A file that is cut short, changed on its way (its checksum says so) or
// does not decode is input to export and copy again — exit 3 — not an
// alarm: nothing the hub signed has been found false yet (the checks of
// signatures and of the log, later, raise those).
Status AsBadFile(const Status& s) {
  if (s.code() != Code::kDataLoss) return s;
  return Status(Code::kInvalidArgument, s.reason(), s.message(), s.field());
}

Status Corrupt(const Status& s) {
  return InvalidArgument("bundle_corrupt", "U盘文件的内容无法解读 (" + s.reason() +
                                               ")，未采用；请在镇里重新导出 (bundle corrupt)");
}

// The bundle cannot fetch anything: a consistency proof it lacks stays
// missing.
Result<HttpsResponse> NoNetwork(const std::string&) {
  return FailedPrecondition(
      "bundle_consistency_missing",
      "这个U盘文件不是按本站最近核对过的日志制作的，缺少一致性证明，未采用。请先用 "
      "gongkai-station bundle export 导出本站的文件，在镇里导入后再导出目录文件 "
      "(bundle lacks the consistency proof from this station's last checkpoint)");
}

// Step 6 of catalog_import.h: the refusals, in the outbox's seq order.
Status TakeRefusals(StationStore& store, const std::vector<BundleRefusal>& refusals, int64_t now,
                    CatalogBundleImport& out) {
  if (refusals.empty()) return Status::Ok();
  GK_ASSIGN_OR_RETURN(PrivateKey key, store.LoadKey());
  std::vector<bool> taken(refusals.size(), false);
  size_t used = 0;
  while (used < refusals.size()) {
    GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> outbox, store.OutboxToSend());
    const OutboxEntry* entry = nullptr;
    size_t which = 0;
    for (const OutboxEntry& e : outbox) {  // seq order: the first one named
      for (size_t i = 0; i < refusals.size() && !entry; ++i) {
        if (!taken[i] && refusals[i].id == e.changeset_id) {
          entry = &e;
          which = i;
        }
      }
      if (entry) break;
    }
    if (!entry) break;
    taken[which] = true;
    ++used;
    const BundleRefusal& f = refusals[which];
    std::vector<size_t> ops(f.ops.begin(), f.ops.end());
    GK_ASSIGN_OR_RETURN(RefusalTaken t, TakeRefusal(store, key, *entry, f.code, f.message, ops, now));
    if (t.whole) {
      out.refused_whole = std::move(t.whole);
      break;
    }
    out.returned.push_back(std::move(*t.returned));
  }
  out.stale_refusals = refusals.size() - used;
  return Status::Ok();
}

}  // namespace

Result<CatalogBundleImport> ImportCatalogBundle(StationStore& store, const std::string& path,
                                                int64_t now) {
  Result<Bytes> file = ReadBundleFile(path, BundleKind::kCatalog);
  if (!file.ok()) return AsBadFile(file.status());
  const Bytes& payload = *file;
  Result<CatalogBundle> bundle = DecodeCatalogBundle(payload);
  if (!bundle.ok()) return Corrupt(bundle.status());
  Result<CatalogAnswer> answer = DecodeCatalogAnswer(bundle->answer);
  if (!answer.ok()) return Corrupt(answer.status());
  // A bundle carries format 1 (inclusion proofs, the note whole): a range
  // in a file nobody signed would turn a tampered entry into a fork alarm.
  if (answer->format != kCatalogAnswerFormat) {
    return Corrupt(DataLoss("unsupported_format", "U盘文件里的目录回答不是第 1 版格式"));
  }
  if (!bundle->station.empty() && bundle->station != store.info().station_id) {
    return FailedPrecondition("bundle_other_station", "这个U盘文件是给站点 " + bundle->station +
                                                          " 的，不是本站（" +
                                                          store.info().station_id +
                                                          "）的，未采用 (bundle for another "
                                                          "station)");
  }
  ApplyOptions opts;
  opts.offline = true;
  std::vector<BundleReceipt> receipts = std::move(bundle->receipts);
  opts.receipts = [&](const Checkpoint& cp) -> Result<std::vector<Receipt>> {
    std::vector<Receipt> out;
    if (receipts.empty()) return out;
    GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> outbox, store.Outbox());
    std::map<uint64_t, const OutboxEntry*> by_seq;
    for (const OutboxEntry& e : outbox) by_seq[e.seq] = &e;
    for (const BundleReceipt& r : receipts) {
      auto it = by_seq.find(r.seq);
      if (it == by_seq.end() || it->second->changeset_id != r.id) {
        return DataLoss("receipt_mismatch",
                        "U盘文件里序号 " + std::to_string(r.seq) +
                            " 的回执与本站发件箱不符，未采用；请联系镇政务公开办 (receipt does "
                            "not match the outbox)");
      }
      Status in_log = VerifyInclusion(LeafHash(it->second->envelope), r.log_index, cp.size,
                                      r.inclusion, cp.root);
      if (!in_log.ok()) {
        return DataLoss("receipt_not_in_log",
                        "U盘文件说变更集 " + std::to_string(r.seq) +
                            " 已受理，但它不在镇服务器签名的日志里，未采用 (receipt not proven "
                            "by the log: " +
                            in_log.reason() + ")");
      }
      Receipt rc;
      rc.seq = r.seq;
      rc.changeset_id = r.id;
      rc.kind = Receipt::Kind::kAccepted;
      rc.log_index = r.log_index;
      out.push_back(std::move(rc));
    }
    return out;
  };
  CatalogBundleImport out;
  GK_ASSIGN_OR_RETURN(out.pulled,
                      ApplyCatalogAnswer(store, std::move(answer).value(), NoNetwork, now, opts));
  GK_RETURN_IF_ERROR(TakeRefusals(store, bundle->refusals, now, out));
  return out;
}

}  // namespace gongkai::station
