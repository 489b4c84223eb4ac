// Crash safety of the real gongkai-station binary: it is killed with
// SIGKILL at random moments while importing 5,000 rows, while sealing them,
// and while sealing small batches one after another. After every kill the
// store must pass the full integrity check, the import must be wholly there
// or wholly absent, no acknowledged edit may be lost, and the outbox chain
// must have no gap. (The kill moments are random; the assertions hold for
// every moment, so the test has no timing assertion.)
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

#include "core/store/atomic_file.h"
#include "tests/station/station_fixture.h"

extern char** environ;

namespace gongkai::station {
namespace {

namespace fs = std::filesystem;

std::string Binary() { return std::string(GONGKAI_BINARY_DIR) + "/station/gongkai-station"; }

class Child {
 public:
  explicit Child(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {Binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    int rc = posix_spawn(&pid_, cargv[0], &actions, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) pid_ = -1;
  }
  // Kills the child (if still running) and returns true if it had already
  // exited 0 on its own.
  bool KillAndReap() {
    ::kill(pid_, SIGKILL);
    return Reap() == 0;
  }
  // Waits; the exit status, or -signal.
  int Reap() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

int RunToEnd(const std::vector<std::string>& args) { return Child(args).Reap(); }

double TimeRun(const std::vector<std::string>& args) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(RunToEnd(args), 0);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void CopyDir(const std::string& from, const std::string& to) {
  fs::remove_all(to);
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    fs::copy_file(entry.path(), fs::path(to) / entry.path().filename());
  }
  fs::permissions(fs::path(to) / "station.key", fs::perms::owner_read | fs::perms::owner_write);
}

std::string BigCsv(int rows, const std::string& tag) {
  std::string csv =
      "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
      "公开对象,公开方式,公开层级,备注\n";
  for (int i = 0; i < rows; ++i) {
    csv += "村务公开,村级财务,财务收支第" + std::to_string(i) +
           "项,收支明细；集体资产；债权债务,《村民委员会组织法》第三十条,每季度,"
           "红旗村民委员会,社区/企事业单位/村公示栏（电子屏）、政府网站,特定群体,主动,村级," +
           tag + "\n";
  }
  return csv;
}

int64_t Count(StationStore& store, const std::string& sql) {
  auto st = store.db().Prepare(sql);
  EXPECT_TRUE(st.ok());
  auto has = st->Step();
  EXPECT_TRUE(has.ok() && *has) << sql;
  return st->ColumnInt(0);
}

// What every restart must find. Returns the opened store for more checks.
StationStore CheckRestart(const std::string& dir) {
  auto store = StationStore::Open(dir, OpenOptions{true});  // integrity_check + chain
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_TRUE(store->FullCheck().ok());
  EXPECT_EQ(RunToEnd({"status", "--dir", dir}), 0) << "the program starts again";
  return std::move(store).value();
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(Binary())) << Binary();
    std::random_device rd;
    seed_ = rd();
    rng_.seed(seed_);
    RecordProperty("seed", std::to_string(seed_));
  }

  // Kills after a random delay in [0, *upper]. The bound adapts to the
  // machine's current speed: it grows a little after each kill that came
  // before the command finished and shrinks after each that came too late,
  // so the kills keep covering the whole run, commit included, even when
  // the machine is busy. Returns true if the command had finished (exit 0).
  bool RunAndKill(const std::vector<std::string>& args, double* upper) {
    std::uniform_real_distribution<double> delay(0, *upper);
    Child child(args);
    EXPECT_GT(child.pid(), 0);
    std::this_thread::sleep_for(std::chrono::duration<double>(delay(rng_)));
    bool finished = child.KillAndReap();
    *upper *= finished ? 0.9 : 1.1;
    return finished;
  }

  // A station with acknowledged work: 3 rows sealed, 2 pending.
  std::string MakeBase() {
    std::string dir = tmp_.path() + "/base";
    EXPECT_EQ(RunToEnd({"init", "--dir", dir, "--id", "hongqi-01", "--unit", "红旗村"}), 0);
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(RunToEnd({"add",        "--dir",          dir,
                          "--area",     "村务公开",       "--item-l1",
                          "村级财务",   "--item-l2",      "确认的第" + std::to_string(i) + "项",
                          "--content",  "明细",           "--basis",
                          "依据",       "--time-limit",   "每月",
                          "--subject",  "红旗村民委员会", "--channels",
                          "便民服务站", "--audience",     "全社会",
                          "--mode",     "主动",           "--levels",
                          "村级"}),
                0);
      if (i == 2) {
        EXPECT_EQ(RunToEnd({"seal", "--dir", dir}), 0);
      }
    }
    return dir;
  }

  std::string WriteSmall(int i) {
    std::string path = tmp_.path() + "/small-" + std::to_string(i) + ".csv";
    EXPECT_TRUE(WriteFileAtomic(path, BigCsv(3, "小批" + std::to_string(i)), 0644).ok());
    return path;
  }

