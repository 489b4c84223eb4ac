// The county witness's state (docs/witness.md): one SQLite file,
// W/witness.db, beside its key W/witness.key (PKCS#8 PEM, 0600) and its TLS
// certificate W/tls.crt and key W/tls.key.
//
//   meta(key, value)           name = the witness's key name
//   logs(origin PRIMARY KEY,   log_key = the log's verifier key (type 0x01),
//        log_key, size, root,  size/root/checkpoint = the latest checkpoint
//        checkpoint,           it cosigned (0, NULL, NULL before the first),
//        cosigned_at, added_at)
//   evidence(id, origin, at,   requests whose checkpoint carried a valid log
//            status, reason,   signature but that were refused with 409 or
//            request)          422: proof of a rollback or a fork, kept
//
// Invariant: a cosignature leaves the witness only after the checkpoint it
// cosigns is the stored latest one, committed with synchronous=FULL. The
// check of the old size against the stored size and the update run in one
// BEGIN IMMEDIATE transaction, under a mutex, so two concurrent submissions
// are decided one after the other (the race of the tlog-witness spec: a
// cosignature for N after one for N+K never happens).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/verifier_key.h"
#include "core/store/sqlite.h"
#include "core/witness/add_checkpoint.h"

namespace gongkai::witness {

struct WitnessPaths {
  std::string dir;
  std::string db() const { return dir + "/witness.db"; }
  std::string key() const { return dir + "/witness.key"; }
  std::string tls_cert() const { return dir + "/tls.crt"; }
  std::string tls_key() const { return dir + "/tls.key"; }
};

struct WitnessIdentity {
  std::string name;
  VerifierKey key;  // type 0x04
  Hash32 cert_sha256{};
};

struct InitWitnessOptions {
  std::string dir;
  std::string name;
  std::vector<std::string> tls_san;
};

// Makes W (refusing one that already holds a witness: already_initialized),
// the key, the TLS certificate and the database.
Result<WitnessIdentity> InitWitness(const InitWitnessOptions& opts);
Result<WitnessIdentity> ReadWitnessIdentity(const WitnessPaths& paths);

struct LogRecord {
  std::string origin;
  std::string log_key;  // verifier key text
  uint64_t size = 0;
  std::string checkpoint;  // latest cosigned note with its cosignature; "" if none
  int64_t cosigned_at = 0;
  int64_t evidence = 0;  // refused submissions kept as evidence
};

// The answer to one add-checkpoint request.
struct SubmitAnswer {
  int status = 200;
  std::string content_type;  // "text/plain; charset=utf-8" or text/x.tlog.size
  std::string body;          // 200: the cosignature line; 409: "<size>\n"; else the message
  std::string reason;        // empty when 200
};

class WitnessStore {
 public:
  // Opens W/witness.db and W/witness.key. not_a_witness_dir if W has none.
  static Result<WitnessStore> Open(const std::string& dir);

  // Starts witnessing the log whose verifier key (type 0x01) is given; its
  // origin is the key's name. log_exists if the origin is already there.
  Result<LogRecord> AddLog(const std::string& log_vkey, int64_t now);
  Result<std::vector<LogRecord>> Logs();

  // Decides one request (core/witness/add_checkpoint.h) and, when it is
  // cosigned, stores the checkpoint before returning the cosignature.
  // Thread-safe.
  SubmitAnswer AddCheckpoint(std::string_view body, int64_t now);

  const std::string& name() const { return name_; }

 private:
  WitnessStore(Database db, std::string name, PrivateKey key)
      : db_(std::move(db)), name_(std::move(name)), key_(std::move(key)) {}
  Result<std::optional<WitnessedLog>> FindLog(const std::string& origin);

  std::unique_ptr<std::mutex> mu_ = std::make_unique<std::mutex>();
  Database db_;
  std::string name_;
  PrivateKey key_;
};

}  // namespace gongkai::witness
