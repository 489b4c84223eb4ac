#include "hub/witness/witness_sender.h"

#include <ctime>
#include <iostream>
#include <random>
#include <vector>

#include "core/base/decimal.h"
#include "core/log/cosignature.h"
#include "core/log/merkle.h"
#include "core/log/note.h"
#include "core/witness/add_checkpoint.h"
#include "hub/log/checkpoints.h"
#include "hub/store/meta_table.h"
#include "hub/store/node_store.h"
#include "hub/store/witness_table.h"
#include "station/sync/https_client.h"

namespace gongkai::hub {

struct WitnessSender::Peer {
  std::string key;  // the witness entry this client was made for
  std::string url;
  std::string cert_sha256;
  std::unique_ptr<station::HttpsClient> client;
  std::chrono::milliseconds backoff{0};
  std::chrono::steady_clock::time_point next_try{};
};

namespace {

// The log's own note: the signed checkpoint without cosignature lines.
std::string LogNoteOnly(const std::string& note, const VerifierKey& log_key) {
  Result<ParsedNote> parsed = ParseNote(note);
  if (!parsed.ok()) return note;
  std::string out = parsed->text + "\n";
  const size_t blank = note.rfind("\n\n");
  std::string_view sigs = std::string_view(note).substr(blank + 2);
  while (!sigs.empty()) {
    const size_t eol = sigs.find('\n');
    std::string_view line = sigs.substr(0, eol + 1);
    sigs.remove_prefix(eol + 1);
    const std::string prefix = std::string(kNoteSignaturePrefix) + log_key.name + " ";
    if (line.starts_with(prefix)) out += line;
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<WitnessSender>> WitnessSender::Open(const std::string& db_path,
                                                           const std::string& log_key_file,
                                                           WitnessSenderOptions opts) {
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(db_path));
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  GK_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::LoadPem(log_key_file));
  return std::unique_ptr<WitnessSender>(
      new WitnessSender(std::move(db), meta.origin, std::move(key), opts));
}

Result<std::unique_ptr<WitnessSender>> WitnessSender::Start(const std::string& db_path,
                                                            const std::string& log_key_file,
                                                            WitnessSenderOptions opts) {
  GK_ASSIGN_OR_RETURN(std::unique_ptr<WitnessSender> s, Open(db_path, log_key_file, opts));
  s->thread_ = std::thread([p = s.get()] { p->Loop(); });
  return s;
}

WitnessSender::WitnessSender(HubDb db, std::string origin, PrivateKey key,
                             WitnessSenderOptions opts)
    : db_(std::move(db)), origin_(std::move(origin)), key_(std::move(key)), opts_(opts) {}

WitnessSender::~WitnessSender() { Stop(); }

void WitnessSender::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WitnessSender::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    lock.unlock();
    RunOnce(static_cast<int64_t>(std::time(nullptr)));
    lock.lock();
    cv_.wait_for(lock, opts_.interval, [this] { return stop_; });
  }
}

