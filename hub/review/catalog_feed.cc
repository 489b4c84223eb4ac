#include "hub/review/catalog_feed.h"

#include <algorithm>
#include <bit>
#include <boost/json.hpp>
#include <cstdint>
#include <map>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/catalog/validate.h"
#include "core/codec/deflate.h"
#include "core/codec/deflate_pieces.h"
#include "core/log/compact_range.h"
#include "core/log/merkle.h"
#include "core/record/enrollment.h"
#include "core/record/envelope.h"
#include "hub/log/checkpoints.h"
#include "hub/review/catalog_history.h"
#include "hub/review/review_store.h"
#include "hub/review/snapshot_cache.h"
#include "hub/store/admin_table.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"
#include "hub/store/node_store.h"
#include "hub/store/witness_table.h"
#include "web/query_param.h"

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

FeedEntry Entry(uint64_t index, EnvelopeKind kind, Bytes bytes) {
  return FeedEntry{index, EnvelopeKindName(kind), std::move(bytes), std::nullopt};
}

// Sets the inclusion proof of e.index in a tree of `size`.
Status AddInclusion(HubDb& db, uint64_t size, FeedEntry& e) {
  SqliteNodeStore store(db);
  GK_ASSIGN_OR_RETURN(std::vector<Hash32> proof, InclusionProof(store, e.index, size));
  e.inclusion = std::move(proof);
  return Status::Ok();
}

// In format 2: a compact range from the station's verified size instead
// of the consistency proof and the inclusion proofs of the entries from
// there on, when it has fewer hashes — its frontier (popcount of that size)
// and the leaf hash of every index the answer does not carry (other
// stations' undecided change sets) against those proofs. In format 3 the
// station holds the frontier (decision 0034): only the leaves count.
Status RangeIfSmaller(MerkleNodeStore& store, uint64_t size, CatalogAnswer& out,
                      std::map<uint64_t, FeedEntry>& entries) {
  const bool lean = out.format >= kCatalogAnswerLeanFormat;
  const uint64_t from = out.consistency->from;
  size_t proof_hashes = out.consistency->proof.size();
  size_t held = 0;
  for (auto it = entries.lower_bound(from); it != entries.end(); ++it, ++held) {
    proof_hashes += it->second.inclusion ? it->second.inclusion->size() : 0;
  }
  const uint64_t given = size - from - held;
  if ((lean ? 0 : std::popcount(from)) + given >= proof_hashes) return Status::Ok();
  RangeProof range{from, {}, {}};
  if (!lean) {
    GK_ASSIGN_OR_RETURN(range.frontier, RangeFrontier(store, from));
  }
  for (uint64_t i = from; i < size; ++i) {
    if (entries.contains(i)) continue;
    GK_ASSIGN_OR_RETURN(Hash32 leaf, SubtreeHash(store, i, i + 1));
    range.leaves.push_back(leaf);
  }
  for (auto it = entries.lower_bound(from); it != entries.end(); ++it) it->second.inclusion.reset();
  out.range = std::move(range);
  out.consistency.reset();
  return Status::Ok();
}

boost::json::array HashList(const std::vector<Hash32>& hashes) {
  boost::json::array list;
  for (const Hash32& h : hashes) list.push_back(boost::json::string(Base64Encode(h.data(), 32)));
  return list;
}

boost::json::object EntryJson(const FeedEntry& e) {
  boost::json::object o{{"index", e.index}, {"kind", e.kind}, {"entry", Base64Encode(e.entry)}};
  if (e.inclusion) o["inclusion"] = HashList(*e.inclusion);
  return o;
}

Result<uint64_t> DecimalParam(std::string_view query, const char* name, uint64_t fallback) {
  std::optional<std::string_view> raw = FindQueryParam(query, name);
  if (!raw) return fallback;
  std::optional<uint64_t> v = ParseDecimal(*raw);
  if (!v) {
    return InvalidArgument("bad_query", std::string(name) + " 必须是一个非负整数", name);
  }
  return *v;
}

