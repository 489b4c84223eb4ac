// WebFixture with a catalog whose rows are judged on time / late / missing
// for the previous month, whatever day the tests run (docs/postings.md
// § On time). The hub stamps a record's receipt with the real clock, so the
// rows' 公开时限 are chosen from today (China time): for the previous month
// P (last day L, today T = L + d), 每月结束后d日内 is due today (a record
// now is on time) and 每月1日前 was due on P's first day (a record posted on
// L is late; none is missing).
#pragma once

#include <gtest/gtest.h>

#include <ctime>

#include "core/attachment/chunk_claim.h"
#include "core/base/base64.h"
#include "core/crypto/sha256.h"
#include "core/deadline/date.h"
#include "core/deadline/period.h"
#include "core/deadline/work_calendar.h"
#include "core/text/html.h"
#include "hub/postings/compliance.h"
#include "hub/review/approve.h"
#include "tests/hub/web_fixture.h"

namespace gongkai::hub::testing {

inline constexpr const char* kBoard = "社区/企事业单位/村公示栏（电子屏）";

// A PNG of n bytes (the hub reads the type from the first bytes only).
inline std::string Png(size_t n, char fill) {
  std::string s = "\x89PNG\r\n\x1A\n";
  s.resize(n, fill);
  return s;
}

class WebComplianceTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    if (HasFatalFailure()) return;
    now_ = static_cast<int64_t>(std::time(nullptr));
    today_ = deadline::DateInChina(now_);
    period_ =
        deadline::ShiftPeriod(deadline::PeriodContaining(deadline::Cycle::kMonth, today_), -1);
    last_ = deadline::LastDay(period_);
    const int d = deadline::DaysBetween(last_, today_);
    const std::string due_today = "每月结束后" + std::to_string(d) + "日内";
    // 红旗村: RowId(20) due today (村务公开), RowId(21) due on the 1st
    // (财务公开). 东风村: RowId(22) due on the 1st, RowId(23) unparsed.
    ASSERT_EQ(PostNext(hongqi_, {Create(RowId(20), "红旗村", "村务公开", "低保", due_today),
                                 Create(RowId(21), "红旗村", "财务公开", "收支", "每月1日前")})
                  .status,
              200);
    ASSERT_EQ(PostNext(dongfeng_,
                       {Create(RowId(22), "东风村", "村务公开", "低保", "每月1日前"),
                        Create(RowId(23), "东风村", "村务公开", "<b>会议</b>", "财务往来多的每月")})
                  .status,
              200);
    ApproveRequest req;
    req.all = true;
    req.now = now_;
    ASSERT_TRUE(hub::Approve(*db_, *admin_, req).ok());
    SignIn();
  }

  // Uploads `file` whole as one signed chunk of st (PUT
  // /v1/attachments/{sha256}, docs/formats/attachment-upload.md); returns
  // the reference a posting names it by.
  AttachmentRef UploadAttachment(const TestStation& st, const std::string& file,
                                 const std::string& media_type, const std::string& name) {
    AttachmentRef ref{Sha256(file), file.size(), media_type, name};
    ChunkClaim claim{st.id, ref.sha256, media_type, file.size(), 0, file.size(), Sha256(file)};
    std::string m = ChunkSigningMessage(claim);
    Signature sig = st.key.Sign(reinterpret_cast<const uint8_t*>(m.data()), m.size());
    HttpRequest req;
    req.method = "PUT";
    req.target = "/v1/attachments/" + HexEncode(ref.sha256) + "?offset=0";
    req.content_type = "application/octet-stream";
    req.body = file;
    req.gongkai_headers = {{"Gongkai-Station", st.id},
                           {"Gongkai-Media-Type", media_type},
                           {"Gongkai-Attachment-Size", std::to_string(file.size())},
                           {"Gongkai-Chunk-Length", std::to_string(file.size())},
                           {"Gongkai-Chunk-Sha256", HexEncode(claim.chunk_sha256)},
                           {"Gongkai-Signature", Base64Encode(sig.data(), sig.size())}};
    HttpResponse r = api_->HandleSync(req);
    EXPECT_EQ(r.status, 201) << r.body;  // complete
    return ref;
  }

  static Op Create(const std::string& id, const std::string& unit, const std::string& area,
                   const std::string& item, const std::string& time_limit) {
    Row r = VillageRow(id, unit);
    r.Set(Field::kArea, area);
    r.Set(Field::kItemL2, item);
    r.Set(Field::kTimeLimit, time_limit);
    return CreateOp{r};
  }

  PostingOp Posting(const std::string& row, deadline::Date posted) {
    PostingOp p;
    p.row_id = row;
    p.period = deadline::FormatPeriod(period_);
    p.posted = deadline::FormatIsoDate(posted);
    p.channels = {kBoard};
    p.display_from = p.posted;
    p.display_to = p.posted;
    p.note = "公示栏张贴 <script>alert(1)</script>";
    return p;
  }

  // Posts postings of st in one change set; returns the record id of the first.
  Hash32 PostPostings(TestStation& st, std::vector<PostingOp> ps) {
    ChangeSet cs = st.Next({});
    cs.postings = std::move(ps);
    HttpResponse r = Post(Batch({st.Seal(cs)}));
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status == 200) st.Accepted(cs);
    return PostingRecordId(ChangeSetId(EncodeChangeSet(cs)), 0);
  }

  // The on-time and the late record of 红旗村.
  void PostOnTimeAndLate() {
    PostPostings(hongqi_, {Posting(RowId(20), today_)});
    PostPostings(hongqi_, {Posting(RowId(21), last_)});
  }

  std::string PeriodQuery() const { return gongkai::UrlEncode(deadline::FormatPeriod(period_)); }

  deadline::Date today_{};
  deadline::Period period_{};
  deadline::Date last_{};
};

}  // namespace gongkai::hub::testing
