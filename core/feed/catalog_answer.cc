#include "core/feed/catalog_answer.h"

#include "core/codec/wire.h"
#include "core/log/checkpoint.h"
#include "core/log/note.h"
#include "core/record/envelope.h"

namespace gongkai {
namespace {

constexpr size_t kMaxOrigin = 1024;
constexpr size_t kMaxEntryBytes = kMaxEnvelopeBody + 4096;

const char* const kModes[] = {"current", "decisions", "snapshot"};

// The kinds a catalog answer may carry, by their EnvelopeKind byte.
std::optional<EnvelopeKind> FeedKind(uint8_t b) {
  switch (static_cast<EnvelopeKind>(b)) {
    case EnvelopeKind::kGenesis:
    case EnvelopeKind::kEnrollment:
    case EnvelopeKind::kChangeSet:
    case EnvelopeKind::kApproval:
    case EnvelopeKind::kRejection:
    case EnvelopeKind::kRoster:
    case EnvelopeKind::kPolicy:
    case EnvelopeKind::kCertificate:
      return static_cast<EnvelopeKind>(b);
    default:
      return std::nullopt;
  }
}

std::optional<uint8_t> KindByte(const std::string& name) {
  if (name == kOwnChangeSetKind) return kOwnChangeSetKindByte;
  for (EnvelopeKind k :
       {EnvelopeKind::kGenesis, EnvelopeKind::kEnrollment, EnvelopeKind::kChangeSet,
        EnvelopeKind::kApproval, EnvelopeKind::kRejection, EnvelopeKind::kRoster,
        EnvelopeKind::kPolicy, EnvelopeKind::kCertificate}) {
    if (name == EnvelopeKindName(k)) return static_cast<uint8_t>(k);
  }
  return std::nullopt;
}

void WriteProof(WireWriter& w, const std::vector<Hash32>& proof) {
  w.U8(static_cast<uint8_t>(proof.size()));
  for (const Hash32& h : proof) w.Fixed(h);
}

void WriteEntry(WireWriter& w, const FeedEntry& e) {
  w.U64(e.index);
  w.U8(KindByte(e.kind).value_or(0));
  w.Blob(e.entry);
  w.Bool(e.inclusion.has_value());
  if (e.inclusion) WriteProof(w, *e.inclusion);
}

bool ReadProof(WireReader& r, std::vector<Hash32>* proof) {
  uint8_t k = 0;
  if (!r.U8(&k)) return false;
  if (k > kMaxProofHashes) {
    r.Fail(DataLoss("too_many", "证明的哈希个数超过上限 (proof too long)"));
    return false;
  }
  proof->resize(k);
  for (Hash32& h : *proof) {
    if (!r.Fixed(&h)) return false;
  }
  return true;
}

bool ReadEntry(WireReader& r, FeedEntry* e) {
  uint8_t kind = 0;
  bool has_inclusion = false;
  if (!r.U64(&e->index) || !r.U8(&kind)) return false;
  std::optional<EnvelopeKind> k = FeedKind(kind);
  if (!k && kind != kOwnChangeSetKindByte) {
    r.Fail(DataLoss("bad_kind",
                    "日志记录的种类不对 (unexpected entry kind " + std::to_string(kind) + ")"));
    return false;
  }
  e->kind = k ? EnvelopeKindName(*k) : kOwnChangeSetKind;
  if (!r.Blob(&e->entry, kMaxEntryBytes, "entry") || !r.Bool(&has_inclusion)) return false;
  if (!k && !ParseOwnChangeSetRef(e->entry)) {
    r.Fail(
        DataLoss("bad_kind", "本站变更集的引用应为 8 字节 (own change set reference not 8 bytes)"));
    return false;
  }
  if (has_inclusion) {
    e->inclusion.emplace();
    return ReadProof(r, &*e->inclusion);
  }
  return true;
}

}  // namespace

Bytes OwnChangeSetRef(uint64_t seq) {
  Bytes out(8);
  StoreLe64(out.data(), seq);
  return out;
}

std::optional<uint64_t> ParseOwnChangeSetRef(const Bytes& bytes) {
  if (bytes.size() != 8) return std::nullopt;
  return LoadLe64(bytes.data());
}

namespace {

// Everything up to the snapshot's catalog (with its length prefix).
void WriteHead(WireWriter& w, const CatalogAnswer& a, uint64_t catalog_size) {
  w.U8(a.format);
  w.CompactIntegers(a.format >= kCatalogAnswerLeanFormat);
  if (a.format < kCatalogAnswerLeanFormat) w.Str(a.origin);
  w.U64(a.since);
  w.U64(a.version);
  w.Fixed(a.hash);
  uint8_t mode = 0;
  for (uint8_t i = 0; i < 3; ++i) {
    if (a.mode == kModes[i]) mode = i;
  }
  w.U8(mode);
  w.Bool(a.genesis.has_value());
  if (a.genesis) WriteEntry(w, *a.genesis);
  w.U64(a.entries.size());
  for (const FeedEntry& e : a.entries) WriteEntry(w, e);
  w.Bool(a.snapshot.has_value());
  if (a.snapshot) {
    w.U64(a.snapshot->version);
    w.Fixed(a.snapshot->hash);
    w.U64(a.snapshot->rows);
    w.U64(catalog_size);
  }
}

// The forms of the checkpoint and proof fields (format 2 has all three).
enum : uint8_t { kAbsent = 0, kPlain = 1, kCompact = 2 };

// The checkpoint of `a` as (checkpoint, its signatures) when the note is
// exactly what the compact form rebuilds (ReadCompactCheckpoint): its body
// the checkpoint of the answer's origin, version and hash.
std::optional<std::pair<Checkpoint, std::vector<NoteSignature>>> CompactForm(
    const CatalogAnswer& a) {
  Result<ParsedNote> note = ParseNote(*a.checkpoint);
  if (!note.ok()) return std::nullopt;
  Result<Checkpoint> cp = ParseCheckpointBody(note->text);
  if (!cp.ok() || cp->origin != a.origin || cp->catalog_version != a.version ||
      cp->catalog_hash != a.hash || AssembleNote(note->text, note->signatures) != *a.checkpoint) {
    return std::nullopt;
  }
  return std::pair{std::move(cp).value(), std::move(note->signatures)};
}

void WriteCheckpoint(WireWriter& w, const CatalogAnswer& a) {
  auto compact =
      a.format >= kCatalogAnswerCompactFormat && a.checkpoint ? CompactForm(a) : std::nullopt;
  if (!compact) {
    w.Bool(a.checkpoint.has_value());
    if (a.checkpoint) w.Str(*a.checkpoint);
    return;
  }
  const auto& [cp, signatures] = *compact;
  w.U8(kCompact);
  w.U64(cp.size);
  w.Fixed(cp.root);
  w.U8(static_cast<uint8_t>(signatures.size()));
  for (const NoteSignature& sig : signatures) {
    w.Str(sig.name == a.origin ? "" : sig.name);
    w.Blob(SignatureBytes(sig));
  }
}

// Everything after the snapshot's catalog.
void WriteTail(WireWriter& w, const CatalogAnswer& a) {
  w.CompactIntegers(a.format >= kCatalogAnswerLeanFormat);
  WriteCheckpoint(w, a);
  if (a.range && a.format >= kCatalogAnswerCompactFormat) {
    w.U8(kCompact);
    w.U64(a.range->from);
    if (a.format < kCatalogAnswerLeanFormat) WriteProof(w, a.range->frontier);
    w.U64(a.range->leaves.size());
    for (const Hash32& h : a.range->leaves) w.Fixed(h);
    return;
  }
  w.Bool(a.consistency.has_value());
  if (a.consistency) {
    w.U64(a.consistency->from);
    WriteProof(w, a.consistency->proof);
  }
}

// The form byte of the checkpoint or proof field: 0 or 1, and 2 in format 2.
bool ReadForm(WireReader& r, const CatalogAnswer& a, const char* what, uint8_t* form) {
  if (!r.U8(form)) return false;
  if (*form > (a.format >= kCatalogAnswerCompactFormat ? kCompact : kPlain)) {
    r.Fail(DataLoss(std::string("bad_") + what,
                    std::string("目录回答的字段形式不对 (bad ") + what + " form)"));
    return false;
  }
  return true;
}

// A compact checkpoint, rebuilt into the note the hub signed.
bool ReadCompactCheckpoint(WireReader& r, CatalogAnswer& a) {
  Checkpoint cp{a.origin, 0, {}, a.version, a.hash};
  uint8_t n = 0;
  if (!r.U64(&cp.size) || !r.Fixed(&cp.root) || !r.U8(&n)) return false;
  auto refuse = [&](const std::string& why) {
    r.Fail(DataLoss("bad_checkpoint", "目录回答的检查点不完整 (" + why + ")"));
    return false;
  };
  if (n == 0 || n > kMaxNoteSignatures) return refuse("signature count");
  if (!ValidateCheckpoint(cp).ok()) return refuse("origin");
  std::vector<NoteSignature> signatures;
  for (uint8_t i = 0; i < n; ++i) {
    std::string name;
    Bytes raw;
    if (!r.Str(&name, kMaxOrigin, "signer") || !r.Blob(&raw, 1024, "signature")) return false;
    if (name == a.origin) return refuse("the origin under its own name");
    std::optional<NoteSignature> sig = SignatureFromBytes(name.empty() ? a.origin : name, raw);
    if (!sig) return refuse("signature shorter than 5 bytes");
    signatures.push_back(std::move(*sig));
  }
  a.checkpoint = AssembleNote(FormatCheckpointBody(cp), signatures);
  // Canonical, as the encoder writes it: a note that parses back, and the
  // origin's own signature under the empty name.
  if (!CompactForm(a)) return refuse("not a signed note");
  return true;
}

bool ReadRange(WireReader& r, CatalogAnswer& a) {
  RangeProof range;
  uint64_t m = 0;
  if (!r.U64(&range.from)) return false;
  if (a.format < kCatalogAnswerLeanFormat && !ReadProof(r, &range.frontier)) return false;
  if (!r.Count(&m, kMaxFeedEntries, 32, "too_many", "目录回答的叶子哈希个数不对 (leaf count)")) {
    return false;
  }
  range.leaves.resize(m);
  for (Hash32& h : range.leaves) {
    if (!r.Fixed(&h)) return false;
  }
  a.range = std::move(range);
  return true;
}

}  // namespace

Bytes EncodeCatalogAnswer(const CatalogAnswer& a) {
  if (a.snapshot) {
    CatalogAnswerFrame f = EncodeCatalogAnswerFrame(a, a.snapshot->catalog.size());
    f.head.insert(f.head.end(), a.snapshot->catalog.begin(), a.snapshot->catalog.end());
    f.head.insert(f.head.end(), f.tail.begin(), f.tail.end());
    return std::move(f.head);
  }
  WireWriter w;
  WriteHead(w, a, 0);
  WriteTail(w, a);
  return w.bytes();
}

CatalogAnswerFrame EncodeCatalogAnswerFrame(const CatalogAnswer& a, uint64_t catalog_size) {
  CatalogAnswerFrame f;
  {
    WireWriter w;
    WriteHead(w, a, catalog_size);
    f.head = w.bytes();
  }
  WireWriter w;
  WriteTail(w, a);
  f.tail = w.bytes();
  f.tail.erase(f.tail.begin());  // the archive flag byte: the head has it
  return f;
}

Result<CatalogAnswer> DecodeCatalogAnswer(const Bytes& bytes, std::string_view origin) {
  CatalogAnswer a;
  WireReader r(bytes);
  GK_RETURN_IF_ERROR(
      r.ByteFormat({kCatalogAnswerFormat, kCatalogAnswerCompactFormat, kCatalogAnswerLeanFormat},
                   "不认识的目录回答格式版本 ", &a.format));
  uint8_t mode = 0;
  bool has = false;
  if (a.format >= kCatalogAnswerLeanFormat) {
    // Only a station that verified a checkpoint asks for format 3; the
    // origin is that checkpoint's.
    if (origin.empty()) {
      return InvalidArgument(
          "unsupported_format",
          "格式 3 的目录回答需要本站核对过的检查点 (format 3 without an origin)");
    }
    a.origin = origin;
    r.CompactIntegers(true);
  } else {
    r.Str(&a.origin, kMaxOrigin, "origin");
  }
  r.U64(&a.since);
  r.U64(&a.version);
  r.Fixed(&a.hash);
  r.U8(&mode);
  GK_RETURN_IF_ERROR(r.status());
  if (mode > 2) return DataLoss("bad_mode", "目录回答的方式不对 (bad mode)");
  a.mode = kModes[mode];
  if (r.Bool(&has) && has) {
    a.genesis.emplace();
    ReadEntry(r, &*a.genesis);
  }
  uint64_t n = 0;
  // Each entry takes at least 19 bytes (4 with compact integers): n
  // cannot exceed what remains.
  const size_t min_entry = a.format >= kCatalogAnswerLeanFormat ? 4 : 19;
  r.Count(&n, kMaxFeedEntries, min_entry, "too_many", "目录回答的日志记录个数不对 (entry count)");
  a.entries.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    FeedEntry e;
    if (!ReadEntry(r, &e)) break;
    if (!a.entries.empty() && e.index <= a.entries.back().index) {
      return DataLoss("entries_out_of_order", "目录回答的日志记录顺序不对 (entries out of order)");
    }
    a.entries.push_back(std::move(e));
  }
  if (r.Bool(&has) && has) {
    FeedSnapshot s;
    r.U64(&s.version);
    r.Fixed(&s.hash);
    r.U64(&s.rows);
    r.Blob(&s.catalog, kMaxSnapshotBytes, "snapshot");
    a.snapshot = std::move(s);
  }
  uint8_t form = kAbsent;
  if (ReadForm(r, a, "checkpoint", &form)) {
    if (form == kPlain) {
      a.checkpoint.emplace();
      // In format 2 a note that has the compact form must come in it.
      if (r.Str(&*a.checkpoint, kMaxNoteBytes, "checkpoint") &&
          a.format >= kCatalogAnswerCompactFormat && CompactForm(a)) {
        r.Fail(DataLoss("bad_checkpoint",
                        "目录回答的检查点应为紧凑形式 (note not in its compact form)"));
      }
    } else if (form == kCompact) {
      ReadCompactCheckpoint(r, a);
    }
  }
  if (ReadForm(r, a, "proof", &form)) {
    if (form == kPlain) {
      FeedConsistency c;
      if (r.U64(&c.from)) ReadProof(r, &c.proof);
      a.consistency = std::move(c);
    } else if (form == kCompact) {
      ReadRange(r, a);
    }
  }
  GK_RETURN_IF_ERROR(r.Finish());
  if ((a.mode == "snapshot") != a.snapshot.has_value()) {
    return DataLoss("bad_mode", "目录回答的方式与快照不符 (snapshot and mode disagree)");
  }
  return a;
}

}  // namespace gongkai
