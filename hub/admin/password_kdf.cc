#include "hub/admin/password_kdf.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "core/base/utf8.h"

namespace gongkai::hub {

Status CheckScryptParams(const ScryptParams& params) {
  if (params.log2_n < 10 || params.log2_n > 20 || params.r < 1 || params.r > 32 || params.p < 1 ||
      params.p > 4) {
    return InvalidArgument("bad_kdf_params", "密钥文件里的 scrypt 参数超出允许范围");
  }
  return Status::Ok();
}

Result<PasswordKeys> DerivePasswordKeys(const std::string& password, const Bytes& salt,
                                        const ScryptParams& params) {
  GK_RETURN_IF_ERROR(CheckScryptParams(params));
  std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr),
                                                        &EVP_KDF_free);
  if (!kdf) return Internal("kdf_failed", "OpenSSL 不支持 scrypt");
  std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()),
                                                                &EVP_KDF_CTX_free);
  if (!ctx) return Internal("kdf_failed", "scrypt 初始化失败");
  uint64_t n = uint64_t{1} << params.log2_n;
  uint32_t r = params.r;
  uint32_t p = params.p;
  uint64_t maxmem = uint64_t{256} << 20;
  OSSL_PARAM ps[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, const_cast<char*>(password.data()),
                                        password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<uint8_t*>(salt.data()),
                                        salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
      OSSL_PARAM_construct_end()};
  uint8_t out[64];
  if (EVP_KDF_derive(ctx.get(), out, sizeof out, ps) != 1) {
    return Internal("kdf_failed", "scrypt 计算失败（内存不足？）");
  }
  PasswordKeys keys;
  std::copy(out, out + 32, keys.password_hash.begin());
  std::copy(out + 32, out + 64, keys.encryption_key.begin());
  OPENSSL_cleanse(out, sizeof out);
  return keys;
}

bool ConstantTimeEqual(const uint8_t* a, const uint8_t* b, size_t n) {
  return CRYPTO_memcmp(a, b, n) == 0;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Bytes RandomBytes(size_t n) {
  Bytes b(n);
  if (n > 0 && RAND_bytes(b.data(), static_cast<int>(n)) != 1) std::abort();
  return b;
}

Status CheckNewPassword(const std::string& password) {
  if (!IsValidUtf8(password)) {
    return InvalidArgument("bad_password_text", "密码不是有效的文字 (UTF-8)", "password");
  }
  for (unsigned char c : password) {
    if (c < 0x20 || c == 0x7f) {
      return InvalidArgument("bad_password_text", "密码里不能有控制字符", "password");
    }
  }
  if (password.size() < 8) {
    return InvalidArgument("password_too_short", "密码太短，至少要 8 个字符", "password");
  }
  if (password.size() > 256) {
    return InvalidArgument("password_too_long", "密码太长，最多 256 个字节", "password");
  }
  return Status::Ok();
}

}  // namespace gongkai::hub
