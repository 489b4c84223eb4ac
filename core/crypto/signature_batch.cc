#include "core/crypto/signature_batch.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

namespace gongkai {
namespace {

thread_local const SignatureBatch* g_current = nullptr;

}  // namespace

size_t SignatureBatch::SigHasher::operator()(const Signature& s) const {
  // The first half of a signature (R) is a curve point the signer derives
  // from a hash: uniformly spread for honest signers; a forged collision
  // only costs a longer bucket, and every hit is compared in full.
  size_t v = 0;
  std::memcpy(&v, s.data(), sizeof v);
  return v;
}

void SignatureBatch::Add(const PublicKey& key, Bytes message, const Signature& sig) {
  by_sig_.emplace(sig, checks_.size());
  checks_.push_back(Check{key, std::move(message), sig, false});
}

unsigned EffectiveJobs(unsigned jobs) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  return std::min(jobs, 256u);
}

void SignatureBatch::VerifyAll(unsigned jobs) {
  const size_t n = checks_.size();
  if (n == 0) return;
  const unsigned threads = static_cast<unsigned>(std::min<size_t>(EffectiveJobs(jobs), n));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
      Check& c = checks_[i];
      c.valid = Ed25519Verify(c.key, c.message.data(), c.message.size(), c.sig);
    }
  };
  std::vector<std::thread> helpers;
  helpers.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) {
    helpers.emplace_back([&] {
      work();
      OPENSSL_thread_stop();  // the helper's OpenSSL per-thread state
    });
  }
  work();
  for (std::thread& h : helpers) h.join();
}

bool SignatureBatch::Verified(const PublicKey& key, const uint8_t* msg, size_t len,
                              const Signature& sig) const {
  auto [begin, end] = by_sig_.equal_range(sig);
  for (auto it = begin; it != end; ++it) {
    const Check& c = checks_[it->second];
    if (c.valid && c.key == key && c.message.size() == len &&
        (len == 0 || std::memcmp(c.message.data(), msg, len) == 0)) {
      return true;
    }
  }
  return false;
}

ScopedVerifiedSignatures::ScopedVerifiedSignatures(const SignatureBatch& batch)
    : previous_(g_current) {
  g_current = &batch;
}

ScopedVerifiedSignatures::~ScopedVerifiedSignatures() { g_current = previous_; }

const SignatureBatch* ScopedVerifiedSignatures::Current() { return g_current; }

}  // namespace gongkai
