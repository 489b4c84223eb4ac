// fuzz_seeds OUT_DIR: writes valid encodings of every fuzzed format into
// OUT_DIR/<target>/seed-<name> (tests/fuzz/run.sh runs it before fuzzing),
// so the fuzzers start from real change sets, envelopes, logs, checkpoints,
// snapshots, spreadsheets, configuration files and HTTP requests instead of
// from nothing. All of it comes from the project's own encoders over the
// sample log of sample_log.h; nothing is committed to the repository.
//
// It checks its own work: the sample log must pass the LogVerifier, or it
// exits non-zero (a seed corpus of invalid inputs would hide coverage).
#include <iconv.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/audit/log_verifier.h"
#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/catalog/catalog_snapshot.h"
#include "core/codec/wire.h"
#include "core/crypto/verifier_key.h"
#include "core/csv/catalog_csv.h"
#include "core/feed/receipts_answer.h"
#include "core/log/log_export.h"
#include "core/log/merkle.h"
#include "core/log/note.h"
#include "core/record/envelope.h"
#include "core/record/envelope_batch.h"
#include "core/xlsx/catalog_xlsx_writer.h"
#include "tests/fuzz/sample_log.h"

#if __has_include("core/feed/catalog_answer.h")
#include "core/feed/catalog_answer.h"
#define GONGKAI_FUZZ_HAVE_FEED 1
#endif
#if __has_include("core/bundle/bundle_file.h")
#include "core/bundle/bundle_file.h"
#include "core/bundle/catalog_bundle.h"
#include "core/bundle/changeset_bundle.h"
#define GONGKAI_FUZZ_HAVE_BUNDLE 1
#endif
#if __has_include("core/codec/deflate.h")
#include "core/codec/deflate.h"
#define GONGKAI_FUZZ_HAVE_DEFLATE 1
#endif

using namespace gongkai;
namespace fs = std::filesystem;

