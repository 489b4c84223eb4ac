// GET endpoints and routing of the plain request → response function.
#include <gtest/gtest.h>

#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {
namespace {

class ReadApiTest : public ApiFixture {};

TEST_F(ReadApiTest, HealthReportsTheLog) {
  HttpResponse r = Get("/v1/health");
  ASSERT_EQ(r.status, 200);
  auto o = Json(r);
  EXPECT_EQ(o["status"].as_string(), "ok");
  EXPECT_EQ(o["origin"].as_string(), "town.example/gongkai");
  EXPECT_EQ(o["log_size"].as_int64(), 3);  // genesis + two enrollments
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
}

TEST_F(ReadApiTest, ReceiptsArePagedAfterASeq) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(10 + i), "红旗村")}).status, 200);
  }
  HttpResponse r = Get("/v1/stations/hongqi-01/receipts?after=1");
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = Json(r);
  auto list = o["receipts"].as_array();
  ASSERT_EQ(list.size(), 3u);  // the page size of the fixture
  EXPECT_EQ(list[0].as_object().at("seq").as_int64(), 2);
  EXPECT_EQ(list[0].as_object().at("status").as_string(), "accepted");
  EXPECT_TRUE(o["more"].as_bool());
  auto rest = Json(Get("/v1/stations/hongqi-01/receipts?after=4"));
  EXPECT_EQ(rest["receipts"].as_array().size(), 1u);
  EXPECT_FALSE(rest["more"].as_bool());
}

TEST_F(ReadApiTest, ReceiptsWithoutAfterStartAtTheFirst) {
  ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(10), "红旗村")}).status, 200);
  auto o = Json(Get("/v1/stations/hongqi-01/receipts"));
  ASSERT_EQ(o["receipts"].as_array().size(), 1u);
  EXPECT_FALSE(o["revoked"].as_bool());
}

TEST_F(ReadApiTest, BadReadsAreRefusedWithTheirStatusAndCode) {
  struct Case {
    const char* target;
    int status;
    const char* code;
  };
  for (const Case& c : {Case{"/v1/stations/nobody/receipts", 404, "unknown_station"},
                        Case{"/v1/stations/Bad%20Id/receipts", 400, "bad_station_id"},
                        Case{"/v1/stations/hongqi-01/receipts?after=-1", 400, "bad_query"},
                        Case{"/v2/anything", 404, "not_found"}}) {
    HttpResponse r = Get(c.target);
    EXPECT_EQ(r.status, c.status) << c.target;
    EXPECT_EQ(ErrorCode(r), c.code) << c.target;
  }
}

TEST_F(ReadApiTest, WrongMethodIsNotAllowed) {
  HttpResponse r = Get("/v1/changesets");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(ErrorCode(r), "method_not_allowed");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_EQ(r.headers[0].second, "POST");
}

}  // namespace
}  // namespace gongkai::hub::testing