// name=0 or name=1 (absent: 0); anything else is "bad_query".
Result<bool> FlagParam(std::string_view query, const char* name) {
  GK_ASSIGN_OR_RETURN(uint64_t v, DecimalParam(query, name, 0));
  if (v > 1) return InvalidArgument("bad_query", std::string(name) + " 只能是 0 或 1", name);
  return v == 1;
}

// 8 to 64 lower-case hex digits: the start of a root in hex.
bool IsRootPrefix(std::string_view s) { return s.size() >= 8 && s.size() <= 64 && IsLowerHex(s); }

// answer=N asks for format N or the newest this hub writes below it: a
// station newer than the hub still gets an answer it reads (it tells the
// formats apart by their first bytes).
uint8_t AnswerFormatFor(uint64_t asked) {
  return static_cast<uint8_t>(std::min<uint64_t>(std::max<uint64_t>(asked, kCatalogAnswerFormat),
                                                 kCatalogAnswerNewestFormat));
}

}  // namespace

Result<bool> ParseBinaryForm(std::string_view query) {
  std::string_view form = FindQueryParam(query, "form").value_or("json");
  if (form != "json" && form != "bin") {
    return InvalidArgument("bad_query", "form 只能是 json 或 bin", "form");
  }
  return form == "bin";
}

Result<uint64_t> ParseSinceQuery(std::string_view query) {
  std::optional<std::string_view> raw = FindQueryParam(query, "since");
  if (!raw) return uint64_t{0};
  std::optional<uint64_t> v = ParseDecimal(*raw);
  if (!v) return InvalidArgument("bad_query", "since 必须是一个非负整数（目录版本号）", "since");
  return *v;
}

Result<FeedRequest> ParseFeedQuery(std::string_view query) {
  FeedRequest r;
  GK_ASSIGN_OR_RETURN(r.since, ParseSinceQuery(query));
  if (FindQueryParam(query, "have_log")) {
    GK_ASSIGN_OR_RETURN(uint64_t n, DecimalParam(query, "have_log", 0));
    r.have_log = n;
  }
  GK_ASSIGN_OR_RETURN(r.have_genesis, FlagParam(query, "have_genesis"));
  GK_ASSIGN_OR_RETURN(r.enrollments, FlagParam(query, "enrollments"));
  GK_ASSIGN_OR_RETURN(r.cosigned, FlagParam(query, "cosigned"));
  GK_ASSIGN_OR_RETURN(r.if_new, FlagParam(query, "if_new"));
  GK_ASSIGN_OR_RETURN(r.binary, ParseBinaryForm(query));
  GK_ASSIGN_OR_RETURN(uint64_t answer, DecimalParam(query, "answer", kCatalogAnswerFormat));
  if (answer == 0) return InvalidArgument("bad_query", "answer 应为正整数", "answer");
  r.answer_format = AnswerFormatFor(answer);
  if (std::optional<std::string_view> own = FindQueryParam(query, "own")) {
    if (!ValidateStationId(*own).ok()) {
      return InvalidArgument("bad_query", "own 应为本站的站点编号", "own");
    }
    r.own = std::string(*own);
  }
  if (std::optional<std::string_view> root = FindQueryParam(query, "have_root")) {
    if (!IsRootPrefix(*root)) {
      return InvalidArgument("bad_query", "have_root 应为 8 到 64 位小写十六进制数", "have_root");
    }
    r.have_root = std::string(*root);
  }
  return r;
}

