// HubFixture plus the request handler (HubApi) and the ingest committer,
// called as a plain function: no sockets.
#pragma once

#include <boost/json.hpp>

#include "core/audit/log_verifier.h"
#include "core/base/hex.h"
#include "hub/api/hub_api.h"
#include "hub/ingest/ingest_queue.h"
#include "hub/review/approve.h"
#include "hub/review/catalog_history.h"
#include "hub/review/proposed_head.h"
#include "hub/review/review_store.h"
#include "hub/store/log_table.h"
#include "tests/hub/hub_fixture.h"

namespace gongkai::hub::testing {

class ApiFixture : public HubFixture {
 protected:
  void SetUp() override {
    HubFixture::SetUp();
    if (HasFatalFailure()) return;
    auto ingest = IngestQueue::Start(db_path());
    ASSERT_TRUE(ingest.ok()) << ingest.status().ToString();
    ingest_ = std::move(ingest).value();
    ApiOptions opts;
    opts.max_changesets_per_request = 50;
    opts.receipts_page = 3;
    auto api = HubApi::Create(db_path(), ingest_.get(), opts);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
  }
  void TearDown() override {
    api_.reset();
    if (ingest_) ingest_->Stop();
  }

  HttpResponse Post(const Bytes& body, const std::string& type = "application/octet-stream",
                    const std::string& target = "/v1/changesets") {
    HttpRequest req;
    req.method = "POST";
    req.target = target;
    req.content_type = type;
    req.body.assign(body.begin(), body.end());
    return api_->HandleSync(std::move(req));
  }
  HttpResponse Get(const std::string& target) {
    HttpRequest req;
    req.method = "GET";
    req.target = target;
    return api_->HandleSync(std::move(req));
  }
  // Posts one change set of st; marks it accepted if it was.
  HttpResponse PostNext(TestStation& st, std::vector<Op> ops) {
    ChangeSet cs = st.Next(std::move(ops));
    HttpResponse r = Post(Batch({st.Seal(cs)}));
    if (r.status == 200) st.Accepted(cs);
    return r;
  }

  // The independent verifier accepts the whole log and ends at the latest
  // approved version and its hash.
  void ExpectLogValid() {
    Result<uint64_t> size = LogSize(*db_);
    ASSERT_TRUE(size.ok());
    LogVerifier v;
    for (uint64_t i = 0; i < *size; ++i) {
      auto e = ReadLogEntry(*db_, i);
      ASSERT_TRUE(e.ok() && *e);
      Status s = v.Add(i, (*e)->entry);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
    Result<ApprovedHead> head = LatestVersion(*db_);
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(v.catalog_version(), head->version);
    EXPECT_EQ(v.catalog_hash(), head->hash);
  }

  static boost::json::object Json(const HttpResponse& r) {
    return boost::json::parse(r.body).as_object();
  }
  static std::string ErrorCode(const HttpResponse& r) {
    auto o = Json(r);
    if (!o.contains("error")) return "";
    return std::string(o["error"].as_object()["code"].as_string());
  }
  // `approve --all` at a fixed time, as the administrator of the fixture.
  Result<ApproveOutcome> ApproveAll(int64_t now = 1700000300) {
    ApproveRequest req;
    req.all = true;
    req.now = now;
    return Approve(*db_, *admin_, req);
  }

  // Two offices (a, b) change 公开时限 of RowId(10) from its approved value to
  // 每月10日前 and 每月15日前: one conflict, whose id is returned ("" when not).
  std::string MakeTimeLimitConflict(TestStation& a, TestStation& b) {
    std::string base = LatestCatalog(*db_).value().catalog.Find(RowId(10))->Get(Field::kTimeLimit);
    EXPECT_EQ(PostNext(a, {SetOp{RowId(10), Field::kTimeLimit, base, "每月10日前"}}).status, 200);
    EXPECT_EQ(PostNext(b, {SetOp{RowId(10), Field::kTimeLimit, base, "每月15日前"}}).status, 200);
    Result<ProposedHead> head = BuildProposedHead(*db_);
    EXPECT_TRUE(head.ok());
    if (!head.ok()) return "";
    EXPECT_EQ(head->conflicts.size(), 1u);
    return head->conflicts.size() == 1 ? head->conflicts[0].conflict.conflict_id : "";
  }

  static boost::json::object Receipt0(const HttpResponse& r) {
    return Json(r)["receipts"].as_array().at(0).as_object();
  }

  std::unique_ptr<IngestQueue> ingest_;
  std::unique_ptr<HubApi> api_;
};

inline Op CreateRow(const std::string& id, const std::string& unit) {
  return CreateOp{VillageRow(id, unit)};
}
inline Op SetContact(const std::string& id, const std::string& base, const std::string& value) {
  return SetOp{id, Field::kContact, base, value};
}

}  // namespace gongkai::hub::testing
