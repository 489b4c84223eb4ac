#include "hub/review/catalog_history.h"

#include "core/merge/replay.h"
#include "core/record/envelope.h"
#include "hub/log/checkpoints.h"
#include "hub/review/review_store.h"
#include "hub/store/log_table.h"

namespace gongkai::hub {

Result<LoggedApproval> ReadLoggedApproval(HubDb& db, uint64_t log_index) {
  GK_ASSIGN_OR_RETURN(Bytes bytes, LogEntryBytes(db, log_index));
  Result<Envelope> env = DecodeEnvelope(bytes);
  if (!env.ok() || env->kind != EnvelopeKind::kApproval) {
    return DataLoss("db_corrupt", "日志第 " + std::to_string(log_index) + " 条不是审批记录");
  }
  LoggedApproval out;
  GK_ASSIGN_OR_RETURN(out.approval, DecodeApproval(env->body));
  for (const Hash32& id : out.approval.changesets) {
    GK_ASSIGN_OR_RETURN(std::optional<LoggedChangeSet> cs, FindLoggedChangeSet(db, id));
    if (!cs) return DataLoss("db_corrupt", "审批记录提到的变更集不在日志中");
    out.included.push_back(std::move(cs->ics));
  }
  return out;
}

Result<ApprovedHead> LoggedLatestVersion(HubDb& db) {
  GK_ASSIGN_OR_RETURN(ApprovedHead head, LatestVersion(db));
  // The versions table is a convenience: what is served must be what the
  // log's latest approval signed (an edited versions row plus edited rows
  // would otherwise pass a check of the rows against the table).
  GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
  GK_ASSIGN_OR_RETURN(CatalogHead logged, CatalogBefore(db, size));
  if (logged.version != head.version || logged.hash != head.hash) {
    return DataLoss("db_corrupt",
                    "已批准目录（第 " + std::to_string(head.version) + " 版）与日志中签名的第 " +
                        std::to_string(logged.version) +
                        " 版审批不符：数据库被改动或损坏，请运行 gongkai-hub check (approved "
                        "catalog differs from the signed approval in the log)");
  }
  return head;
}

Result<VersionedCatalog> LatestCatalog(HubDb& db) {
  VersionedCatalog out;
  GK_ASSIGN_OR_RETURN(ApprovedHead head, LoggedLatestVersion(db));
  GK_ASSIGN_OR_RETURN(out.catalog, LoadApprovedRows(db));
  out.version = head.version;
  out.hash = head.hash;
  if (out.catalog.Hash() != head.hash) {
    return DataLoss("db_corrupt", "已批准目录与第 " + std::to_string(head.version) +
                                      " 版记录的哈希不符 (approved rows damaged)");
  }
  return out;
}

Result<VersionedCatalog> CatalogAtVersion(HubDb& db, uint64_t version) {
  GK_ASSIGN_OR_RETURN(ApprovedHead head, LatestVersion(db));
  if (version > head.version) {
    return NotFound("unknown_version", "没有第 " + std::to_string(version) +
                                           " 版目录；最新的是第 " + std::to_string(head.version) +
                                           " 版");
  }
  if (version == head.version) return LatestCatalog(db);
  VersionedCatalog out;
  out.hash = Catalog().Hash();
  GK_ASSIGN_OR_RETURN(std::vector<VersionRecord> versions, ListVersions(db, 1, version));
  for (const VersionRecord& v : versions) {
    GK_ASSIGN_OR_RETURN(LoggedApproval a, ReadLoggedApproval(db, v.log_index));
    GK_ASSIGN_OR_RETURN(out.catalog, ReplayApproval(out.catalog, a.approval, a.included));
    out.version = v.version;
    out.hash = a.approval.result_hash;
  }
  return out;
}

}  // namespace gongkai::hub
