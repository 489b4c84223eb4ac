// Where things live in a hub's data directory (docs/hub.md):
//
//   D/hub.db           SQLite database (plus hub.db-wal, hub.db-shm)
//   D/log.key          the log key (Ed25519, PKCS#8 PEM, mode 0600)
//   D/tls.key          the TLS private key (PEM, mode 0600)
//   D/tls.crt          the TLS certificate chain (PEM, leaf first)
//   D/tls-next.key, D/tls-next.crt  a renewed pair, announced in the log and
//                      waiting for `gongkai-hub tls switch` (hub/tls/cert_renewal.h)
//   D/tls-old.key, D/tls-old.crt    the pair in use before the last switch
//   D/admins/NAME.key  each administrator's key (Ed25519, mode 0600)
#pragma once

#include <string>

namespace gongkai::hub {

struct HubPaths {
  std::string dir;

  std::string db() const { return dir + "/hub.db"; }
  std::string log_key() const { return dir + "/log.key"; }
  std::string tls_key() const { return dir + "/tls.key"; }
  std::string tls_cert() const { return dir + "/tls.crt"; }
  std::string tls_next_key() const { return dir + "/tls-next.key"; }
  std::string tls_next_cert() const { return dir + "/tls-next.crt"; }
  std::string tls_old_key() const { return dir + "/tls-old.key"; }
  std::string tls_old_cert() const { return dir + "/tls-old.crt"; }
  std::string admins_dir() const { return dir + "/admins"; }
  std::string admin_key(const std::string& name) const {
    return admins_dir() + "/" + name + ".key";
  }
};

}  // namespace gongkai::hub
