// A hub's log over HTTPS (docs/http-api.md, "Log"), through the station's
// pinned HTTPS client (station/sync/https_client.h): the hub's certificate
// must have the given SHA-256 fingerprint. What the hub answers is checked
// by the caller; this class only transports and parses.
//
// Failures: the HttpsClient reasons (hub_unreachable, hub_timeout,
// tls_failed, cert_pin_mismatch, hub_io); an HTTP error from the hub keeps
// the hub's JSON error code as the reason (Unavailable for 5xx, InvalidArgument
// for 4xx); bad_hub_answer (DataLoss) for a body that is not what the API
// promises.
#pragma once

#include <memory>
#include <string>

#include "station/audit/log_source.h"
#include "station/sync/https_client.h"

namespace gongkai::station {

class HubLogSource : public LogSource {
 public:
  HubLogSource(HttpsEndpoint endpoint, HttpsTimeouts timeouts = {});

  std::string Describe() const override;
  Result<std::string> CheckpointNote() override;
  Result<std::vector<Bytes>> Entries(uint64_t start, uint64_t end) override;
  Result<std::vector<Hash32>> InclusionProof(uint64_t index, uint64_t size) override;
  Result<std::vector<Hash32>> ConsistencyProof(uint64_t from, uint64_t to) override;
  Result<std::vector<uint64_t>> CosignedSizes() override;
  Result<std::string> CheckpointNoteOfSize(uint64_t size) override;
  Result<std::optional<std::string>> Attachment(const std::string& sha256_hex) override;

 private:
  Result<HttpsResponse> Get(const std::string& target);

  HttpsEndpoint endpoint_;
  HttpsClient client_;
};

}  // namespace gongkai::station
