#include "hub/tls/cert_fingerprint.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

#include "core/crypto/sha256.h"

namespace gongkai::hub {
namespace {

struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};

std::unique_ptr<X509, X509Free> ReadLeaf(const std::string& pem) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return nullptr;
  return std::unique_ptr<X509, X509Free>(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

Status BadCert() {
  return InvalidArgument("bad_certificate", "无法读取 TLS 证书 (PEM)，请检查证书文件", "tls-cert");
}

}  // namespace

Result<Hash32> CertFingerprintFromPem(const std::string& pem) {
  auto cert = ReadLeaf(pem);
  if (!cert) return BadCert();
  unsigned char* der = nullptr;
  int len = i2d_X509(cert.get(), &der);
  if (len <= 0) return BadCert();
  Hash32 h = Sha256(der, static_cast<size_t>(len));
  OPENSSL_free(der);
  return h;
}

namespace {

bool Seconds(const ASN1_TIME* t, int64_t* out) {
  struct tm tm {};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return false;
  *out = static_cast<int64_t>(timegm(&tm));
  return true;
}

}  // namespace

Result<CertFacts> ReadCertFacts(const std::string& pem) {
  GK_ASSIGN_OR_RETURN(Hash32 fp, CertFingerprintFromPem(pem));
  auto cert = ReadLeaf(pem);
  if (!cert) return BadCert();
  CertFacts f;
  f.sha256 = fp;
  unsigned char* der = nullptr;
  int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &der);
  if (len <= 0) return BadCert();
  f.spki_sha256 = Sha256(der, static_cast<size_t>(len));
  OPENSSL_free(der);
  if (!Seconds(X509_get0_notBefore(cert.get()), &f.not_before) ||
      !Seconds(X509_get0_notAfter(cert.get()), &f.not_after)) {
    return BadCert();
  }
  return f;
}

Status CheckKeyMatchesCert(const std::string& key_pem, const std::string& cert_pem) {
  auto cert = ReadLeaf(cert_pem);
  if (!cert) return BadCert();
  std::unique_ptr<BIO, BioFree> bio(
      BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
  std::unique_ptr<EVP_PKEY, PkeyFree> key(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key) {
    return InvalidArgument("bad_tls_key", "无法读取 TLS 私钥 (PEM，不能有密码保护)", "tls-key");
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return InvalidArgument("key_mismatch", "TLS 私钥与证书不匹配 (key does not match certificate)",
                           "tls-key");
  }
  return Status::Ok();
}

}  // namespace gongkai::hub
