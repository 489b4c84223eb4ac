#include "hub/tls/self_signed_cert.h"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace gongkai::hub {
namespace {

template <auto F>
struct Free {
  template <typename T>
  void operator()(T* p) const {
    F(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Free<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Free<BIO_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Free<BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Free<X509_EXTENSION_free>>;

Status OpensslError(const char* what) {
  return Internal("openssl_error", std::string("生成 TLS 证书失败 (OpenSSL): ") + what);
}

bool IsIpLiteral(const std::string& name) {
  unsigned char buf[16];
  return inet_pton(AF_INET, name.c_str(), buf) == 1 || inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

Status AddExtension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) return OpensslError(value.c_str());
  return Status::Ok();
}

}  // namespace

Result<TlsKeyPair> MakeSelfSignedCert(const std::string& common_name,
                                      const std::vector<std::string>& extra_names, int days) {
  std::string san = "DNS:localhost,IP:127.0.0.1,IP:::1";
  for (const std::string& name : extra_names) {
    bool ok = !name.empty() && name.size() <= 253;
    for (char c : name) {
      ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '.' || c == ':' || c == '*');
    }
    if (!ok) {
      return InvalidArgument("bad_san", "证书名称只能是域名或 IP 地址: " + name, "tls-san");
    }
    san += (IsIpLiteral(name) ? ",IP:" : ",DNS:") + name;
  }

  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return OpensslError("EVP_EC_gen");
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) return OpensslError("X509_new");

  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return OpensslError("RAND_bytes");
  serial[0] &= 0x7F;  // a positive INTEGER
  BnPtr bn(BN_bin2bn(serial, sizeof serial, nullptr));
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()))) {
    return OpensslError("serial");
  }
  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
      !X509_time_adj_ex(X509_getm_notAfter(cert.get()), days, 0, nullptr)) {
    return OpensslError("validity");
  }
  X509_NAME* subject = X509_get_subject_name(cert.get());
  if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                 -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), subject) != 1 ||
      X509_set_pubkey(cert.get(), key.get()) != 1) {
    return OpensslError("subject");
  }
  GK_RETURN_IF_ERROR(AddExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE"));
  GK_RETURN_IF_ERROR(AddExtension(cert.get(), NID_key_usage, "critical,digitalSignature"));
  GK_RETURN_IF_ERROR(AddExtension(cert.get(), NID_ext_key_usage, "serverAuth"));
  GK_RETURN_IF_ERROR(AddExtension(cert.get(), NID_subject_key_identifier, "hash"));
  GK_RETURN_IF_ERROR(AddExtension(cert.get(), NID_subject_alt_name, san));
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) return OpensslError("X509_sign");

  BioPtr key_bio(BIO_new(BIO_s_mem()));
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  if (!key_bio || !cert_bio ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1 ||
      PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1) {
    return OpensslError("PEM");
  }
  return TlsKeyPair{BioToString(key_bio.get()), BioToString(cert_bio.get())};
}

}  // namespace gongkai::hub
