// Posting records (公开记录) end to end with real programs: a station
// records postings while the hub is down, syncs, and the hub stores them
// without approval; `due` at the station and `gongkai-hub compliance`
// show on time / late / missing; a posting the hub refuses comes back to
// the clerk with its reason and nothing is stored; and records travel on a
// USB bundle too (docs/postings.md).
#include <dirent.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "core/deadline/date.h"
#include "core/deadline/period.h"
#include "station/sync/https_client.h"
#include "tests/testing/sample_photo.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

namespace json = boost::json;
using deadline::Date;

constexpr const char* kBoard = "社区/企事业单位/村公示栏（电子屏）";

class PostingsEndToEndTest : public TownTest {
 protected:
  void SetUp() override {
    TownTest::SetUp();
    if (HasFatalFailure()) return;
    today_ = deadline::DateInChina(static_cast<int64_t>(std::time(nullptr)));
    // The month before this one: every rule below has its deadline at a
    // known place around today, whatever day the test runs.
    period_ = deadline::FormatPeriod(
        deadline::ShiftPeriod(deadline::PeriodContaining(deadline::Cycle::kMonth, today_), -1));
    hongqi_ = town_.AddStation("hongqi-01", "红旗村");
    dongfeng_ = town_.AddStation("dongfeng-01", "东风村");
    ASSERT_FALSE(HasFatalFailure());
    // Deadline 40 days after last month's end: not before today.
    AddRow(hongqi_, "低保对象", "每月结束后40日内");
    // Deadline the day after last month's end: the 1st, before tomorrow.
    AddRow(hongqi_, "财务收支", "每月结束后1日内");
    AddRow(hongqi_, "工程项目", "每月结束后1日内");
    AddRow(hongqi_, "政策文件", "每季度首月20日前；财务往来多的每月");
    AddRow(dongfeng_, "低保对象", "每月结束后40日内");
    for (const std::string& dir : {hongqi_, dongfeng_}) {
      ASSERT_EQ(town_.Station({"sync", "--dir", dir}).exit_code, 0);
    }
    ASSERT_EQ(town_.Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
    for (const std::string& dir : {hongqi_, dongfeng_}) {
      ASSERT_EQ(town_.Station({"sync", "--dir", dir}).exit_code, 0);
    }
    json::value list = town_.StationJson({"list", "--dir", hongqi_});
    for (const json::value& v : list.as_array()) {
      const json::object& o = v.as_object();
      std::string key =
          std::string(o.at("unit").as_string()) + "/" + std::string(o.at("item_l2").as_string());
      rows_[key] = std::string(o.at("id").as_string());
    }
    ASSERT_EQ(rows_.size(), 5u);
  }

  void AddRow(const std::string& dir, const std::string& item, const std::string& time_limit) {
    std::vector<std::string> args = AddRowArgs(item);
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == "--time-limit") args[i + 1] = time_limit;
    }
    args.insert(args.end(), {"--dir", dir});
    RunResult r = town_.Station(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  RunResult Record(const std::string& dir, const std::string& row, const std::string& posted,
                   std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"record", "--dir",    dir,    row,         "--period",
                                     period_,  "--posted", posted, "--channel", kBoard};
    args.insert(args.end(), extra.begin(), extra.end());
    return town_.Station(args);
  }

  json::array Records(const std::string& dir) {
    return town_.StationJson({"records", "--dir", dir}).as_object().at("records").as_array();
  }

  int64_t HubPostings() { return SqlFile(town_.hub_db()).Int("SELECT count(*) FROM postings"); }

  std::string Day(int offset) { return deadline::FormatIsoDate(deadline::AddDays(today_, offset)); }

  Date today_;
  std::string period_;
  std::string hongqi_, dongfeng_;
  std::map<std::string, std::string> rows_;  // unit/item → id
};

