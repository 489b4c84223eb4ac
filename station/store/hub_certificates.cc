#include "station/store/hub_certificates.h"

namespace gongkai::station {

const char* const kHubCertificatesMigration = R"sql(
CREATE TABLE IF NOT EXISTS hub_certificates (
  cert_sha256 TEXT    PRIMARY KEY CHECK (length(cert_sha256) = 64),
  spki_sha256 TEXT    NOT NULL,
  not_before  INTEGER NOT NULL,
  not_after   INTEGER NOT NULL,
  log_index   INTEGER NOT NULL,
  reason      TEXT    NOT NULL
);
)sql";

Status StoreHubCertificates(Database& db, const std::vector<HubCertificate>& certs) {
  for (const HubCertificate& c : certs) {
    GK_ASSIGN_OR_RETURN(
        Statement st,
        db.Prepare("INSERT OR IGNORE INTO hub_certificates (cert_sha256, spki_sha256, not_before, "
                   "not_after, log_index, reason) VALUES (?, ?, ?, ?, ?, ?)"));
    st.BindAll(c.cert_sha256, c.spki_sha256, c.not_before, c.not_after,
               static_cast<int64_t>(c.log_index), c.reason);
    GK_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

Result<std::vector<HubCertificate>> LoadHubCertificates(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT cert_sha256, spki_sha256, not_before, not_after, "
                                 "log_index, reason FROM hub_certificates ORDER BY log_index"));
  std::vector<HubCertificate> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(HubCertificate{st.ColumnText(0), st.ColumnText(1), st.ColumnInt(2),
                                 st.ColumnInt(3), static_cast<uint64_t>(st.ColumnInt(4)),
                                 st.ColumnText(5)});
  }
  return out;
}

}  // namespace gongkai::station
