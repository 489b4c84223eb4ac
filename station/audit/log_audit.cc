#include "station/audit/log_audit.h"

#include <random>
#include <set>
#include <tuple>

#include "core/base/reasons.h"
#include "core/log/merkle.h"
#include "station/audit/resume_state.h"

namespace gongkai::station {
namespace {

std::string Sizes(uint64_t n) { return std::to_string(n) + " 条"; }

}  // namespace

bool LogAudit::Fail(Status s, bool invalid, std::optional<uint64_t> index, std::string detail) {
  failure_ = AuditFailure{std::move(s), invalid, index, std::move(detail)};
  return false;
}

bool LogAudit::Run() {
  auto t0 = std::chrono::steady_clock::now();
  report_.source = source_.Describe();
  if (!LoadState()) return false;
  for (LogObserver* o : observers_) verifier_.AddObserver(o);
  if (!ResolveKey()) return false;

  Result<std::string> note = source_.CheckpointNote();
  if (!note.ok()) return Fail(note.status(), false);
  note_ = *note;
  if (!OpenNote(note_, &checkpoint_)) return false;
  if (opts_.witness.required()) {
    Result<std::vector<Cosignature>> cos = CheckWitnessed(note_, opts_.witness, opts_.now);
    if (!cos.ok()) {
      return Fail(cos.status(), true, std::nullopt,
                  "集镇中心提供的检查点（" + Sizes(checkpoint_.size) +
                      "）没有县里见证者的足够联署：它可能只给你看了一份别人没见过的历史 "
                      "(the checkpoint was not witnessed: a fork or a rollback)");
    }
    report_.cosignatures = *cos;
  }
  if (accepted_ && !CheckAgainst(*accepted_, "上次核验通过的")) return false;
  if (target_ && !CheckAgainst(*target_, "上次未核验完的")) return false;
  if (leaves_.size() > checkpoint_.size) {
    std::optional<uint64_t> d = FirstDifference(checkpoint_.size);
    return Fail(DataLoss("history_rewound",
                         "集镇中心的日志倒退了：新检查点只有 " + Sizes(checkpoint_.size) +
                             "，而你已经核验过它提供的 " + Sizes(leaves_.size()) +
                             " (the hub's log shrank: history was rewound)"),
                true, d ? d : std::optional<uint64_t>(checkpoint_.size));
  }
  report_.previous = accepted_;
  report_.resumed_from = verifier_.size();
  if (!Recheck()) return false;
  target_ = checkpoint_;
  target_note_ = note_;

  if (!Download()) return false;
  Status s = verifier_.CheckCheckpoint(checkpoint_);
  if (!s.ok()) {
    std::optional<uint64_t> d;
    if (s.reason() == reason::kRootMismatch) d = FirstDifference(checkpoint_.size);
    std::string detail = d ? "第 " + std::to_string(*d) +
                                 " 条记录是第一条与集镇中心签名的树不一致的记录 (first "
                                 "entry that differs from the signed tree)"
                           : "";
    if (!d && s.reason() == reason::kRootMismatch && !source_.ProofsLocateDifferences()) {
      detail = "单凭这个文件无法确定是哪一条记录被改动、删除或调换：请直接核验集镇中心 "
               "(verify --hub)，或与另一份导出文件逐条比较 (a file alone cannot tell which "
               "entry differs from the signed root)";
    }
    return Fail(DataLoss(s.reason(), "下载的记录与集镇中心签名的检查点不符: " + s.message()), true,
                d, detail);
  }
  accepted_ = checkpoint_;
  accepted_note_ = note_;
  target_.reset();
  target_note_.clear();
  if (!Save(true)) return false;

  report_.checkpoint = checkpoint_;
  report_.log_key = *opts_.hub_key;
  report_.verified_now = verifier_.size() - report_.resumed_from;
  report_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& [id, st] : verifier_.state().stations) {
    ++report_.stations;
    if (st.revoked) ++report_.revoked_stations;
  }
  report_.pending = verifier_.state().pending.size();
  return true;
}

