// The transparency log's read endpoints (docs/http-api.md, "Log"):
//
//   GET /v1/checkpoint                           latest signed checkpoint (text/plain)
//   GET /v1/checkpoint?size=N                    the signed checkpoint of the first N
//                                                entries, 1 <= N <= size (400 beyond_log)
//   GET /v1/log/key                              the log's verifier key (text/plain)
//   GET /v1/log/cosigned                         {"sizes":[…]}: sizes with stored cosignatures
//   GET /v1/log/entries?start=S&end=E            leaves [S, E), base64 of the exact bytes
//   GET /v1/log/proof/inclusion?index=I&size=N   RFC 9162 inclusion proof
//   GET /v1/log/proof/consistency?from=M&to=N    RFC 9162 consistency proof
//
// Answers come from the stored Merkle nodes (O(log n) reads per proof) on
// a connection of its own, so log readers never wait for the API's other
// reads. Parameter errors are 400 with a specific code: missing_parameter,
// bad_parameter (not a decimal number), bad_range, index_out_of_range,
// beyond_log (a size or start past the current log).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "hub/store/hub_db.h"
#include "web/http_message.h"

namespace gongkai::hub {

struct LogApiOptions {
  size_t max_entries = 1000;         // entries per /v1/log/entries answer
  size_t max_entry_bytes = 4 << 20;  // entry bytes per answer (at least one entry)
  // Each entry served is checked against the stored tree (db_corrupt, 500).
  // Off only with `serve --no-self-check` (a hub that does not check itself).
  bool self_check = true;
};

class LogApi {
 public:
  // Opens its own connection to the database; the log key is read from
  // `log_key_file` (the hub's D/log.key) and must match meta.log_key.
  static Result<std::unique_ptr<LogApi>> Open(const std::string& db_path,
                                              const std::string& log_key_file,
                                              LogApiOptions opts = {});

  // True for the paths above (any method; non-GET gets 405 from Handle).
  static bool Serves(std::string_view path);
  HttpResponse Handle(const std::string& method, std::string_view path, std::string_view query);
  // The log key (never changes; GET /v1/catalog signs its checkpoint with it).
  const PrivateKey& key() const { return key_; }

 private:
  LogApi(HubDb db, std::string origin, PrivateKey key, LogApiOptions opts);
  HttpResponse Checkpoint(std::string_view query);
  HttpResponse Key();
  HttpResponse Cosigned();
  HttpResponse Entries(std::string_view query);
  HttpResponse Inclusion(std::string_view query);
  HttpResponse Consistency(std::string_view query);

  std::mutex mu_;  // guards db_
  HubDb db_;
  std::string origin_;
  PrivateKey key_;
  LogApiOptions opts_;
};

}  // namespace gongkai::hub
