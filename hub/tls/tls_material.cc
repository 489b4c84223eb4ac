#include "hub/tls/tls_material.h"

#include "core/store/atomic_file.h"
#include "hub/tls/cert_fingerprint.h"

namespace gongkai::hub {

Result<TlsKeyPair> TlsMaterial(const TlsSource& source) {
  if (source.cert_file.empty() != source.key_file.empty()) {
    return InvalidArgument("tls_files_incomplete", "--tls-cert 和 --tls-key 必须同时给出",
                           "tls-cert");
  }
  if (source.cert_file.empty()) return MakeSelfSignedCert("gongkai-hub", source.san, source.days);
  TlsKeyPair pair;
  GK_ASSIGN_OR_RETURN(pair.cert_pem, ReadFile(source.cert_file, 1 << 20));
  GK_ASSIGN_OR_RETURN(pair.key_pem, ReadFile(source.key_file, 1 << 20));
  GK_RETURN_IF_ERROR(CheckKeyMatchesCert(pair.key_pem, pair.cert_pem));
  return pair;
}

}  // namespace gongkai::hub
