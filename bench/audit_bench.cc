// gongkai-bench-audit: how fast the independent audit is. Not a test: run
// it by hand (Release build) and put the figures in the closing note.
//
//   gongkai-bench-audit [--entries 100000] [--leaves 1000000] [--proofs 2000]
//                       [--audit-bin PATH] [--skip-cli] [--skip-proofs] [--json]
//
// --json: the figures as one JSON object on stdout (the text goes to
// stderr), for bench/run_all.sh.
//
// 1. Verification rate. A realistic log of --entries entries is built in
//    memory: the genesis, 50 enrolled stations, change sets of one `set`
//    op on the station's own rows (each based on the current value, so the
//    merge applies cleanly) and an approval of the undecided change sets
//    every 500 entries. Then
//      a) core/audit LogVerifier::Add over every entry, in process;
//      b) `gongkai-audit verify --file` on the same log exported
//         (docs/formats/log-export.md): the real program, file decoding
//         and all, timed from spawn to exit; once with --jobs 1 and once
//         with one signature thread per core.
// 2. Proof latency. A hub database (temporary directory, the hub's schema
//    and node storage: hub/store/log_table.h) gets --leaves small entries
//    through AppendLogEntry in transactions of 10,000 (append rate); then
//    --proofs random inclusion proofs at the full size, consistency proofs
//    from a random size and roots of random sizes are read from the stored
//    nodes (p50, p99, max, node reads per proof).
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/harness.h"
#include "core/audit/log_verifier.h"
#include "core/catalog/catalog.h"
#include "core/changeset/changeset.h"
#include "core/crypto/verifier_key.h"
#include "core/log/checkpoint.h"
#include "core/log/compact_range.h"
#include "core/log/log_export.h"
#include "core/log/merkle.h"
#include "core/merge/merge.h"
#include "core/record/decision.h"
#include "core/record/enrollment.h"
#include "core/record/envelope.h"
#include "core/record/genesis.h"
#include "core/store/atomic_file.h"
#include "hub/store/hub_db.h"
#include "hub/store/log_table.h"
#include "hub/store/node_store.h"
#include "tests/testing/sample_rows.h"

namespace {

using namespace gongkai;
using namespace gongkai::bench;

struct Options {
  uint64_t entries = 100000, leaves = 1000000;  // the log; the tree of the proofs
  int proofs = 2000;
  bool cli = true, proof_bench = true;  // --skip-cli, --skip-proofs
  Common common;                        // --audit-bin, --json
};

// Where the text goes (stderr with --json) and the JSON figures.
FILE* g_text = stdout;
boost::json::object g_json{{"benchmark", "audit"}};

std::string RowIdOf(int station, int row) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%06d%06d", station, row);
  return buf;
}

struct BuiltLog {
  std::vector<Bytes> entries;
  std::string checkpoint;  // signed note over all entries
  VerifierKey log_key;
};

