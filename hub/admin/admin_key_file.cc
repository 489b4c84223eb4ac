#include "hub/admin/admin_key_file.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/store/atomic_file.h"

namespace gongkai::hub {
namespace {

constexpr char kMagic[8] = {'G', 'K', 'A', 'D', 'M', 'K', 'E', 'Y'};
constexpr uint8_t kVersion = 1;
constexpr uint8_t kKdfScrypt = 1;

void PutU32(Bytes& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}
uint32_t GetU32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// Bytes [0, 79): everything before the ciphertext, the GCM associated data.
Bytes Header(const AdminKeyFile& f) {
  Bytes out(kMagic, kMagic + 8);
  out.push_back(kVersion);
  out.push_back(kKdfScrypt);
  out.push_back(f.params.log2_n);
  PutU32(out, f.params.r);
  PutU32(out, f.params.p);
  out.insert(out.end(), f.salt.begin(), f.salt.end());
  out.insert(out.end(), f.password_hash.begin(), f.password_hash.end());
  out.insert(out.end(), f.nonce.begin(), f.nonce.end());
  return out;
}

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

}  // namespace

std::string AdminEncryptedKeyPath(const HubPaths& paths, const std::string& name) {
  return paths.admin_key(name) + ".enc";
}

Bytes EncodeAdminKeyFile(const AdminKeyFile& f) {
  Bytes out = Header(f);
  out.insert(out.end(), f.ciphertext.begin(), f.ciphertext.end());
  out.insert(out.end(), f.tag.begin(), f.tag.end());
  return out;
}

Result<AdminKeyFile> DecodeAdminKeyFile(const Bytes& b) {
  if (b.size() != kAdminKeyFileSize || std::memcmp(b.data(), kMagic, 8) != 0) {
    return DataLoss("not_admin_key_file", "这不是加密的管理员密钥文件 (GKADMKEY)");
  }
  if (b[8] != kVersion || b[9] != kKdfScrypt) {
    return DataLoss("unsupported_format", "管理员密钥文件的格式版本不认识，请升级 gongkai-hub");
  }
  AdminKeyFile f;
  f.params.log2_n = b[10];
  f.params.r = GetU32(&b[11]);
  f.params.p = GetU32(&b[15]);
  GK_RETURN_IF_ERROR(CheckScryptParams(f.params));
  std::memcpy(f.salt.data(), &b[19], 16);
  std::memcpy(f.password_hash.data(), &b[35], 32);
  std::memcpy(f.nonce.data(), &b[67], 12);
  std::memcpy(f.ciphertext.data(), &b[79], 32);
  std::memcpy(f.tag.data(), &b[111], 16);
  return f;
}

Result<AdminKeyFile> SealAdminKey(const PrivateKey& key, const std::string& password,
                                  const ScryptParams& params, const std::array<uint8_t, 16>& salt,
                                  const std::array<uint8_t, 12>& nonce) {
  GK_ASSIGN_OR_RETURN(Bytes seed, PrivateKeySeed(key));
  GK_ASSIGN_OR_RETURN(PasswordKeys keys,
                      DerivePasswordKeys(password, Bytes(salt.begin(), salt.end()), params));
  AdminKeyFile f;
  f.params = params;
  f.salt = salt;
  f.password_hash = keys.password_hash;
  f.nonce = nonce;
  Bytes aad = Header(f);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) &&
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, keys.encryption_key.data(), nonce.data()) &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) &&
      EVP_EncryptUpdate(ctx.get(), f.ciphertext.data(), &len, seed.data(), 32) && len == 32 &&
      EVP_EncryptFinal_ex(ctx.get(), f.ciphertext.data() + 32, &len) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, f.tag.data());
  OPENSSL_cleanse(seed.data(), seed.size());
  OPENSSL_cleanse(keys.encryption_key.data(), keys.encryption_key.size());
  if (!ok) return Internal("encrypt_failed", "加密管理员密钥失败");
  return f;
}

Result<AdminKeyFile> SealAdminKey(const PrivateKey& key, const std::string& password,
                                  const ScryptParams& params) {
  std::array<uint8_t, 16> salt;
  std::array<uint8_t, 12> nonce;
  Bytes s = RandomBytes(16), n = RandomBytes(12);
  std::copy(s.begin(), s.end(), salt.begin());
  std::copy(n.begin(), n.end(), nonce.begin());
  return SealAdminKey(key, password, params, salt, nonce);
}

Result<PrivateKey> UnlockAdminKey(const AdminKeyFile& f, const std::string& password) {
  GK_ASSIGN_OR_RETURN(PasswordKeys keys,
                      DerivePasswordKeys(password, Bytes(f.salt.begin(), f.salt.end()), f.params));
  if (!ConstantTimeEqual(keys.password_hash.data(), f.password_hash.data(), 32)) {
    OPENSSL_cleanse(keys.encryption_key.data(), keys.encryption_key.size());
    return Unauthenticated("wrong_password", "密码不对");
  }
  Bytes aad = Header(f);
  Bytes seed(32);
  std::array<uint8_t, 16> tag = f.tag;
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  bool ok =
      ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) &&
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, keys.encryption_key.data(), f.nonce.data()) &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) &&
      EVP_DecryptUpdate(ctx.get(), seed.data(), &len, f.ciphertext.data(), 32) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data()) &&
      EVP_DecryptFinal_ex(ctx.get(), seed.data() + 32, &len) > 0;
  OPENSSL_cleanse(keys.encryption_key.data(), keys.encryption_key.size());
  if (!ok) {
    OPENSSL_cleanse(seed.data(), seed.size());
    return DataLoss("admin_key_corrupt", "管理员密钥文件已损坏（密码正确但无法解密）");
  }
  Result<PrivateKey> key = PrivateKey::FromSeed(seed);
  OPENSSL_cleanse(seed.data(), seed.size());
  return key;
}

Result<AdminKeyFile> LoadAdminKeyFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return NotFound("no_admin_key", "找不到加密的管理员密钥文件 " + path);
  }
  if ((st.st_mode & 077) != 0) {
    return PermissionDenied(
        "key_permissions",
        "密钥文件 " + path + " 的权限过宽，其他用户可读；请运行 chmod 600 " + path);
  }
  GK_ASSIGN_OR_RETURN(std::string text, ReadFile(path, 4096));
  return DecodeAdminKeyFile(Bytes(text.begin(), text.end()));
}

Status SaveAdminKeyFile(const std::string& path, const AdminKeyFile& f) {
  Bytes b = EncodeAdminKeyFile(f);
  return WriteFileAtomic(path, std::string_view(reinterpret_cast<const char*>(b.data()), b.size()),
                         0600);
}

Result<Bytes> PrivateKeySeed(const PrivateKey& key) {
  std::string pem = key.ToPem();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return Internal("key_export_failed", "无法读取私钥");
  // The BIO reads `pem` in place: wipe it only after parsing.
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  OPENSSL_cleanse(pem.data(), pem.size());
  Bytes seed(32);
  size_t n = seed.size();
  if (!pkey || EVP_PKEY_get_raw_private_key(pkey.get(), seed.data(), &n) != 1 || n != 32) {
    return Internal("key_export_failed", "无法读取私钥");
  }
  return seed;
}

}  // namespace gongkai::hub
