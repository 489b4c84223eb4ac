#include "hub/review/catalog_feed.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/catalog/catalog_snapshot.h"
#include "core/log/merkle.h"
#include "core/record/envelope.h"
#include "hub/api/query_param.h"
#include "hub/log/checkpoints.h"
#include "hub/log/node_store.h"
#include "hub/review/catalog_history.h"
#include "hub/review/review_store.h"
#include "hub/store/meta_table.h"

namespace gongkai::hub {
namespace {

// BEGIN … ROLLBACK around the reads: one consistent snapshot.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db) { status_ = db_.Exec("BEGIN"); }
  ~ReadSnapshot() {
    if (status_.ok()) (void)db_.Exec("ROLLBACK");
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  const Status& status() const { return status_; }

 private:
  Database& db_;
  Status status_;
};

boost::json::object Entry(uint64_t index, EnvelopeKind kind, const Bytes& bytes) {
  return boost::json::object{
      {"index", index}, {"kind", EnvelopeKindName(kind)}, {"entry", Base64Encode(bytes)}};
}

// Adds "inclusion" (RFC 9162 proof of e["index"] in a tree of `size`).
Status AddInclusion(HubDb& db, uint64_t size, boost::json::object& e) {
  SqliteNodeStore store(db);
  GK_ASSIGN_OR_RETURN(std::vector<Hash32> proof,
                      InclusionProof(store, e.at("index").to_number<uint64_t>(), size));
  boost::json::array list;
  for (const Hash32& h : proof) list.push_back(boost::json::string(Base64Encode(h.data(), 32)));
  e["inclusion"] = std::move(list);
  return Status::Ok();
}

}  // namespace

Result<uint64_t> ParseSinceQuery(std::string_view query) {
  std::optional<std::string_view> raw = FindQueryParam(query, "since");
  if (!raw) return uint64_t{0};
  std::optional<uint64_t> v = ParseDecimal(*raw);
  if (!v) return InvalidArgument("bad_query", "since 必须是一个非负整数（目录版本号）", "since");
  return *v;
}

Result<std::string> CatalogFeedJson(HubDb& db, uint64_t since, const FeedOptions& opts,
                                    const PrivateKey* log_key) {
  ReadSnapshot snap(db.db());
  GK_RETURN_IF_ERROR(snap.status());
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  GK_ASSIGN_OR_RETURN(ApprovedHead head, LatestVersion(db));
  GK_ASSIGN_OR_RETURN(Bytes genesis, LogEntryBytes(db, 0));

  boost::json::object out{{"format", 1},
                          {"origin", meta.origin},
                          {"since", since},
                          {"version", head.version},
                          {"hash", HexEncode(head.hash)},
                          {"genesis", Entry(0, EnvelopeKind::kGenesis, genesis)}};
  // Rejections count from the approval of the version the station holds
  // (it learnt every earlier one when it pulled that version).
  std::optional<uint64_t> after;
  if (since > 0 && since <= head.version) {
    GK_ASSIGN_OR_RETURN(std::optional<VersionRecord> held, FindVersion(db, since));
    if (held) after = held->log_index;
  }
  std::map<uint64_t, boost::json::object> entries;  // log order
  GK_ASSIGN_OR_RETURN(std::vector<Decision> rejections, RejectionsAfter(db, after));
  for (const Decision& d : rejections) {
    GK_ASSIGN_OR_RETURN(Bytes b, LogEntryBytes(db, d.log_index));
    entries[d.log_index] = Entry(d.log_index, EnvelopeKind::kRejection, b);
  }
  std::string mode = "current";
  if (since < head.version) {
    GK_ASSIGN_OR_RETURN(std::vector<VersionRecord> versions,
                        ListVersions(db, since + 1, head.version));
    std::map<uint64_t, boost::json::object> changesets;
    uint64_t changeset_bytes = 0;
    for (const VersionRecord& v : versions) {
      GK_ASSIGN_OR_RETURN(Bytes b, LogEntryBytes(db, v.log_index));
      entries[v.log_index] = Entry(v.log_index, EnvelopeKind::kApproval, b);
    }
    bool snapshot = since == 0 || head.version - since > opts.max_replay_versions;
    Bytes snapshot_bytes;
    VersionedCatalog latest;
    if (!snapshot) {
      for (const VersionRecord& v : versions) {
        GK_ASSIGN_OR_RETURN(LoggedApproval a, ReadLoggedApproval(db, v.log_index));
        for (const Hash32& id : a.approval.changesets) {
          GK_ASSIGN_OR_RETURN(std::optional<LoggedChangeSet> cs, FindLoggedChangeSet(db, id));
          if (!cs) return DataLoss("db_corrupt", "审批记录提到的变更集不在日志中");
          changeset_bytes += cs->envelope.size();
          changesets[cs->meta.log_index] =
              Entry(cs->meta.log_index, EnvelopeKind::kChangeSet, cs->envelope);
        }
      }
      GK_ASSIGN_OR_RETURN(latest, LatestCatalog(db));
      snapshot_bytes = EncodeCatalogSnapshot(latest.catalog);
      snapshot = opts.snapshot_when_smaller && changeset_bytes > snapshot_bytes.size();
    }
    if (snapshot) {
      if (snapshot_bytes.empty()) {
        GK_ASSIGN_OR_RETURN(latest, LatestCatalog(db));
        snapshot_bytes = EncodeCatalogSnapshot(latest.catalog);
      }
      mode = "snapshot";
      out["snapshot"] = boost::json::object{{"version", latest.version},
                                            {"hash", HexEncode(latest.hash)},
                                            {"rows", latest.catalog.size()},
                                            {"catalog", Base64Encode(snapshot_bytes)}};
    } else {
      mode = "decisions";
      for (auto& [index, e] : changesets) entries[index] = std::move(e);
    }
  }
  out["mode"] = mode;
  if (log_key) {
    // The checkpoint of this very snapshot: every entry above is in it.
    GK_ASSIGN_OR_RETURN(SignedCheckpoint cp, CurrentCheckpoint(db, meta.origin, *log_key));
    out["checkpoint"] = cp.note;
    GK_RETURN_IF_ERROR(AddInclusion(db, cp.checkpoint.size, out["genesis"].as_object()));
    for (auto& [index, e] : entries) GK_RETURN_IF_ERROR(AddInclusion(db, cp.checkpoint.size, e));
  }
  boost::json::array list;
  for (auto& [index, e] : entries) list.push_back(std::move(e));
  out["entries"] = std::move(list);
  return boost::json::serialize(out);
}

}  // namespace gongkai::hub