// The log of part 1 (see the file comment).
BuiltLog BuildLog(uint64_t n) {
  const std::string origin = "bench.example/town";
  PrivateKey log_key = Check(PrivateKey::FromSeed(Bytes(32, 1)), "log key");
  PrivateKey admin = Check(PrivateKey::FromSeed(Bytes(32, 2)), "admin key");
  BuiltLog out;
  out.log_key = MakeVerifierKey(origin, log_key.public_key());
  auto add = [&](EnvelopeKind k, const std::string& signer, const Bytes& body,
                 const PrivateKey& key) {
    out.entries.push_back(EncodeEnvelope(SignEnvelope(k, signer, body, key)));
  };
  add(EnvelopeKind::kGenesis, origin,
      EncodeGenesis(Genesis{origin, log_key.public_key(), "zhang", admin.public_key(), 1}),
      log_key);

  constexpr int kStations = 50, kRowsPerStation = 20, kApproveEvery = 500;
  struct St {
    std::string id, unit;
    PrivateKey key;
    uint64_t seq = 0;
    Hash32 prev{};
  };
  std::vector<St> stations;
  for (int s = 0; s < kStations; ++s) {
    St st{"village-" + std::to_string(s), "村" + std::to_string(s),
          Check(PrivateKey::FromSeed(Bytes(32, static_cast<uint8_t>(10 + s))), "key")};
    add(EnvelopeKind::kEnrollment, "zhang",
        EncodeEnrollment(Enrollment{st.id, st.unit, st.key.public_key(), "zhang", 2}), admin);
    stations.push_back(std::move(st));
  }
  Catalog catalog;
  std::map<std::string, std::string> proposed;  // row id → contact in the proposed head
  std::vector<IdentifiedChangeSet> undecided;
  uint64_t version = 0;
  auto seal = [&](St& st, std::vector<Op> ops) {
    ChangeSet cs;
    cs.station = st.id;
    cs.seq = ++st.seq;
    cs.prev = st.prev;
    cs.base_version = version;
    cs.created_at = 1700000000 + static_cast<int64_t>(out.entries.size());
    cs.note = "批量测试";
    cs.ops = std::move(ops);
    Bytes body = EncodeChangeSet(cs);
    st.prev = ChangeSetId(body);
    undecided.push_back({st.prev, cs});
    add(EnvelopeKind::kChangeSet, st.id, body, st.key);
  };
  auto approve = [&] {
    MergeResult m = Check(Merge(catalog, undecided, {}), "merge");
    if (!m.unresolved.empty()) Die("unexpected conflict in the generated log");
    Approval a;
    a.version = ++version;
    a.parent_hash = catalog.Hash();
    for (const IdentifiedChangeSet& i : undecided) a.changesets.push_back(i.id);
    a.result_hash = m.catalog.Hash();
    a.admin = "zhang";
    a.decided_at = 3;
    add(EnvelopeKind::kApproval, "zhang", EncodeApproval(a), admin);
    catalog = std::move(m.catalog);
    undecided.clear();
  };
  // Every station creates its rows first, then edits them.
  for (St& st : stations) {
    std::vector<Op> ops;
    for (int r = 0; r < kRowsPerStation; ++r) {
      Row row = VillageRow(RowIdOf(static_cast<int>(&st - stations.data()), r), st.unit);
      proposed[row.id] = row.Get(Field::kContact);
      ops.push_back(CreateOp{row});
    }
    seal(st, std::move(ops));
  }
  approve();
  std::mt19937_64 rng(7);
  uint64_t since_approval = 0;
  while (out.entries.size() + 1 < n) {
    if (++since_approval == kApproveEvery) {
      approve();
      since_approval = 0;
      continue;
    }
    int s = static_cast<int>(rng() % kStations);
    std::string id = RowIdOf(s, static_cast<int>(rng() % kRowsPerStation));
    std::string value = "0375-" + std::to_string(1000000 + out.entries.size());
    seal(stations[s], {SetOp{id, Field::kContact, proposed[id], value}});
    proposed[id] = value;
  }
  approve();  // the last entry

  CompactRange tree;
  for (const Bytes& e : out.entries) tree.Append(LeafHash(e));
  Checkpoint cp{origin, out.entries.size(), tree.Root(), version, catalog.Hash()};
  out.checkpoint = Check(SignCheckpoint(cp, origin, log_key), "sign checkpoint");
  return out;
}

void VerifyInProcess(const BuiltLog& log) {
  auto t0 = Clock::now();
  LogVerifier v;
  for (uint64_t i = 0; i < log.entries.size(); ++i) Check(v.Add(i, log.entries[i]), "verify");
  Checkpoint cp = Check(OpenCheckpoint(log.checkpoint, log.log_key, log.log_key.name), "open");
  Check(v.CheckCheckpoint(cp), "checkpoint");
  double s = Seconds(Clock::now() - t0);
  g_json["entries"] = log.entries.size();
  g_json["verifier_s"] = s;
  g_json["verifier_entries_per_s"] = static_cast<double>(log.entries.size()) / s;
  std::fprintf(g_text, "LogVerifier (in process):       %8.0f entries/s  (%zu entries in %.2f s)\n",
               static_cast<double>(log.entries.size()) / s, log.entries.size(), s);
}

