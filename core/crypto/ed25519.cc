#include "core/crypto/ed25519.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "core/crypto/signature_batch.h"
#include "core/store/atomic_file.h"

namespace gongkai {
namespace {

EVP_PKEY* AsPkey(const std::shared_ptr<void>& p) { return static_cast<EVP_PKEY*>(p.get()); }

bool RawPublic(EVP_PKEY* pkey, PublicKey* out) {
  size_t len = out->size();
  return EVP_PKEY_get_raw_public_key(pkey, out->data(), &len) == 1 && len == out->size();
}

}  // namespace

void PrivateKey::Deleter::operator()(void* p) const { EVP_PKEY_free(static_cast<EVP_PKEY*>(p)); }

PrivateKey::PrivateKey(void* pkey) : pkey_(pkey, Deleter()) {
  RawPublic(AsPkey(pkey_), &public_key_);
}

Result<PrivateKey> PrivateKey::Generate() {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr);
  EVP_PKEY* pkey = nullptr;
  bool ok = ctx && EVP_PKEY_keygen_init(ctx) == 1 && EVP_PKEY_keygen(ctx, &pkey) == 1;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) return Internal("keygen_failed", "无法生成 Ed25519 密钥 (could not generate key)");
  return PrivateKey(pkey);
}

Result<PrivateKey> PrivateKey::FromSeed(const Bytes& seed32) {
  if (seed32.size() != 32) {
    return InvalidArgument("bad_seed", "an Ed25519 seed is 32 bytes");
  }
  EVP_PKEY* pkey =
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed32.data(), seed32.size());
  if (!pkey) return InvalidArgument("bad_seed", "OpenSSL refused the Ed25519 seed");
  return PrivateKey(pkey);
}

std::string PrivateKey::ToPem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, AsPkey(pkey_), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  return pem;
}

Result<PrivateKey> PrivateKey::FromPem(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (!pkey) return DataLoss("bad_key_file", "私钥文件无法读取 (not a PEM private key)");
  if (EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(pkey);
    return DataLoss("bad_key_file", "私钥不是 Ed25519 密钥 (not an Ed25519 key)");
  }
  return PrivateKey(pkey);
}

Result<PrivateKey> PrivateKey::LoadPem(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("key_missing", "找不到私钥文件 " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return FromPem(ss.str());
}

Status PrivateKey::SavePem(const std::string& path) const {
  if (::access(path.c_str(), F_OK) == 0) {
    return Status(Code::kAlreadyExists, "key_exists", "私钥文件已存在，不会覆盖: " + path);
  }
  return WriteFileAtomic(path, ToPem(), 0600);
}

Signature PrivateKey::Sign(const uint8_t* msg, size_t len) const {
  Signature sig{};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t sig_len = sig.size();
  if (!ctx || EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, AsPkey(pkey_)) != 1 ||
      EVP_DigestSign(ctx, sig.data(), &sig_len, msg, len) != 1) {
    EVP_MD_CTX_free(ctx);
    std::abort();  // cannot happen with a valid Ed25519 key
  }
  EVP_MD_CTX_free(ctx);
  return sig;
}

namespace {

// Parsed public keys, one EVP_PKEY per key, shared by every thread: a town
// has a few hundred station and administrator keys and each verifies
// thousands of signatures, so OpenSSL parses each key once rather than
// once per signature. EVP_PKEY is reference-counted and safe to use from
// several threads once made. Bounded: past kMaxCachedKeys distinct keys the
// cache starts afresh (a key only costs a parse to make again).
constexpr size_t kMaxCachedKeys = 4096;

struct PublicKeyHasher {
  size_t operator()(const PublicKey& k) const {
    size_t v = 0;
    std::memcpy(&v, k.data(), sizeof v);
    return v;
  }
};

class PublicKeyCache {
 public:
  std::shared_ptr<EVP_PKEY> Get(const PublicKey& key) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = keys_.find(key);
      if (it != keys_.end()) return it->second;
    }
    EVP_PKEY* raw = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.data(), key.size());
    if (!raw) return nullptr;  // not cached: an invalid key is rare and cheap to refuse
    std::shared_ptr<EVP_PKEY> pkey(raw, EVP_PKEY_free);
    std::lock_guard<std::mutex> lock(mu_);
    if (keys_.size() >= kMaxCachedKeys) keys_.clear();
    return keys_.emplace(key, std::move(pkey)).first->second;
  }

 private:
  std::mutex mu_;
  std::unordered_map<PublicKey, std::shared_ptr<EVP_PKEY>, PublicKeyHasher> keys_;
};

PublicKeyCache& Keys() {
  static PublicKeyCache* cache = new PublicKeyCache();  // never destroyed: used until exit
  return *cache;
}

}  // namespace

bool Ed25519Verify(const PublicKey& key, const uint8_t* msg, size_t len, const Signature& sig) {
  if (const SignatureBatch* done = ScopedVerifiedSignatures::Current();
      done && done->Verified(key, msg, len, sig)) {
    return true;
  }
  std::shared_ptr<EVP_PKEY> pkey = Keys().Get(key);
  if (!pkey) return false;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, pkey.get()) == 1 &&
            EVP_DigestVerify(ctx, sig.data(), sig.size(), msg, len) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

std::string PublicKeyPem(const PublicKey& key) {
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.data(), key.size());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, pkey);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  EVP_PKEY_free(pkey);
  return pem;
}

}  // namespace gongkai