bool LogAudit::LoadState() {
  if (opts_.state_file.empty()) return true;
  Result<std::optional<ResumeState>> loaded = LoadResumeState(opts_.state_file);
  if (!loaded.ok()) return Fail(loaded.status(), false);
  if (!*loaded) return true;
  ResumeState& st = **loaded;
  if (opts_.hub_key && st.hub_key != opts_.hub_key->ToString()) {
    return Fail(FailedPrecondition("state_other_hub",
                                   "进度文件 " + opts_.state_file + " 是用另一把日志公钥（" +
                                       st.hub_key + "）核验的，不能混用；请换一个 --state 文件"),
                false);
  }
  if (!opts_.hub_key) {
    Result<VerifierKey> k = ParseVerifierKey(st.hub_key);
    if (!k.ok()) return Fail(DataLoss("state_corrupt", "进度文件里的日志公钥无法解析"), false);
    opts_.hub_key = *k;
  }
  Result<LogVerifier> v = LogVerifier::LoadState(st.verifier);
  if (!v.ok()) return Fail(v.status(), false);
  verifier_ = std::move(v).value();
  leaves_ = std::move(st.leaves);
  if (leaves_.size() != verifier_.size()) {
    return Fail(
        DataLoss("state_corrupt", "进度文件自相矛盾（叶子哈希数与核验条数不符），请删除后重新核验"),
        false);
  }
  last_saved_ = verifier_.size();
  for (auto [text, cp, saved] : {std::tuple{&st.accepted, &accepted_, &accepted_note_},
                                 std::tuple{&st.target, &target_, &target_note_}}) {
    if (text->empty()) continue;
    Result<Checkpoint> c = OpenCheckpoint(*text, *opts_.hub_key, opts_.hub_key->name);
    if (!c.ok())
      return Fail(DataLoss("state_corrupt", "进度文件里的检查点无法验证: " + c.status().message()),
                  false);
    *cp = *c;
    *saved = *text;
  }
  return true;
}

bool LogAudit::ResolveKey() {
  if (opts_.hub_key) return true;
  report_.key_from_genesis = true;
  if (verifier_.size() > 0) {
    opts_.hub_key = verifier_.log_verifier_key();
    return true;
  }
  Result<std::vector<Bytes>> first = source_.Entries(0, 1);
  if (!first.ok()) return Fail(first.status(), false);
  LogVerifier scratch;
  Status s = scratch.Add(0, first->front());
  if (!s.ok()) return Fail(s, true, 0);
  opts_.hub_key = scratch.log_verifier_key();
  return true;
}

bool LogAudit::OpenNote(const std::string& note, Checkpoint* cp) {
  Result<Checkpoint> c = OpenCheckpoint(note, *opts_.hub_key, opts_.hub_key->name);
  if (!c.ok()) {
    const Status& s = c.status();
    return Fail(Status(s.code(), s.reason(),
                       "集镇中心的检查点没有通过验证（签名、日志公钥或格式）: " + s.message()),
                true);
  }
  *cp = *c;
  return true;
}

bool LogAudit::CheckAgainst(const Checkpoint& prev, const char* what) {
  const Checkpoint& now = checkpoint_;
  if (now.size < prev.size) {
    std::optional<uint64_t> d = FirstDifference(std::min<uint64_t>(leaves_.size(), now.size));
    return Fail(
        DataLoss("history_rewound", "集镇中心的日志倒退了：新检查点只有 " + Sizes(now.size) +
                                        "，而" + what + "检查点是它签名的 " + Sizes(prev.size) +
                                        " (the hub's signed log shrank: history was rewound)"),
        true, d ? d : std::optional<uint64_t>(now.size));
  }
  Result<std::vector<Hash32>> proof = source_.ConsistencyProof(prev.size, now.size);
  if (!proof.ok()) return Fail(proof.status(), false);
  Status s = VerifyConsistency(prev.size, now.size, prev.root, now.root, *proof);
  if (s.ok()) return true;
  std::optional<uint64_t> d = FirstDifference(std::min<uint64_t>(leaves_.size(), prev.size));
  if (!d && leaves_.size() < prev.size) d = leaves_.size();
  return Fail(DataLoss("history_forked",
                       "集镇中心的历史被改写（分叉）：新检查点（" + Sizes(now.size) + "）与" +
                           what + "检查点（" + Sizes(prev.size) +
                           "）不一致 (the new checkpoint does not extend the one seen before: "
                           "forked history; " +
                           s.reason() + ")"),
              true, d);
}

bool LogAudit::Recheck() {
  const uint64_t have = leaves_.size();
  if (have == 0) return true;
  std::vector<std::pair<uint64_t, uint64_t>> ranges;  // [start, end)
  if (opts_.recheck_all || opts_.recheck_sample >= have) {
    ranges.emplace_back(0, have);
  } else {
    std::set<uint64_t> picked{have - 1};
    std::mt19937_64 rng(std::random_device{}());
    std::uniform_int_distribution<uint64_t> any(0, have - 1);
    while (picked.size() < opts_.recheck_sample + 1) picked.insert(any(rng));
    for (uint64_t i : picked) ranges.emplace_back(i, i + 1);
  }
  for (auto [start, end] : ranges) {
    while (start < end) {
      Result<std::vector<Bytes>> batch = source_.Entries(start, std::min(end, start + opts_.batch));
      if (!batch.ok()) {
        const Status& s = batch.status();
        return Fail(Status(s.code(), s.reason(),
                           EntryPrefix(start) + "无法再次取得这条已核验过的记录: " + s.message()),
                    s.reason() == reason::kLogEntryMissing, start);
      }
      for (const Bytes& e : *batch) {
        if (LeafHash(e) != leaves_[start]) {
          return Fail(DataLoss("entry_rewritten",
                               EntryPrefix(start) +
                                   "集镇中心现在提供的这条记录与你以前核验过的不同：旧记录被改写了 "
                                   "(an entry verified before is now served with other bytes)"),
                      true, start);
        }
        ++report_.rechecked;
        if (++start == end) break;
      }
    }
  }
  return true;
}

