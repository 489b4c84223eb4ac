// Shared set-up for hub tests: a freshly initialized hub in a temporary
// directory, stations with deterministic keys, signed change sets, and a
// digest of everything the hub stores (to prove a rejection wrote nothing).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/changeset/changeset.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/verifier_key.h"
#include "core/record/envelope.h"
#include "core/record/envelope_batch.h"
#include "hub/admin/admin_signer.h"
#include "hub/admin/init_hub.h"
#include "hub/admin/station_enrollment.h"
#include "hub/store/hub_db.h"
#include "hub/store/known_rows_table.h"
#include "tests/testing/sample_rows.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::hub::testing {

// A station as the hub sees it from outside: id, unit, key, and the chain
// of its change sets.
struct TestStation {
  std::string id;
  std::string unit;
  PrivateKey key;
  uint64_t seq = 0;  // last accepted
  Hash32 prev{};     // id of the last accepted

  // The next change set in the chain, not yet accepted.
  ChangeSet Next(std::vector<Op> ops, std::string note = "测试") const {
    ChangeSet cs;
    cs.station = id;
    cs.seq = seq + 1;
    cs.prev = prev;
    cs.created_at = 1700000000;
    cs.note = std::move(note);
    cs.ops = std::move(ops);
    return cs;
  }
  // The signed envelope bytes of a change set.
  Bytes Seal(const ChangeSet& cs) const {
    return EncodeEnvelope(SignEnvelope(EnvelopeKind::kChangeSet, id, EncodeChangeSet(cs), key));
  }
  // Records that the hub accepted cs.
  void Accepted(const ChangeSet& cs) {
    seq = cs.seq;
    prev = ChangeSetId(EncodeChangeSet(cs));
  }
  VerifierKey verifier_key() const { return MakeVerifierKey(id, key.public_key()); }
};

inline PrivateKey KeyFromByte(uint8_t b) { return PrivateKey::FromSeed(Bytes(32, b)).value(); }

inline std::string RowId(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

inline Bytes Batch(const std::vector<Bytes>& envelopes) { return EncodeEnvelopeBatch(envelopes); }

// SHA-256 over every row of every table the hub keeps (equivocation
// evidence and refused_uploads excluded: they are what a rejection may
// add; tests check them on their own — RefusedRows below).
inline Hash32 StateDigest(const std::string& db_path) {
  return ::gongkai::testing::TablesDigest(
      db_path, {"meta", "log_entries", "admins", "stations", "changesets", "known_rows", "postings",
                "posting_attachments"});
}

using ::gongkai::testing::CountRows;

// The refused_uploads table (not part of StateDigest: a refusal may
// legitimately add to it) as "station code count seq" lines, ordered.
inline std::string RefusedRows(const std::string& db_path) {
  ::gongkai::testing::SqlFile db(db_path);
  std::string out;
  for (const auto& row : db.Rows("SELECT station, code, count, last_seq FROM refused_uploads "
                                 "ORDER BY station, code")) {
    out += row[0] + " " + row[1] + " " + row[2] + " " + row[3] + "\n";
  }
  return out;
}

// A hub directory with two villages enrolled (红旗村, 东风村) and two
// approved-catalog rows: RowId(1) of 红旗村 and RowId(2) of 东风村.
class HubFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions opts;
    opts.dir = tmp_.path() + "/hub";
    opts.origin = "town.example/gongkai";
    opts.admin = "zhang";
    opts.now = 1700000000;
    Result<HubIdentity> id = InitHub(opts);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    identity_ = *id;
    paths_ = HubPaths{opts.dir};
    Result<HubDb> db = HubDb::Open(paths_.db());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::make_unique<HubDb>(std::move(db).value());
    Result<AdminSigner> admin = LoadAdminSigner(*db_, paths_, "");
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    admin_ = std::make_unique<AdminSigner>(std::move(admin).value());
    hongqi_ = Enroll("hongqi-01", "红旗村", 0x41);
    dongfeng_ = Enroll("dongfeng-01", "东风村", 0x42);
    ASSERT_TRUE(InsertKnownRow(*db_, RowId(1), "红旗村", std::nullopt).ok());
    ASSERT_TRUE(InsertKnownRow(*db_, RowId(2), "东风村", std::nullopt).ok());
  }

  TestStation Enroll(const std::string& station, const std::string& unit, uint8_t seed) {
    TestStation s{station, unit, KeyFromByte(seed)};
    Result<uint64_t> r = EnrollStation(*db_, *admin_, station, unit, s.verifier_key(), 1700000001);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return s;
  }

  std::string db_path() const { return paths_.db(); }

  TempDir tmp_;
  HubPaths paths_;
  HubIdentity identity_;
  std::unique_ptr<HubDb> db_;
  std::unique_ptr<AdminSigner> admin_;
  TestStation hongqi_{"", "", KeyFromByte(1)};
  TestStation dongfeng_{"", "", KeyFromByte(1)};
};

}  // namespace gongkai::hub::testing