  TempDir tmp_;
  unsigned seed_ = 0;
  std::mt19937 rng_;
};

TEST_F(CrashTest, KilledDuringImportAndSealAndSmallSeals) {
  const std::string base = MakeBase();
  const std::string csv = tmp_.path() + "/5000.csv";
  ASSERT_TRUE(WriteFileAtomic(csv, BigCsv(5000, "导入"), 0644).ok());
  const std::string work = tmp_.path() + "/work";
  int kills = 0;

  // --- 1. import of 5,000 rows, killed 30 times.
  CopyDir(base, work);
  const double import_time = TimeRun({"import", "--dir", work, csv});
  double upper = import_time * 1.3;
  int imported = 0;
  for (int i = 0; i < 30; ++i) {
    CopyDir(base, work);
    bool acknowledged = RunAndKill({"import", "--dir", work, csv}, &upper);
    ++kills;
    StationStore store = CheckRestart(work);
    int64_t import_edits = Count(store,
                                 "SELECT count(*) FROM edits e JOIN actions a USING "
                                 "(action_id) WHERE a.command = 'import'");
    EXPECT_TRUE(import_edits == 0 || import_edits == 5000) << import_edits;
    if (acknowledged) {
      EXPECT_EQ(import_edits, 5000) << "an acknowledged import was lost";
    }
    imported += import_edits == 5000;
    EXPECT_EQ(Count(store, "SELECT count(*) FROM edits WHERE action_id <= 5"), 5)
        << "the acknowledged adds are all there";
    EXPECT_EQ(Count(store, "SELECT count(*) FROM edits WHERE state = 'pending' AND edit_id <= 5"),
              2);
    EXPECT_EQ(Count(store, "SELECT count(*) FROM outbox"), 1);
  }
  std::printf("[ crash    ] import: %d kills (seed %u), %d after commit, baseline %.3f s\n", 30,
              seed_, imported, import_time);

  // --- 2. sealing 5,002 pending edits (3 change sets), killed 20 times.
  const std::string pending = tmp_.path() + "/pending";
  CopyDir(base, pending);
  ASSERT_EQ(RunToEnd({"import", "--dir", pending, csv}), 0);
  CopyDir(pending, work);
  const double seal_time = TimeRun({"seal", "--dir", work});
  upper = seal_time * 1.3;
  int sealed = 0;
  for (int i = 0; i < 20; ++i) {
    CopyDir(pending, work);
    bool acknowledged = RunAndKill({"seal", "--dir", work}, &upper);
    ++kills;
    {
      StationStore store = CheckRestart(work);
      int64_t still_pending = Count(store, "SELECT count(*) FROM edits WHERE state = 'pending'");
      int64_t outbox = Count(store, "SELECT count(*) FROM outbox");
      EXPECT_EQ(Count(store, "SELECT count(*) FROM edits"), 5005) << "no edit lost";
      bool before = still_pending == 5002 && outbox == 1;
      bool after = still_pending == 0 && outbox == 4;
      EXPECT_TRUE(before || after) << "pending " << still_pending << ", outbox " << outbox;
      if (acknowledged) {
        EXPECT_TRUE(after) << "an acknowledged seal was lost";
      }
      sealed += after;
    }
    // Sealing again completes the chain with no gap.
    ASSERT_EQ(RunToEnd({"seal", "--dir", work}), 0);
    StationStore store = CheckRestart(work);
    EXPECT_EQ(Count(store, "SELECT count(*) FROM outbox"), 4);
    EXPECT_EQ(Count(store, "SELECT max(seq) FROM outbox"), 4);
    EXPECT_EQ(Count(store, "SELECT count(*) FROM edits WHERE state = 'sealed'"), 5005);
  }
  std::printf("[ crash    ] seal: %d kills, %d after commit, baseline %.3f s\n", 20, sealed,
              seal_time);

  // --- 3. one station, small seals one after another, each killed once.
  CopyDir(base, work);
  int64_t acknowledged_adds = 5;
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(RunToEnd({"import", "--dir", work, WriteSmall(i)}), 0);
    acknowledged_adds += 3;
    if (i == 0) upper = TimeRun({"status", "--dir", work}) * 2;
    RunAndKill({"seal", "--dir", work}, &upper);
    ++kills;
    CheckRestart(work);
    ASSERT_EQ(RunToEnd({"seal", "--dir", work}), 0);
    StationStore store = CheckRestart(work);
    EXPECT_EQ(Count(store, "SELECT count(*) FROM edits"), acknowledged_adds);
    EXPECT_EQ(Count(store, "SELECT count(*) FROM edits WHERE state = 'pending'"), 0);
    EXPECT_EQ(Count(store, "SELECT count(*) FROM outbox"),
              Count(store, "SELECT max(seq) FROM outbox"));
  }
  EXPECT_GE(kills, 50);
}

}  // namespace
}  // namespace gongkai::station
