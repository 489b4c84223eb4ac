#include "core/crypto/ed25519.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

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

bool Ed25519Verify(const PublicKey& key, const uint8_t* msg, size_t len, const Signature& sig) {
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.data(), key.size());
  if (!pkey) return false;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, pkey) == 1 &&
            EVP_DigestVerify(ctx, sig.data(), sig.size(), msg, len) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(pkey);
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