Result<FeedRequest> ParsePollPath(std::string_view rest) {
  auto bad = [] {
    return InvalidArgument(
        "bad_query",
        "短轮询的地址应为 /v1/poll/目录版本号/日志条数[/c][/o/站点编号][/r/根哈希开头][/a/3] "
        "(docs/http-api.md)",
        "poll");
  };
  FeedRequest r;
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return bad();
  std::optional<uint64_t> since = ParseDecimal(rest.substr(0, slash));
  rest.remove_prefix(slash + 1);
  slash = rest.find('/');
  std::optional<uint64_t> size = ParseDecimal(rest.substr(0, slash));
  if (!since || !size) return bad();
  // Then "/c" (cosigned) and "/o/STATION" (own change sets by reference),
  // in that order, each optional.
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (rest == "/c" || rest.starts_with("/c/")) {
    r.cosigned = true;
    rest.remove_prefix(2);
  }
  if (rest.starts_with("/o/")) {
    rest.remove_prefix(3);
    const size_t end = std::min(rest.find('/'), rest.size());
    if (!ValidateStationId(rest.substr(0, end)).ok()) return bad();
    r.own = std::string(rest.substr(0, end));
    rest.remove_prefix(end);
  }
  if (rest.starts_with("/r/")) {
    rest.remove_prefix(3);
    const size_t end = std::min(rest.find('/'), rest.size());
    if (!IsRootPrefix(rest.substr(0, end))) return bad();
    r.have_root = std::string(rest.substr(0, end));
    rest.remove_prefix(end);
  }
  // Then "/a/N": the answer's format (0033).
  if (rest.starts_with("/a/")) {
    std::optional<uint64_t> format = ParseDecimal(rest.substr(3));
    if (!format || *format == 0) return bad();
    r.answer_format = AnswerFormatFor(*format);
    rest = {};
  }
  if (!rest.empty()) return bad();
  r.since = *since;
  r.have_log = *size;
  r.have_genesis = r.enrollments = r.binary = r.if_new = true;
  return r;
}

Result<bool> NothingNew(HubDb& db, const FeedRequest& request) {
  if (!request.if_new || !request.have_genesis || !request.have_log) return false;
  ReadSnapshot snap(db.db());
  GK_RETURN_IF_ERROR(snap.status());
  GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
  // A smaller log is never "nothing new": the full answer lets the station
  // see the rollback. A larger one is, when all it gained are change sets:
  // they reach a station only inside an approval (which is a new entry of
  // another kind), so the answer would carry no entry, only a larger
  // checkpoint (docs/decisions/0031-nothing-new-for-you.md).
  if (size < *request.have_log) return false;
  GK_ASSIGN_OR_RETURN(ApprovedHead head, LatestVersion(db));
  if (head.version != request.since) return false;
  if (request.have_root) {
    // The station's tree of have_log leaves must be this log's: a log
    // forked or regrown after a restore gets the full answer, whose
    // consistency proof then fails at the station.
    SqliteNodeStore store(db);
    GK_ASSIGN_OR_RETURN(Hash32 root, Root(store, *request.have_log));
    if (!HexEncode(root).starts_with(*request.have_root)) return false;
  }
  if (size == *request.have_log) return true;
  return OnlyKindFrom(db, *request.have_log, EnvelopeKind::kChangeSet);
}

namespace {

// The enrolment entries of `signers` logged before each one's last included
// change set: the station picks, for every change set, the latest of them
// before it and checks the change set's signature with its key.
Status AddEnrollments(HubDb& db, const std::map<std::string, uint64_t>& signers,
                      std::map<uint64_t, FeedEntry>& entries) {
  uint64_t before = 0;
  for (const auto& [station, last] : signers) before = std::max(before, last);
  GK_ASSIGN_OR_RETURN(std::vector<LogEntry> all,
                      ReadLogEntriesOfKind(db, EnvelopeKind::kEnrollment, before));
  for (LogEntry& e : all) {
    Result<Envelope> env = DecodeEnvelope(e.entry);
    Result<Enrollment> en = env.ok() ? DecodeEnrollment(env->body) : env.status();
    if (!en.ok()) {
      return DataLoss("db_corrupt", "日志第 " + std::to_string(e.index) +
                                        " 条（村站登记）无法解析 (enrolment entry does not decode)");
    }
    auto it = signers.find(en->station);
    if (it == signers.end() || e.index >= it->second) continue;
    entries[e.index] = Entry(e.index, EnvelopeKind::kEnrollment, std::move(e.entry));
  }
  return Status::Ok();
}

}  // namespace