TEST_F(PostingsEndToEndTest, RecordedOfflineSyncedStoredWithoutApprovalAndJudged) {
  const std::string dibao = rows_.at("红旗村/低保对象");
  const std::string caiwu = rows_.at("红旗村/财务收支");
  // Offline: the hub is down while the clerk records.
  uint16_t port = town_.serve().port();
  ASSERT_EQ(town_.Stop(), 0);
  RunResult a = Record(hongqi_, dibao, Day(0), {"--from", Day(0), "--to", Day(1)});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.out.find("已登记公开记录"), std::string::npos) << a.out;
  // Posted tomorrow (the hub's tolerance): after the 1st, so late.
  RunResult b = Record(hongqi_, caiwu, Day(1), {"--note", "补贴"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  json::array before = Records(hongqi_);
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[0].as_object().at("state").as_string(), "sealed");
  // The station's own view: done for both, 工程项目 overdue or due.
  json::object due =
      town_.StationJson({"due", "--dir", hongqi_, "--period", period_, "--today", Day(2)})
          .as_object();
  std::map<std::string, std::string> status;
  for (const json::value& v : due.at("rows").as_array()) {
    status[std::string(v.as_object().at("id").as_string())] =
        std::string(v.as_object().at("status").as_string());
  }
  EXPECT_EQ(status[dibao], "on_time");
  EXPECT_EQ(status[caiwu], "late");
  EXPECT_EQ(status[rows_.at("红旗村/工程项目")], "missing");
  EXPECT_EQ(status[rows_.at("红旗村/政策文件")], "unparsed");
  EXPECT_EQ(HubPostings(), 0);

  // Online again: one sync carries both records; no approval needed.
  ASSERT_TRUE(town_.Serve({}, port));
  RunResult sync = town_.Station({"sync", "--dir", hongqi_});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_EQ(HubPostings(), 2);
  SqlFile hub(town_.hub_db());
  EXPECT_EQ(hub.Int("SELECT count(*) FROM changesets c WHERE op_count > 0 AND NOT EXISTS "
                    "(SELECT 1 FROM decisions d WHERE d.changeset = c.id)"),
            0);
  for (const json::value& v : Records(hongqi_)) {
    EXPECT_EQ(v.as_object().at("state").as_string(), "accepted");
  }
  json::object status_json = town_.StationJson({"status", "--dir", hongqi_}).as_object();
  EXPECT_EQ(status_json.at("outbox").as_int64(), 0);  // nothing waits for the town

  // The county's view.
  json::object c =
      town_
          .HubJson({"compliance", "--dir", town_.hub_dir(), "--period", period_, "--today", Day(2)})
          .as_object();
  std::map<std::string, json::object> by_unit;
  for (const json::value& v : c.at("summary").as_array()) {
    by_unit[std::string(v.as_object().at("unit").as_string())] = v.as_object();
  }
  ASSERT_TRUE(by_unit.count("红旗村"));
  EXPECT_EQ(by_unit["红旗村"].at("on_time").as_int64(), 1);
  EXPECT_EQ(by_unit["红旗村"].at("late").as_int64(), 1);
  EXPECT_EQ(by_unit["红旗村"].at("missing").as_int64(), 1);
  EXPECT_EQ(by_unit["红旗村"].at("not_judged").as_int64(), 1);
  EXPECT_EQ(by_unit["东风村"].at("due").as_int64(), 1);  // its deadline is still ahead
  RunResult csv = town_.Hub(
      {"compliance", "--dir", town_.hub_dir(), "--period", period_, "--today", Day(2), "--csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("红旗村,村务公开,1,1,1,0,1"), std::string::npos) << csv.out;
  std::string xlsx = town_.root() + "/公开情况.xlsx";
  RunResult x =
      town_.Hub({"compliance", "--dir", town_.hub_dir(), "--period", period_, "--xlsx", xlsx});
  ASSERT_EQ(x.exit_code, 0) << x.err;
  std::ifstream in(xlsx, std::ios::binary);
  char head[2] = {};
  in.read(head, 2);
  EXPECT_EQ(std::string(head, 2), "PK");  // a ZIP container
}

TEST_F(PostingsEndToEndTest, StationRefusesWhatItCanCheckAndWritesNothing) {
  size_t before = Records(hongqi_).size();
  RunResult other = Record(hongqi_, rows_.at("东风村/低保对象"), Day(0));
  EXPECT_EQ(other.exit_code, 5) << other.err;
  EXPECT_NE(other.err.find("outside_unit"), std::string::npos) << other.err;
  RunResult channel =
      town_.Station({"record", "--dir", hongqi_, rows_.at("红旗村/低保对象"), "--period", period_,
                     "--posted", Day(0), "--channel", "政府网站"});
  EXPECT_EQ(channel.exit_code, 3) << channel.err;
  EXPECT_NE(channel.err.find("channel_not_in_row"), std::string::npos) << channel.err;
  RunResult empty = town_.Station({"record", "--dir", hongqi_, rows_.at("红旗村/低保对象"),
                                   "--period", "", "--posted", Day(0)});
  EXPECT_EQ(empty.exit_code, 3) << empty.err;
  EXPECT_NE(empty.err.find("empty_period"), std::string::npos) << empty.err;
  std::string text = town_.root() + "/note.txt";
  ASSERT_EQ(std::system(("echo hello > " + text).c_str()), 0);
  RunResult attach = Record(hongqi_, rows_.at("红旗村/低保对象"), Day(0), {"--attach", text});
  EXPECT_EQ(attach.exit_code, 3) << attach.err;
  EXPECT_NE(attach.err.find("unsupported_media_type"), std::string::npos) << attach.err;
  // A date the hub would refuse (after its today + 1) is refused here first,
  // and the good photo that came with it is not kept.
  std::string photo = town_.root() + "/公示栏.png";
  std::ofstream(photo, std::ios::binary)
      << std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) << std::string(100, 'x');
  RunResult future =
      Record(hongqi_, rows_.at("红旗村/低保对象"), "2099-01-01", {"--attach", photo});
  EXPECT_EQ(future.exit_code, 3) << future.err;
  EXPECT_NE(future.err.find("posted_in_future"), std::string::npos) << future.err;
  // A monthly row is posted for a month.
  RunResult quarter =
      town_.Station({"record", "--dir", hongqi_, rows_.at("红旗村/低保对象"), "--period",
                     "2026年第四季度", "--posted", Day(0), "--channel", kBoard});
  EXPECT_EQ(quarter.exit_code, 3) << quarter.err;
  EXPECT_NE(quarter.err.find("bad_period"), std::string::npos) << quarter.err;
  // Nothing of a refused record is kept, not even its photo.
  EXPECT_FALSE(std::filesystem::exists(hongqi_ + "/attachments"));
  EXPECT_EQ(Records(hongqi_).size(), before);
  EXPECT_EQ(town_.StationJson({"status", "--dir", hongqi_}).as_object().at("unsent").as_int64(), 0);
}

TEST_F(PostingsEndToEndTest, HubRefusalReturnsTheRecordWithItsReasonAndStoresNothing) {
  // The station judges by the catalog it last pulled: the town retires a
  // row (the clerk's retire, approved) before the station hears of it, and
  // a record of that row goes out and is refused there.
  const std::string gongcheng = rows_.at("红旗村/工程项目");
  ASSERT_EQ(town_.Station({"retire", "--dir", hongqi_, gongcheng}).exit_code, 0);
  ASSERT_EQ(town_.Station({"sync", "--dir", hongqi_}).exit_code, 0);
  ASSERT_EQ(town_.Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  RunResult r = Record(hongqi_, gongcheng, Day(0));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult good = Record(hongqi_, rows_.at("红旗村/财务收支"), Day(0));
  ASSERT_EQ(good.exit_code, 0) << good.err;
  RunResult sync = town_.Station({"sync", "--dir", hongqi_});
  EXPECT_EQ(sync.exit_code, 5) << sync.out << sync.err;
  EXPECT_NE(sync.err.find("postings_refused"), std::string::npos) << sync.err;
  // Again: the refused one is out of the outbox, the other was re-sealed.
  RunResult again = town_.Station({"sync", "--dir", hongqi_});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(HubPostings(), 1);
  std::map<std::string, json::object> by_state;
  for (const json::value& v : Records(hongqi_)) {
    by_state[std::string(v.as_object().at("state").as_string())] = v.as_object();
  }
  ASSERT_TRUE(by_state.count("refused"));
  EXPECT_EQ(by_state["refused"].at("code").as_string(), "row_retired");
  EXPECT_EQ(by_state["refused"].at("row_id").as_string(), gongcheng);
  ASSERT_TRUE(by_state.count("accepted"));
}

TEST_F(PostingsEndToEndTest, RecordsTravelOnAUsbBundle) {
  RunResult r = Record(hongqi_, rows_.at("红旗村/低保对象"), Day(0));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string up = town_.root() + "/up.gkb";
  ASSERT_EQ(town_.Station({"bundle", "export", "--dir", hongqi_, up}).exit_code, 0);
  RunResult imported = town_.Hub({"bundle", "import", "--dir", town_.hub_dir(), up});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(HubPostings(), 1);
  std::string down = town_.root() + "/down.gkb";
  ASSERT_EQ(
      town_.Hub({"bundle", "export", "--dir", town_.hub_dir(), "--station", "hongqi-01", down})
          .exit_code,
      0);
  RunResult back = town_.Station({"bundle", "import", "--dir", hongqi_, down});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(Records(hongqi_).at(0).as_object().at("state").as_string(), "accepted");
}

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      if (e->d_type == DT_REG) out.push_back(e->d_name);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Bytes ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return Bytes(s.begin(), s.end());
}

std::string WriteBytes(const std::string& path, const Bytes& b) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  return path;
}

