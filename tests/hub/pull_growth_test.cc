// Growth (issue #18 item 5): catching up one edit costs a station about the
// same bytes whether the town's catalog has 1,000, 10,000 or 100,000 rows.
// Each size is a real hub (SQLite file, ingest committer, HubApi) whose
// version 1 holds N rows; version 2 changes one field of one row. The pull
// is the one a station holding version 1 makes (binary, deflate accepted,
// genesis held, the log size it verified) and the bytes counted are the
// answer's body as the hub sends it. Bytes, not time: nothing here
// depends on the machine's speed.
#include <gtest/gtest.h>

#include <map>

#include "core/codec/deflate.h"
#include "core/feed/catalog_answer.h"
#include "hub/review/approve.h"
#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {
namespace {

constexpr size_t kPerChangeSet = 2000;
constexpr const char* kContact = "0375-1111111";

// ApiFixture as a value, so one test can hold several hubs one after another.
class GrowthHub : public ApiFixture {
 public:
  using ApiFixture::SetUp;
  using ApiFixture::TearDown;
  void TestBody() override {}

  // Version 1: n rows of 红旗村.
  void Fill(size_t n) {
    for (size_t first = 0; first < n; first += kPerChangeSet) {
      std::vector<Op> ops;
      for (size_t i = first; i < std::min(n, first + kPerChangeSet); ++i) {
        Row row = VillageRow(RowId(static_cast<int>(1000 + i)), "红旗村");
        row.Set(Field::kContact, kContact);
        ops.push_back(CreateOp{row});
      }
      ASSERT_EQ(PostNext(hongqi_, std::move(ops)).status, 200);
    }
    ApproveEverything();
  }

  void ApproveEverything() {
    ApproveRequest req;
    req.all = true;
    req.now = 1700000300;
    Result<ApproveOutcome> out = Approve(*db_, *admin_, req);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
  }

  // The bytes of the answer to a station at version 1 after one edit.
  size_t CatchUpBytes(std::string* mode) {
    Result<uint64_t> verified = LogSize(*db_);  // what the station checked at version 1
    EXPECT_TRUE(verified.ok());
    EXPECT_EQ(PostNext(hongqi_, {SetContact(RowId(1000), kContact, "0375-2222222")}).status, 200);
    ApproveEverything();
    HttpRequest req;
    req.method = "GET";
    req.target = "/v1/catalog?since=1&form=bin&enrollments=1&have_genesis=1&have_log=" +
                 std::to_string(*verified);
    req.accept_encoding = "deflate";
    HttpResponse r = api_->HandleSync(std::move(req));
    EXPECT_EQ(r.status, 200) << r.body;
    std::string body = r.body;
    for (const auto& p : r.body_parts) body += *p;
    bool deflated = false;
    for (const auto& [name, value] : r.headers) deflated |= name == "Content-Encoding";
    Result<std::string> plain = deflated ? Inflate(body, 64u << 20) : Result<std::string>(body);
    EXPECT_TRUE(plain.ok());
    Result<CatalogAnswer> a = DecodeCatalogAnswer(ToBytes(plain.ok() ? *plain : ""));
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    if (a.ok()) *mode = a->mode + " v" + std::to_string(a->version);
    return body.size();
  }
};

TEST(PullGrowthTest, CatchingUpOneEditCostsTheSameBytesAt1k10k100kRows) {
  std::map<size_t, size_t> bytes;
  for (size_t rows : {1000u, 10000u, 100000u}) {
    GrowthHub hub;
    hub.SetUp();
    ASSERT_FALSE(::testing::Test::HasFatalFailure());
    hub.Fill(rows);
    ASSERT_FALSE(::testing::Test::HasFatalFailure());
    std::string mode;
    bytes[rows] = hub.CatchUpBytes(&mode);
    hub.TearDown();
    EXPECT_EQ(mode, "decisions v2") << rows << " rows";
    std::printf("[ growth ] %zu rows: catching up one edit = %zu bytes\n", rows, bytes[rows]);
  }
  // The same decisions (the approval, the one change set, its signer's
  // enrolment, the roster); only the log's proofs grow, by one hash per
  // doubling of the log (the 100k hub has 50 more change sets in its log).
  EXPECT_LT(bytes[100000], bytes[1000] + 512);
  EXPECT_LT(bytes[10000], bytes[1000] + 512);
  EXPECT_LT(bytes[1000], 4096u);
}

}  // namespace
}  // namespace gongkai::hub::testing