// One `gongkai-audit verify --file` run with --jobs `jobs`; entries/s.
double RunCli(const Options& opts, const BuiltLog& log, const std::string& file, unsigned jobs) {
  std::vector<std::string> argv = {opts.common.audit_bin,
                                   "verify",
                                   "--file",
                                   file,
                                   "--hub-key",
                                   log.log_key.ToString(),
                                   "--quiet",
                                   "--jobs",
                                   std::to_string(jobs)};
  auto t0 = Clock::now();
  // Its report goes to /dev/null, errors stay visible.
  int code = RunProgram(argv, "/dev/null", "");
  double s = Seconds(Clock::now() - t0);
  if (code != 0) Die("gongkai-audit verify failed");
  return static_cast<double>(log.entries.size()) / s;
}

void VerifyWithCli(const Options& opts, const BuiltLog& log, const std::string& dir) {
  std::string file = dir + "/bench.log";
  Bytes bytes = EncodeLogExport(LogExport{log.checkpoint, log.entries});
  Check(
      WriteFileAtomic(
          file, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), 0644),
      "write export");
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  // --jobs 1 (signatures on the rules' thread), then one per core.
  double one = RunCli(opts, log, file, 1);
  double all = cores > 1 ? RunCli(opts, log, file, cores) : one;
  g_json["cli_jobs"] = cores;
  g_json["cli_s"] = static_cast<double>(log.entries.size()) / all;
  g_json["cli_entries_per_s"] = all;
  g_json["cli_jobs1_entries_per_s"] = one;
  g_json["log_export_mb"] = static_cast<double>(bytes.size()) / 1e6;
  std::fprintf(g_text,
               "gongkai-audit verify --file --jobs 1: %8.0f entries/s  (%zu entries, %.1f MB)\n",
               one, log.entries.size(), static_cast<double>(bytes.size()) / 1e6);
  std::fprintf(g_text, "gongkai-audit verify --file --jobs %u: %8.0f entries/s\n", cores, all);
}

struct Stats {
  std::vector<double> us;
  void Print(const char* what, double reads) {
    std::sort(us.begin(), us.end());
    auto at = [&](double q) {
      return us[static_cast<size_t>(q * static_cast<double>(us.size() - 1))];
    };
    std::string key = what;
    key = key.substr(key.find_first_not_of(' '));
    for (char& c : key) c = c == ' ' ? '_' : c;
    g_json[key + "_us"] = boost::json::object{
        {"p50", at(0.5)}, {"p99", at(0.99)}, {"max", us.back()}, {"node_reads", reads}};
    std::fprintf(g_text, "%-32s p50 %7.1f us  p99 %7.1f us  max %7.1f us  (%.1f node reads)\n",
                 what, at(0.5), at(0.99), us.back(), reads);
  }
};

// Counts reads through to the SQLite store.
class CountingStore : public MerkleNodeStore {
 public:
  explicit CountingStore(MerkleNodeStore& s) : s_(s) {}
  Result<std::optional<Hash32>> GetNode(uint32_t level, uint64_t index) override {
    ++reads;
    return s_.GetNode(level, index);
  }
  Status PutNode(uint32_t level, uint64_t index, const Hash32& hash) override {
    return s_.PutNode(level, index, hash);
  }
  uint64_t reads = 0;

 private:
  MerkleNodeStore& s_;
};