// Photos travel in the bundle with the record (decision 0026): the hub ends
// as after an HTTPS sync — the record accepted, both photos served byte for
// byte — and a damaged or forged copy stores nothing.
TEST_F(PostingsEndToEndTest, PhotosTravelOnAUsbBundleAndAreServed) {
  const std::string dibao = rows_.at("红旗村/低保对象");
  uint16_t port = town_.serve().port();
  ASSERT_EQ(town_.Stop(), 0);  // offline from here to the import
  const std::string photo1 = SamplePhoto(700'000, 1), photo2 = SamplePhoto(450'000, 2);
  std::string p1 = town_.root() + "/公示栏1.jpg", p2 = town_.root() + "/公示栏2.jpg";
  WriteBytes(p1, Bytes(photo1.begin(), photo1.end()));
  WriteBytes(p2, Bytes(photo2.begin(), photo2.end()));
  RunResult r = Record(hongqi_, dibao, Day(0), {"--attach", p1, "--attach", p2});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string up = town_.root() + "/photos.gkb";
  json::object exported = town_.StationJson({"bundle", "export", "--dir", hongqi_, up}).as_object();
  EXPECT_EQ(exported.at("attachments").as_int64(), 2);
  EXPECT_EQ(exported.at("attachment_bytes").as_int64(),
            static_cast<int64_t>(photo1.size() + photo2.size()));
  const Bytes good = ReadBytes(up);
  ASSERT_EQ(good[8], 2) << "format 2: attachments follow the payload";

  const std::string store = town_.hub_dir() + "/attachments";
  auto expect_nothing_stored = [&](const std::string& file, const std::string& reason) {
    RunResult bad = town_.Hub({"bundle", "import", "--dir", town_.hub_dir(), file});
    // The hub says 1 for a file it refuses, and why on its one line
    // (docs/exit-codes.md).
    EXPECT_EQ(bad.exit_code, 1) << reason << ": " << bad.err;
    EXPECT_NE(bad.err.find(reason), std::string::npos) << bad.err;
    EXPECT_EQ(HubPostings(), 0) << reason;
    EXPECT_EQ(SqlFile(town_.hub_db()).Int("SELECT count(*) FROM attachments"), 0) << reason;
    EXPECT_TRUE(FilesIn(store).empty()) << reason;
  };
  // Cut inside the second photo's bytes.
  const Bytes photo2_bytes(photo2.begin(), photo2.end());
  auto at = std::search(good.begin(), good.end(), photo2_bytes.begin(), photo2_bytes.end());
  ASSERT_NE(at, good.end());
  const size_t photo2_at = static_cast<size_t>(at - good.begin());
  expect_nothing_stored(
      WriteBytes(town_.root() + "/cut.gkb",
                 Bytes(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(photo2_at + 1000))),
      "bundle_truncated");
  // A byte of the photo changed and the file's digest made again: whole,
  // but not the photo the record names.
  Bytes forged = good;
  forged[photo2_at + 5000] ^= 0x01;
  forged.resize(forged.size() - 32);
  Hash32 digest = Sha256(forged);
  forged.insert(forged.end(), digest.begin(), digest.end());
  expect_nothing_stored(WriteBytes(town_.root() + "/forged.gkb", forged),
                        "attachment_hash_mismatch");

  json::object imported =
      town_.HubJson({"bundle", "import", "--dir", town_.hub_dir(), up}).as_object();
  EXPECT_EQ(imported.at("accepted").as_int64(), 1);
  EXPECT_EQ(imported.at("attachments_stored").as_int64(), 2);
  EXPECT_EQ(imported.at("attachments_present").as_int64(), 0);
  EXPECT_EQ(HubPostings(), 1);

  // The county's view shows the record.
  json::object c =
      town_
          .HubJson({"compliance", "--dir", town_.hub_dir(), "--period", period_, "--today", Day(2)})
          .as_object();
  bool found = false;
  for (const json::value& v : c.at("summary").as_array()) {
    if (v.as_object().at("unit").as_string() == "红旗村") {
      EXPECT_EQ(v.as_object().at("on_time").as_int64(), 1);
      found = true;
    }
  }
  EXPECT_TRUE(found) << json::serialize(c);

  // The same file again changes nothing.
  SqlFile hub(town_.hub_db());
  const std::string state_sql =
      "SELECT (SELECT count(*) FROM changesets) || '/' || (SELECT count(*) FROM postings) || '/' "
      "|| (SELECT group_concat(hex(sha256) || ':' || received_at, ',') FROM attachments)";
  const std::string before = hub.Text(state_sql);
  const std::vector<std::string> files_before = FilesIn(store);
  EXPECT_EQ(files_before.size(), 2u);
  json::object again =
      town_.HubJson({"bundle", "import", "--dir", town_.hub_dir(), up}).as_object();
  EXPECT_EQ(again.at("duplicate").as_int64(), 1);
  EXPECT_EQ(again.at("attachments_stored").as_int64(), 0);
  EXPECT_EQ(again.at("attachments_present").as_int64(), 2);
  EXPECT_EQ(again.at("attachment_bytes").as_int64(), 0);
  EXPECT_EQ(SqlFile(town_.hub_db()).Text(state_sql), before);
  EXPECT_EQ(FilesIn(store), files_before);

  // The public GET serves both photos byte for byte.
  ASSERT_TRUE(town_.Serve({}, port));
  station::HttpsEndpoint ep{"127.0.0.1", town_.serve().port(), town_.cert_sha256()};
  station::HttpsClient client(ep);
  for (const std::string* photo : {&photo1, &photo2}) {
    Result<station::HttpsResponse> got =
        client.Request("GET", "/v1/attachments/" + HexEncode(Sha256(*photo)), "", "");
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->status, 200);
    EXPECT_EQ(got->content_type, "image/jpeg");
    EXPECT_TRUE(got->body == *photo) << "photo of " << photo->size() << " bytes differs";
  }
}

}  // namespace
}  // namespace gongkai::testing