WitnessPassReport WitnessSender::RunOnce(int64_t now) {
  WitnessPassReport report;
  Result<std::vector<WitnessEntry>> witnesses = ListWitnesses(db_);
  if (!witnesses.ok()) {
    std::cerr << "见证者列表读取失败，稍后重试: " << witnesses.status().ToString() << std::endl;
    return report;
  }
  if (witnesses->empty()) return report;
  Result<SignedCheckpoint> latest = LatestCheckpoint(db_, origin_, key_, now);
  if (!latest.ok()) {
    std::cerr << "检查点读取失败，稍后重试: " << latest.status().ToString() << std::endl;
    return report;
  }
  const VerifierKey log_key = MakeVerifierKey(origin_, key_.public_key());
  const std::string note = LogNoteOnly(latest->note, log_key);
  const uint64_t n = latest->checkpoint.size;
  const auto clock_now = std::chrono::steady_clock::now();
  static thread_local std::mt19937 rng{std::random_device{}()};

  for (const WitnessEntry& w : *witnesses) {
    std::unique_ptr<Peer>& peer = peers_[w.name];
    if (!peer || peer->key != w.key || peer->url != w.url || peer->cert_sha256 != w.cert_sha256) {
      peer = std::make_unique<Peer>();
      peer->key = w.key;
      peer->url = w.url;
      peer->cert_sha256 = w.cert_sha256;
      Result<station::HttpsEndpoint> ep = station::ParseHubUrl(w.url);
      if (ep.ok()) {
        ep->cert_sha256 = w.cert_sha256;
        ep->pin_advice =
            "见证者 " + w.name +
            " 可能换了证书：向县里核对新的指纹后，先 gongkai-hub witness remove --name " + w.name +
            "，再用 gongkai-hub witness add 登记新的 --cert-sha256。";
        ep->follows_announcements = false;
        station::HttpsTimeouts t;
        t.connect = t.handshake = t.idle = t.request = opts_.timeout;
        station::HttpsOptions o;
        o.compression = false;
        peer->client = std::make_unique<station::HttpsClient>(*ep, t, o);
      }
    }
    if (clock_now < peer->next_try) continue;
    Result<int64_t> at = CosignedAt(db_, w.name, n);
    if (at.ok() && *at > 0 && w.size == n &&
        now - *at < static_cast<int64_t>(opts_.refresh.count())) {
      continue;
    }
    auto fail = [&](const std::string& error) {
      (void)RecordWitnessError(db_, w.name, error, now);
      std::cerr << "见证者 " << w.name << " 没有联署第 " << n << " 条的检查点: " << error
                << std::endl;
      peer->backoff = peer->backoff.count() == 0 ? std::chrono::milliseconds(1000)
                                                 : std::min(opts_.max_backoff, peer->backoff * 2);
      std::uniform_int_distribution<int64_t> jitter(0, peer->backoff.count() / 4);
      peer->next_try = clock_now + peer->backoff + std::chrono::milliseconds(jitter(rng));
      ++report.failed;
    };
    if (!peer->client) {
      fail("bad_witness_url: " + w.url);
      continue;
    }
    Result<VerifierKey> wkey = ParseVerifierKey(w.key, kCosignatureV1KeyType);
    if (!wkey.ok()) {
      fail(wkey.status().ToString());
      continue;
    }
    uint64_t old = w.size;
    bool done = false;
    for (int attempt = 0; attempt < 2 && !done; ++attempt) {
      if (old > n) {
        fail("witness_ahead: 见证者已联署过 " + std::to_string(old) + " 条的检查点，本日志只有 " +
             std::to_string(n) + " 条——日志被回退了？请运行 gongkai-hub check");
        done = true;
        break;
      }
      SqliteNodeStore store(db_);
      Result<std::vector<Hash32>> proof = ConsistencyProof(store, old, n);
      if (!proof.ok()) {
        fail(proof.status().ToString());
        done = true;
        break;
      }
      AddCheckpointRequest req{old, *proof, note};
      Result<station::HttpsResponse> r = peer->client->Request(
          "POST", "/add-checkpoint", "text/plain; charset=utf-8", FormatAddCheckpointRequest(req));
      if (!r.ok()) {
        fail(r.status().ToString());
        done = true;
        break;
      }
      if (r->status == 409 && r->content_type.starts_with(kTlogSizeContentType)) {
        std::string body = r->body;
        if (!body.empty() && body.back() == '\n') body.pop_back();
        std::optional<uint64_t> size = ParseCanonicalDecimal(body);
        if (!size) {
          fail("409 with a bad size: " + r->body);
          done = true;
          break;
        }
        (void)RecordWitnessSize(db_, w.name, *size);
        if (*size == old) {
          // Same size, other root: the witness saw another history.
          fail("witness_conflict: 见证者看到的 " + std::to_string(old) + " 条日志与本日志不同");
          done = true;
          break;
        }
        old = *size;
        continue;
      }
      if (r->status != 200) {
        fail("HTTP " + std::to_string(r->status) + ": " + r->body.substr(0, 200));
        done = true;
        break;
      }
      Result<ParsedNote> parsed = ParseNote(note + r->body);
      Result<std::vector<Cosignature>> cos =
          parsed.ok() ? VerifyCosignatures(*parsed, {&*wkey, 1})
                      : Result<std::vector<Cosignature>>(parsed.status());
      if (!cos.ok() || cos->empty()) {
        fail("bad_cosignature: 见证者的回答里没有它对这个检查点的有效联署");
        done = true;
        break;
      }
      // Keep only the witness's own line.
      std::string line;
      std::string_view rest = r->body;
      const std::string prefix = std::string(kNoteSignaturePrefix) + wkey->name + " ";
      while (!rest.empty()) {
        const size_t eol = rest.find('\n');
        std::string_view l = rest.substr(0, eol == std::string_view::npos ? rest.size() : eol + 1);
        rest.remove_prefix(l.size());
        if (l.starts_with(prefix)) {
          line = std::string(l);
          break;
        }
      }
      Status s = RecordCosignature(db_, w.name, n, line, now);
      if (!s.ok()) {
        fail(s.ToString());
      } else {
        peer->backoff = std::chrono::milliseconds(0);
        peer->next_try = {};
        ++report.cosigned;
      }
      done = true;
    }
    if (!done) fail("witness kept answering 409");
  }
  return report;
}

}  // namespace gongkai::hub