bool LogAudit::Download() {
  const uint64_t n = checkpoint_.size;
  while (verifier_.size() < n) {
    const uint64_t start = verifier_.size();
    Result<std::vector<Bytes>> batch = source_.Entries(start, std::min(n, start + opts_.batch));
    if (!batch.ok()) {
      (void)Save(false);
      const Status& s = batch.status();
      bool missing = s.reason() == reason::kLogEntryMissing;
      return Fail(Status(s.code(), s.reason(),
                         EntryPrefix(start) +
                             "无法取得这条记录，而集镇中心签名的检查点包含它: " + s.message()),
                  missing, start);
    }
    SignatureBatch signatures;
    if (EffectiveJobs(opts_.jobs) > 1) {
      verifier_.CollectSignatures(*batch, &signatures);
      signatures.VerifyAll(opts_.jobs);
    }
    ScopedVerifiedSignatures verified(signatures);
    for (const Bytes& e : *batch) {
      const uint64_t i = verifier_.size();
      Status s = verifier_.Add(i, e);
      if (s.ok() && i == 0) s = verifier_.CheckLogKey(*opts_.hub_key);
      if (!s.ok()) {
        if (i > 0) (void)Save(false);
        return Fail(s, true, i, InclusionEvidence(i, e));
      }
      leaves_.push_back(LeafHash(e));
    }
    if (opts_.progress) opts_.progress(verifier_.size(), n);
    if (!opts_.state_file.empty() && verifier_.size() - last_saved_ >= opts_.save_every) {
      if (!Save(false)) return false;
    }
  }
  return true;
}

bool LogAudit::Save(bool /*accepted*/) {
  if (opts_.state_file.empty()) return true;
  ResumeState st;
  st.hub_key = opts_.hub_key->ToString();
  st.accepted = accepted_note_;
  st.target = target_ ? target_note_ : std::string();
  st.verifier = verifier_.SaveState();
  st.leaves = leaves_;
  Status s = SaveResumeState(opts_.state_file, st);
  if (!s.ok()) return Fail(s, false);
  last_saved_ = verifier_.size();
  return true;
}

std::optional<uint64_t> LogAudit::FirstDifference(uint64_t limit) {
  if (!source_.ProofsLocateDifferences()) return std::nullopt;
  limit = std::min<uint64_t>(limit, leaves_.size());
  if (limit == 0) return std::nullopt;
  MemoryNodeStore store;
  for (uint64_t i = 0; i < limit; ++i) {
    if (!store.Append(leaves_[i]).ok()) return std::nullopt;
  }
  const Checkpoint& cp = checkpoint_;
  auto consistent = [&](uint64_t m) -> std::optional<bool> {
    Result<Hash32> root = Root(store, m);
    if (!root.ok()) return std::nullopt;
    Result<std::vector<Hash32>> proof = source_.ConsistencyProof(m, cp.size);
    if (!proof.ok()) return std::nullopt;
    return VerifyConsistency(m, cp.size, *root, cp.root, *proof).ok();
  };
  std::optional<bool> top = consistent(limit);
  if (!top || *top) return std::nullopt;
  uint64_t lo = 0, hi = limit;  // prefix lo agrees (trivially for 0), prefix hi does not
  while (hi - lo > 1) {
    uint64_t mid = lo + (hi - lo) / 2;
    std::optional<bool> c = consistent(mid);
    if (!c) return std::nullopt;
    (*c ? lo : hi) = mid;
  }
  return hi - 1;
}

std::string LogAudit::InclusionEvidence(uint64_t index, const Bytes& leaf) {
  Result<std::vector<Hash32>> proof = source_.InclusionProof(index, checkpoint_.size);
  if (!proof.ok()) return {};
  if (VerifyInclusion(LeafHash(leaf), index, checkpoint_.size, *proof, checkpoint_.root).ok()) {
    return "集镇中心签名的检查点（" + Sizes(checkpoint_.size) +
           "）包含这条记录：这是集镇中心签过名的证据，请保存检查点 (the signed checkpoint "
           "includes this entry)";
  }
  return "这条记录不是集镇中心签名的检查点所承诺的那一条：集镇中心提供的记录与其签名不一致 (the "
         "served entry is not the one the signed checkpoint commits to)";
}

}  // namespace gongkai::station
