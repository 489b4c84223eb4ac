// The page's sync button (station/ui/ui_sync.h): the sentence the clerk
// reads, one sync at a time, and RunSyncOnce refusing a station with no
// hub configured (before anything is sealed).
#include "station/ui/ui_sync.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "tests/station/station_fixture.h"

namespace gongkai::station::ui {
namespace {

TEST(UiSync, DescribesWhatTheSyncDid) {
  SyncSummary s;
  EXPECT_EQ(DescribeSync(s), "同步完成：没有要上传的修改；镇里还没有批准过目录。");
  s.sent = 2;
  s.accepted = 1;
  s.rejected = 1;
  s.from_version = 3;
  s.to_version = 4;
  s.rejected_by_town = 1;
  EXPECT_EQ(DescribeSync(s),
            "同步完成：上传 2 个变更集，镇服务器已受理 1 个，退回 1 个；已收到镇里批准的目录第 4 "
            "版；有 1 个变更集被镇里退回，理由见下方。");
  s = SyncSummary{};
  s.from_version = s.to_version = 5;
  EXPECT_EQ(DescribeSync(s), "同步完成：没有要上传的修改；目录已是最新（第 5 版）。");
}

TEST(UiSync, OneSyncAtATime) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  int calls = 0;
  SyncRunner runner("dir", [&](const std::string& dir, int64_t) -> Result<SyncSummary> {
    EXPECT_EQ(dir, "dir");
    std::unique_lock<std::mutex> lock(mu);
    ++calls;
    cv.wait(lock, [&] { return release; });
    return SyncSummary{};
  });
  EXPECT_FALSE(runner.State().ever_ran);
  EXPECT_TRUE(runner.Start(1));
  EXPECT_TRUE(runner.State().running);
  EXPECT_FALSE(runner.Start(2));  // the first is still running
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  runner.Wait();
  SyncState s = runner.State();
  EXPECT_FALSE(s.running);
  EXPECT_TRUE(s.ok);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(runner.Start(3));  // a new one once it ended
  runner.Wait();
  EXPECT_EQ(calls, 2);
}

TEST(UiSync, StationWithoutHubIsRefusedAndNothingSealed) {
  TempDir tmp;
  std::string dir = tmp.path() + "/station";
  testing::InitStore(dir);
  ASSERT_EQ(testing::RunCli({"add",       "--dir",    dir,          "--area",       "村务公开",
                             "--item-l1", "村级财务", "--item-l2",  "财务收支",     "--content",
                             "明细",      "--basis",  "组织法",     "--time-limit", "每月",
                             "--subject", "村委会",   "--channels", "政府网站",     "--audience",
                             "全社会",    "--mode",   "主动",       "--levels",     "村级"})
                .code,
            0);
  std::string before = testing::StoreFingerprint(dir);
  Result<SyncSummary> r = RunSyncOnce(dir, testing::kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "hub_not_configured");
  EXPECT_EQ(testing::StoreFingerprint(dir), before);
}

}  // namespace
}  // namespace gongkai::station::ui