namespace {

// An answer whose snapshot (if any) is the cached piece: answer.snapshot's
// catalog is left empty.
struct BuiltAnswer {
  CatalogAnswer answer;
  std::shared_ptr<const CachedSnapshot> snapshot;
};

Result<BuiltAnswer> BuildAnswer(HubDb& db, const FeedRequest& request, const FeedOptions& opts,
                                const PrivateKey* log_key) {
  const uint64_t since = request.since;
  ReadSnapshot snap(db.db());
  GK_RETURN_IF_ERROR(snap.status());
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  GK_ASSIGN_OR_RETURN(ApprovedHead head, LatestVersion(db));
  SnapshotCache own_cache;  // used once, when the caller keeps none
  SnapshotCache& cache = opts.snapshot_cache ? *opts.snapshot_cache : own_cache;

  BuiltAnswer built;
  CatalogAnswer& out = built.answer;
  out.origin = meta.origin;
  if (request.binary) out.format = request.answer_format;
  out.since = since;
  out.version = head.version;
  out.hash = head.hash;
  if (!request.have_genesis) {
    GK_ASSIGN_OR_RETURN(Bytes genesis, LogEntryBytes(db, 0));
    out.genesis = Entry(0, EnvelopeKind::kGenesis, std::move(genesis));
  }
  // Rejections count from the approval of the version the station holds
  // (it learnt every earlier one when it pulled that version).
  std::optional<uint64_t> after;
  if (since > 0 && since <= head.version) {
    GK_ASSIGN_OR_RETURN(std::optional<VersionRecord> held, FindVersion(db, since));
    if (held) after = held->log_index;
  }
  std::map<uint64_t, FeedEntry> entries;  // log order
  GK_ASSIGN_OR_RETURN(std::vector<Decision> rejections, RejectionsAfter(db, after));
  for (const Decision& d : rejections) {
    GK_ASSIGN_OR_RETURN(Bytes b, LogEntryBytes(db, d.log_index));
    entries[d.log_index] = Entry(d.log_index, EnvelopeKind::kRejection, std::move(b));
  }
  // Every roster record (administrators added and revoked): the station
  // checks each decision against the roster in force at its index. They
  // are few (staff changes), so all of them come every time.
  GK_ASSIGN_OR_RETURN(std::vector<RosterRow> roster, ListRosterRows(db));
  for (const RosterRow& r : roster) {
    GK_ASSIGN_OR_RETURN(Bytes b, LogEntryBytes(db, r.log_index));
    entries[r.log_index] = Entry(r.log_index, EnvelopeKind::kRoster, std::move(b));
  }
  // Every approval policy record, for the same reason: the station checks
  // each approval against the policy in force at its index.
  GK_ASSIGN_OR_RETURN(uint64_t log_size, LogSize(db));
  GK_ASSIGN_OR_RETURN(std::vector<LogEntry> policies,
                      ReadLogEntriesOfKind(db, EnvelopeKind::kPolicy, log_size));
  for (LogEntry& p : policies) {
    entries[p.index] = Entry(p.index, EnvelopeKind::kPolicy, std::move(p.entry));
  }
  // Every certificate announcement (signed by the log key): a station
  // learns from them which TLS certificates the hub may present next
  // (docs/decisions/0019-certificate-announcements.md). Renewals are rare,
  // so all of them come every time.
  GK_ASSIGN_OR_RETURN(std::vector<LogEntry> certificates,
                      ReadLogEntriesOfKind(db, EnvelopeKind::kCertificate, log_size));
  for (LogEntry& c : certificates) {
    entries[c.index] = Entry(c.index, EnvelopeKind::kCertificate, std::move(c.entry));
  }
  out.mode = "current";
  if (since < head.version) {
    GK_ASSIGN_OR_RETURN(std::vector<VersionRecord> versions,
                        ListVersions(db, since + 1, head.version));
    std::map<uint64_t, FeedEntry> changesets;
    std::map<std::string, uint64_t> signers;  // station → index of its last included change set
    uint64_t changeset_bytes = 0;
    for (const VersionRecord& v : versions) {
      GK_ASSIGN_OR_RETURN(Bytes b, LogEntryBytes(db, v.log_index));
      entries[v.log_index] = Entry(v.log_index, EnvelopeKind::kApproval, std::move(b));
    }
    bool snapshot = since == 0 || head.version - since > opts.max_replay_versions;
    if (!snapshot) {
      for (const VersionRecord& v : versions) {
        GK_ASSIGN_OR_RETURN(LoggedApproval a, ReadLoggedApproval(db, v.log_index));
        for (const Hash32& id : a.approval.changesets) {
          GK_ASSIGN_OR_RETURN(std::optional<LoggedChangeSet> cs, FindLoggedChangeSet(db, id));
          if (!cs) return DataLoss("db_corrupt", "审批记录提到的变更集不在日志中");
          const uint64_t index = cs->meta.log_index;
          if (request.own && cs->ics.cs.station == *request.own && request.binary) {
            // The asking station's own: by reference, and no enrolment for
            // it (the station checks its own envelopes with its own key).
            Bytes ref = OwnChangeSetRef(cs->ics.cs.seq);
            changeset_bytes += ref.size();
            changesets[index] = FeedEntry{index, kOwnChangeSetKind, std::move(ref), std::nullopt};
            continue;
          }
          changeset_bytes += cs->envelope.size();
          uint64_t& last = signers[cs->ics.cs.station];
          last = std::max(last, index);
          changesets[index] = Entry(index, EnvelopeKind::kChangeSet, std::move(cs->envelope));
        }
      }
    }
    // The cached snapshot of the latest version: also the check, for every
    // mode that moves the station, that the store still matches the log.
    GK_ASSIGN_OR_RETURN(built.snapshot, cache.Get(db));
    if (!snapshot) {
      snapshot = opts.snapshot_when_smaller && changeset_bytes > built.snapshot->piece.size;
    }
    if (snapshot) {
      out.mode = "snapshot";
      out.snapshot =
          FeedSnapshot{built.snapshot->version, built.snapshot->hash, built.snapshot->rows, {}};
    } else {
      built.snapshot.reset();
      out.mode = "decisions";
      for (auto& [index, e] : changesets) entries[index] = std::move(e);
      if (request.enrollments) GK_RETURN_IF_ERROR(AddEnrollments(db, signers, entries));
    }
  }
  if (log_key) {
    // The checkpoint of this very snapshot: every entry above is in it.
    GK_ASSIGN_OR_RETURN(SignedCheckpoint cp, CurrentCheckpoint(db, meta.origin, *log_key));
    const uint64_t size = cp.checkpoint.size;
    out.checkpoint = cp.note;
    if (request.cosigned) {
      GK_ASSIGN_OR_RETURN(std::string lines, CosignatureLines(db, size));
      *out.checkpoint += lines;
    }
    if (out.genesis) GK_RETURN_IF_ERROR(AddInclusion(db, size, *out.genesis));
    for (auto& [index, e] : entries) GK_RETURN_IF_ERROR(AddInclusion(db, size, e));
    if (request.have_log && *request.have_log > 0 && *request.have_log < size) {
      SqliteNodeStore store(db);
      GK_ASSIGN_OR_RETURN(std::vector<Hash32> proof,
                          ConsistencyProof(store, *request.have_log, size));
      out.consistency = FeedConsistency{*request.have_log, std::move(proof)};
      if (out.format >= kCatalogAnswerCompactFormat) {
        GK_RETURN_IF_ERROR(RangeIfSmaller(store, size, out, entries));
      }
    }
  }
  out.entries.reserve(entries.size());
  for (auto& [index, e] : entries) out.entries.push_back(std::move(e));
  return built;
}

// The snapshot's bytes, from its deflated piece.
Result<Bytes> InflateSnapshot(const CachedSnapshot& s) {
  std::string stream = ZlibHeader() + s.piece.data + DeflateLastPiece("").data +
                       AdlerTrailer(s.piece.adler);
  GK_ASSIGN_OR_RETURN(Bytes bytes, Inflate(ToBytes(stream), s.piece.size));
  if (bytes.size() != s.piece.size) {
    return Internal("snapshot_cache", "cached snapshot inflated to another length");
  }
  return bytes;
}

// The whole answer, with the snapshot's bytes in it.
Result<CatalogAnswer> Inflated(BuiltAnswer built) {
  if (built.snapshot) {
    GK_ASSIGN_OR_RETURN(built.answer.snapshot->catalog, InflateSnapshot(*built.snapshot));
  }
  return std::move(built.answer);
}

std::string_view View(const Bytes& b) {
  return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

// The binary answer as one zlib stream in three parts, the middle one the
// cached piece itself (core/codec/deflate_pieces.h).
std::vector<std::shared_ptr<const std::string>> DeflatedParts(const BuiltAnswer& built) {
  const CachedSnapshot& s = *built.snapshot;
  CatalogAnswerFrame frame = EncodeCatalogAnswerFrame(built.answer, s.piece.size);
  DeflatedPiece head = DeflatePiece(View(frame.head));
  DeflatedPiece tail = DeflateLastPiece(View(frame.tail));
  uint32_t adler = Adler32Combine(Adler32Combine(head.adler, s.piece.adler, s.piece.size),
                                  tail.adler, tail.size);
  return {std::make_shared<const std::string>(ZlibHeader() + head.data),
          std::shared_ptr<const std::string>(built.snapshot, &s.piece.data),
          std::make_shared<const std::string>(tail.data + AdlerTrailer(adler))};
}

}  // namespace

Result<CatalogAnswer> BuildCatalogAnswer(HubDb& db, const FeedRequest& request,
                                         const FeedOptions& opts, const PrivateKey* log_key) {
  GK_ASSIGN_OR_RETURN(BuiltAnswer built, BuildAnswer(db, request, opts, log_key));
  return Inflated(std::move(built));
}

std::string CatalogAnswerJson(const CatalogAnswer& a) {
  boost::json::object out{{"format", 1},          {"origin", a.origin},        {"since", a.since},
                          {"version", a.version}, {"hash", HexEncode(a.hash)}, {"mode", a.mode}};
  if (a.genesis) out["genesis"] = EntryJson(*a.genesis);
  if (a.snapshot) {
    out["snapshot"] = boost::json::object{{"version", a.snapshot->version},
                                          {"hash", HexEncode(a.snapshot->hash)},
                                          {"rows", a.snapshot->rows},
                                          {"catalog", Base64Encode(a.snapshot->catalog)}};
  }
  if (a.checkpoint) out["checkpoint"] = *a.checkpoint;
  if (a.consistency) {
    out["consistency"] = boost::json::object{{"from", a.consistency->from},
                                             {"proof", HashList(a.consistency->proof)}};
  }
  boost::json::array list;
  for (const FeedEntry& e : a.entries) list.push_back(EntryJson(e));
  out["entries"] = std::move(list);
  return boost::json::serialize(out);
}

Result<FeedBody> CatalogFeedBody(HubDb& db, const FeedRequest& request, const FeedOptions& opts,
                                 const PrivateKey* log_key, bool accepts_deflate) {
  GK_ASSIGN_OR_RETURN(BuiltAnswer built, BuildAnswer(db, request, opts, log_key));
  if (request.binary && accepts_deflate && built.snapshot) {
    FeedBody out{kCatalogAnswerMediaType, {}, DeflatedParts(built)};
    return out;
  }
  GK_ASSIGN_OR_RETURN(CatalogAnswer a, Inflated(std::move(built)));
  if (!request.binary) return FeedBody{"application/json; charset=utf-8", CatalogAnswerJson(a), {}};
  Bytes bytes = EncodeCatalogAnswer(a);
  return FeedBody{kCatalogAnswerMediaType, std::string(bytes.begin(), bytes.end()), {}};
}

Result<std::string> CatalogFeedJson(HubDb& db, uint64_t since, const FeedOptions& opts,
                                    const PrivateKey* log_key) {
  FeedRequest r;
  r.since = since;
  r.enrollments = true;
  GK_ASSIGN_OR_RETURN(CatalogAnswer a, BuildCatalogAnswer(db, r, opts, log_key));
  return CatalogAnswerJson(a);
}

}  // namespace gongkai::hub