void ProofLatency(const Options& opts, const std::string& dir) {
  hub::HubDb db = Check(hub::HubDb::Open(dir + "/proofs.db", /*create=*/true), "open db");
  const uint64_t n = opts.leaves;
  auto t0 = Clock::now();
  Bytes entry(100, 0x5a);
  for (uint64_t done = 0; done < n;) {
    Transaction tx(db.db());
    Check(tx.status(), "begin");
    for (uint64_t k = 0; k < 10000 && done < n; ++k, ++done) {
      std::memcpy(entry.data(), &done, sizeof done);
      Check(hub::AppendLogEntry(db, EnvelopeKind::kChangeSet, entry, 0), "append");
    }
    Check(tx.Commit(), "commit");
  }
  double s = Seconds(Clock::now() - t0);
  g_json["append_leaves"] = n;
  g_json["append_leaves_per_s"] = static_cast<double>(n) / s;
  std::fprintf(g_text,
               "AppendLogEntry + nodes (1 tx / 10,000): %8.0f leaves/s  (%llu leaves, %.1f s, "
               "db %.0f MB)\n",
               static_cast<double>(n) / s, static_cast<unsigned long long>(n), s,
               static_cast<double>(std::filesystem::file_size(dir + "/proofs.db")) / 1e6);

  hub::SqliteNodeStore sqlite(db);
  CountingStore store(sqlite);
  std::mt19937_64 rng(11);
  Hash32 root = Check(Root(store, n), "root");
  Stats incl, cons, roots;
  store.reads = 0;
  for (int i = 0; i < opts.proofs; ++i) {
    uint64_t index = rng() % n;
    auto a = Clock::now();
    std::vector<Hash32> proof = Check(InclusionProof(store, index, n), "inclusion");
    incl.us.push_back(Seconds(Clock::now() - a) * 1e6);
    Hash32 leaf = *Check(store.GetNode(0, index), "leaf");
    Check(VerifyInclusion(leaf, index, n, proof, root), "verify inclusion");
  }
  double incl_reads = static_cast<double>(store.reads) / opts.proofs - 1;
  uint64_t proof_reads = 0;
  for (int i = 0; i < opts.proofs; ++i) {
    uint64_t m = 1 + rng() % (n - 1);
    store.reads = 0;
    auto a = Clock::now();
    std::vector<Hash32> proof = Check(ConsistencyProof(store, m, n), "consistency");
    cons.us.push_back(Seconds(Clock::now() - a) * 1e6);
    proof_reads += store.reads;
    if (i < 50) {
      Hash32 old_root = Check(Root(store, m), "old root");
      Check(VerifyConsistency(m, n, old_root, root, proof), "verify consistency");
    }
  }
  double cons_reads = static_cast<double>(proof_reads) / opts.proofs;
  store.reads = 0;
  for (int i = 0; i < opts.proofs; ++i) {
    uint64_t m = 1 + rng() % n;
    auto a = Clock::now();
    (void)Check(Root(store, m), "root");
    roots.us.push_back(Seconds(Clock::now() - a) * 1e6);
  }
  double root_reads = static_cast<double>(store.reads) / opts.proofs;
  std::fprintf(g_text, "proofs on a %llu-leaf tree (SQLite node store, warm cache):\n",
               static_cast<unsigned long long>(n));
  incl.Print("  inclusion proof", incl_reads);
  cons.Print("  consistency proof", cons_reads);
  roots.Print("  root of a random size", root_reads);
}

}  // namespace

int main(int argc, char** argv) {
  Options opts;
  opts.common = ParseBenchFlags(
      argc, argv,
      {U64Flag("--entries", &opts.entries), U64Flag("--leaves", &opts.leaves),
       IntFlag("--proofs", &opts.proofs), Switch("--skip-cli", [&opts] { opts.cli = false; }),
       Switch("--skip-proofs", [&opts] { opts.proof_bench = false; })},
      "see the comment at the top of bench/audit_bench.cc");
  g_text = opts.common.text();
  if (opts.entries < 200 || opts.leaves < 2) Die("--entries >= 200, --leaves >= 2");
  std::string dir = ScratchDir("audit");

  auto t0 = Clock::now();
  BuiltLog log = BuildLog(opts.entries);
  g_json["build_s"] = Seconds(Clock::now() - t0);
  std::fprintf(g_text, "built a %zu-entry log in %.1f s\n", log.entries.size(),
               Seconds(Clock::now() - t0));
  VerifyInProcess(log);
  if (opts.cli) VerifyWithCli(opts, log, dir);
  log = BuiltLog();
  if (opts.proof_bench) ProofLatency(opts, dir);
  std::filesystem::remove_all(dir);
  if (opts.common.json) std::printf("%s\n", boost::json::serialize(g_json).c_str());
  return 0;
}