namespace {

fs::path g_out;

void Write(const std::string& target, const std::string& name, std::string_view bytes) {
  fs::create_directories(g_out / target);
  std::ofstream f(g_out / target / ("seed-" + name), std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
void Write(const std::string& target, const std::string& name, const Bytes& bytes) {
  Write(target, name, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}
void WriteWithSelector(const std::string& target, const std::string& name, uint8_t selector,
                       const Bytes& bytes) {
  Bytes b{selector};
  b.insert(b.end(), bytes.begin(), bytes.end());
  Write(target, name, b);
}

std::string ReadSource(const std::string& rel) {
  std::ifstream f(std::string(GONGKAI_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// UTF-8 → GB18030 (what Chinese Excel saves), with glibc's iconv.
std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return "";
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t out_left = out.size();
  size_t r = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) return "";
  out.resize(out.size() - out_left);
  return out;
}

std::string B64(const Bytes& b) { return Base64Encode(b); }
std::string HexOf(const Hash32& h) { return HexEncode(h.data(), h.size()); }

// The JSON of GET /v1/catalog as docs/http-api.md describes it.
std::string CatalogAnswerJson(const fuzz::SampleLog& log, bool snapshot) {
  std::vector<Hash32> hashes;
  for (const Bytes& leaf : log.leaves) hashes.push_back(LeafHash(leaf));
  MemoryNodeStore store;
  for (const Hash32& h : hashes) (void)store.Append(h);
  auto entry = [&](uint64_t i, const std::string& kind) {
    std::string proof;
    std::vector<Hash32> path = *InclusionProof(store, i, hashes.size());
    for (const Hash32& h : path) {
      proof += (proof.empty() ? "\"" : ",\"") + Base64Encode(h.data(), h.size()) + "\"";
    }
    return "{\"index\":" + std::to_string(i) + ",\"kind\":\"" + kind + "\",\"entry\":\"" +
           B64(log.leaves[i]) + "\",\"inclusion\":[" + proof + "]}";
  };
  std::string json = "{\"format\":1,\"origin\":\"" + std::string(fuzz::kOrigin) +
                     "\",\"since\":0,\"version\":2,\"hash\":\"" + HexOf(log.approved.Hash()) +
                     "\",\"mode\":\"" + (snapshot ? "snapshot" : "decisions") +
                     "\",\"genesis\":" + entry(0, "genesis") + ",\"entries\":[";
  if (!snapshot) {
    const char* kinds[] = {"changeset", "changeset", "approval",
                           "changeset", "changeset", "approval"};
    for (size_t i = 0; i < 6; ++i) json += (i ? "," : "") + entry(3 + i, kinds[i]);
  } else {
    json += entry(8, "approval");
  }
  json += "]";
  if (snapshot) {
    json += ",\"snapshot\":{\"version\":2,\"hash\":\"" + HexOf(log.approved.Hash()) +
            "\",\"rows\":" + std::to_string(log.approved.size()) + ",\"catalog\":\"" +
            B64(EncodeCatalogSnapshot(log.approved)) + "\"}";
  }
  std::string note;
  for (char c : log.checkpoint_note) note += c == '\n' ? std::string("\\n") : std::string(1, c);
  json += ",\"checkpoint\":\"" + note + "\"}";
  return json;
}

uint8_t RecordSelector(EnvelopeKind k) {
  switch (k) {
    case EnvelopeKind::kGenesis:
      return 0;
    case EnvelopeKind::kEnrollment:
      return 1;
    case EnvelopeKind::kRevocation:
      return 2;
    case EnvelopeKind::kApproval:
      return 3;
    case EnvelopeKind::kRejection:
      return 4;
    default:
      return 255;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fuzz_seeds OUT_DIR\n";
    return 2;
  }
  g_out = argv[1];
  fuzz::SampleLog log = fuzz::BuildSampleLog();

  LogVerifier v;
  for (size_t i = 0; i < log.leaves.size(); ++i) {
    Status s = v.Add(i, log.leaves[i]);
    if (!s.ok()) {
      std::cerr << "fuzz_seeds: the sample log is invalid: " << s.ToString() << "\n";
      return 1;
    }
    if (i == 2 || i == 5 || i + 1 == log.leaves.size()) {
      Bytes state = v.SaveState();
      state.resize(state.size() - 32);  // the harness appends the checksum
      Write("audit_state", "after-" + std::to_string(i), state);
    }
  }

  for (size_t i = 0; i < log.changesets.size(); ++i) {
    Write("changeset", std::to_string(i), log.changesets[i]);
    WriteWithSelector("hub_http", "signed-changeset-" + std::to_string(i), 0x08, log.changesets[i]);
  }
  std::vector<Bytes> changeset_leaves;
  for (size_t i = 0; i < log.leaves.size(); ++i) {
    Write("envelope", std::to_string(i), log.leaves[i]);
    Envelope env = *DecodeEnvelope(log.leaves[i]);
    if (env.kind == EnvelopeKind::kChangeSet) {
      changeset_leaves.push_back(log.leaves[i]);
    } else {
      WriteWithSelector("records", std::to_string(i), RecordSelector(env.kind), env.body);
    }
  }
  Write("envelope_batch", "one", EncodeEnvelopeBatch({changeset_leaves[0]}));
  Write("envelope_batch", "changesets", EncodeEnvelopeBatch(changeset_leaves));
  Write("log_entries", "all", EncodeEnvelopeBatch(log.leaves));
  for (size_t n : {1, 3, 6, 9}) {
    std::vector<Bytes> prefix(log.leaves.begin(), log.leaves.begin() + n);
    Write("log_entries", "first-" + std::to_string(n), EncodeEnvelopeBatch(prefix));
  }

  ParsedNote note = *ParseNote(log.checkpoint_note);
  Write("checkpoint", "sample", note.text);
  Write("note", "checkpoint", log.checkpoint_note);
  NoteSigner signers[] = {{fuzz::kOrigin, fuzz::KeyFor(fuzz::kOrigin)},
                          {"witness.example", fuzz::KeyFor("witness.example")}};
  Write("note", "two-signatures", *SignNote(note.text, signers));
  Write("note", "plain-text", *SignNote("hello\nworld\n", "signer", fuzz::KeyFor("signer")));

  Write("catalog_snapshot", "approved", EncodeCatalogSnapshot(log.approved));
  Write("catalog_snapshot", "empty", EncodeCatalogSnapshot(Catalog()));
  Write("log_export", "sample", EncodeLogExport(LogExport{log.checkpoint_note, log.leaves}));

  std::string csv = CatalogToCsv(fuzz::SampleRows());
  Write("csv", "export", csv);
  Write("csv", "gb18030", ToGb18030(csv.substr(3)));  // without the UTF-8 BOM
  std::string national =
      "宝丰镇基层政务公开标准目录\r\n"
      "序号,领域,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
      "公开对象,,公开方式,,公开层级,,,备注\r\n"
      ",,一级事项,二级事项,,,,,,全社会,特定群体,主动,依申请,县级,乡级,村级,\r\n"
      "1,社会救助,最低生活保障,审核信息,初审对象名单及相关信息,《社会救助暂行办法》,"
      "\"10个工作日内，公示7个工作日\",宝丰镇人民政府,社区/企事业单位/村公示栏（电子屏）"
      ",,√,√,,,✓,是,\r\n";
  Write("csv", "national", national);
  Write("csv", "national-gb18030", ToGb18030(national));
  Write("xlsx", "export", *CatalogToXlsx(fuzz::SampleRows()));

  std::string hub_conf = ReadSource("packaging/config/hub.conf");
  std::string station_conf = ReadSource("packaging/config/station.conf");
  WriteWithSelector("config", "hub", 0, ToBytes(hub_conf));
  WriteWithSelector("config", "station", 1, ToBytes(station_conf));
  WriteWithSelector("config", "short", 1,
                    ToBytes("\xEF\xBB\xBF"
                            "hub = https://192.168.1.10:8443/#x\r\n"
                            "sync_interval_seconds = 300\r\n# 注释\n"
                            "hub_cert_sha256 =\nid = hongqi-01\nunit = 红旗村"));

  Write("verifier_key", "log",
        MakeVerifierKey(fuzz::kOrigin, fuzz::KeyFor(fuzz::kOrigin).public_key()).ToString());
  Write("verifier_key", "station",
        MakeVerifierKey("hongqi-01", fuzz::KeyFor("hongqi-01").public_key()).ToString());

  // POST /v1/changesets answers (docs/http-api.md), as the hub writes them.
  std::string id0 = HexEncode(ChangeSetId(log.changesets[0]));
  Write("upload_answer", "accepted",
        "{\"receipts\":[{\"index\":0,\"status\":\"accepted\",\"station\":\"hongqi-01\","
        "\"seq\":1,\"id\":\"" +
            id0 +
            "\",\"log_index\":3},{\"index\":1,\"status\":"
            "\"duplicate\",\"station\":\"hongqi-01\",\"seq\":1,\"id\":\"" +
            id0 + "\",\"log_index\":3}]}");
  Write("upload_answer", "rejected",
        "{\"error\":{\"code\":\"some_rejected\",\"message\":\"有变更集被拒绝\"},"
        "\"receipts\":[{\"index\":0,\"status\":\"rejected\",\"station\":\"hongqi-01\","
        "\"seq\":2,\"code\":\"bad_prev\",\"message\":\"链不连续\"}]}");
  Bytes short_receipts = EncodeShortReceipts({{false, 1, std::nullopt, 3}}, true);
  Write("upload_answer", "short", short_receipts);
  Write("upload_answer", "refused",
        "{\"error\":{\"code\":\"unsupported_media_type\",\"message\":\"请求体必须是\"}}");

  Write("catalog_answer", "decisions", CatalogAnswerJson(log, false));
  Write("catalog_answer", "snapshot", CatalogAnswerJson(log, true));

  const char* gets[] = {"/v1/health",
                        "/v1/catalog?since=0",
                        "/v1/catalog?since=1",
                        "/v1/checkpoint",
                        "/v1/log/key",
                        "/v1/log/entries?start=0&end=3",
                        "/v1/log/proof/inclusion?index=1&size=3",
                        "/v1/log/proof/consistency?from=1&to=3",
                        "/v1/stations/hongqi-01/receipts?after=0",
                        "/v1/nothing"};
  int n = 0;
  for (const char* target : gets) {
    Write("hub_http", "get-" + std::to_string(n++), std::string("\x00", 1) + target + "\n\n");
  }
  std::string post = std::string("\x01") + "/v1/changesets\napplication/octet-stream\n";
  Bytes batch = EncodeEnvelopeBatch(changeset_leaves);
  Write("hub_http", "post-batch", post + std::string(batch.begin(), batch.end()));
  // The short push (decision 0033): no Content-Type.
  Write("hub_http", "post-short-push",
        std::string("\x01") + "/v1/push/1/2/r/abcdef12\n\n" +
            std::string(batch.begin(), batch.end()));

#ifdef GONGKAI_FUZZ_HAVE_FEED
  CatalogAnswer answer;
  answer.origin = fuzz::kOrigin;
  answer.version = 2;
  answer.hash = log.approved.Hash();
  answer.mode = "decisions";
  answer.genesis = FeedEntry{0, "genesis", log.leaves[0], std::vector<Hash32>{}};
  for (uint64_t i = 3; i < 9; ++i) {
    std::string kind = (i == 5 || i == 8) ? "approval" : "changeset";
    answer.entries.push_back(FeedEntry{i, kind, log.leaves[i], std::vector<Hash32>{}});
  }
  answer.checkpoint = log.checkpoint_note;
  Bytes answer_bytes = EncodeCatalogAnswer(answer);
  Write("feed", "decisions", answer_bytes);
  CatalogAnswer snap = answer;
  snap.mode = "snapshot";
  snap.entries.clear();
  snap.snapshot = FeedSnapshot{2, log.approved.Hash(), log.approved.size(),
                               EncodeCatalogSnapshot(log.approved)};
  snap.consistency = FeedConsistency{3, {LeafHash(log.leaves[0]), LeafHash(log.leaves[1])}};
  Write("feed", "snapshot", EncodeCatalogAnswer(snap));
  // Format 2: the checkpoint compacted, a range instead of the proofs.
  CatalogAnswer compact = answer;
  compact.format = kCatalogAnswerCompactFormat;
  for (FeedEntry& e : compact.entries) e.inclusion.reset();
  compact.range = RangeProof{3, {LeafHash(log.leaves[0]), LeafHash(log.leaves[1])}, {}};
  Write("feed", "compact", EncodeCatalogAnswer(compact));
  // Format 3: compact integers, no origin (the fuzz target names
  // fuzz::kOrigin), a range without its frontier.
  CatalogAnswer lean = compact;
  lean.format = kCatalogAnswerLeanFormat;
  lean.range->frontier.clear();
  Write("feed", "lean", EncodeCatalogAnswer(lean));
#endif
#if defined(GONGKAI_FUZZ_HAVE_BUNDLE) && defined(GONGKAI_FUZZ_HAVE_FEED)
  std::vector<Bytes> hongqi;
  for (const Bytes& leaf : changeset_leaves) {
    if (DecodeEnvelope(leaf)->signer == "hongqi-01") hongqi.push_back(leaf);
  }
  // Format 2 of both: a station introducing itself, a refusal carried back.
  Bytes cs_payload = EncodeChangeSetBundle(ChangeSetBundle{.hub = fuzz::kOrigin,
                                                           .station = "hongqi-01",
                                                           .station_key = "hongqi-01+00000000+AA",
                                                           .unit = "红旗村",
                                                           .catalog_version = 1,
                                                           .log_size = 6,
                                                           .envelopes = hongqi});
  Bytes cat_payload = EncodeCatalogBundle(CatalogBundle{
      .station = "hongqi-01",
      .receipts = {BundleReceipt{1, ChangeSetId(log.changesets[0]), 3, {}}},
      .refusals = {BundleRefusal{ChangeSetId(log.changesets[0]), 2, "row_exists", "已有", {0, 3}}},
      .answer = answer_bytes});
  WriteWithSelector("bundle", "changesets-payload", 0, cs_payload);
  WriteWithSelector("bundle", "catalog-payload", 1, cat_payload);
  WriteWithSelector("bundle", "changesets-file", 2,
                    SealBundle(BundleKind::kChangeSets, cs_payload));
  WriteWithSelector("bundle", "catalog-file", 3, SealBundle(BundleKind::kCatalog, cat_payload));
#endif
#ifdef GONGKAI_FUZZ_HAVE_DEFLATE
  Write("inflate", "json", Deflate(CatalogAnswerJson(log, false)));
  Write("inflate", "batch", ToString(Deflate(batch)));
  Write("inflate", "empty", Deflate(std::string_view()));
#endif
  return 0;
}
