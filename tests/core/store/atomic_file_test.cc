// WriteFileAtomic (core/store/atomic_file.h): the result is always one whole
// content, concurrent writers of one file never share a temp file, nothing
// is left behind, and every failing step is reported.
#include "core/store/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <thread>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace gongkai {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  return out;
}

TEST(AtomicFileTest, WritesTheWholeContentWithTheModeAskedAndLeavesNoTempFile) {
  ::gongkai::TempDir tmp;
  const std::string path = tmp.path() + "/station.conf";
  ASSERT_TRUE(WriteFileAtomic(path, "first\n", 0600).ok());
  ASSERT_TRUE(WriteFileAtomic(path, "second\n", 0640).ok());
  EXPECT_EQ(*ReadFile(path), "second\n");
  struct stat st{};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{"station.conf"});
}

TEST(AtomicFileTest, ConcurrentWritersNeverMixTheirContents) {
  ::gongkai::TempDir tmp;
  const std::string path = tmp.path() + "/state";
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      const std::string content(100000, static_cast<char>('a' + w));
      for (int i = 0; i < 20; ++i) EXPECT_TRUE(WriteFileAtomic(path, content, 0600).ok());
    });
  }
  for (std::thread& t : writers) t.join();
  std::string got = *ReadFile(path);
  ASSERT_EQ(got.size(), 100000u);
  EXPECT_EQ(got, std::string(100000, got[0])) << "two writers' bytes in one file";
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{"state"});
}

TEST(AtomicFileTest, AWriteIntoAFolderIsRefusedByNameAndLeavesNothing) {
  ::gongkai::TempDir tmp;
  const std::string folder = tmp.path() + "/导出.csv";
  ASSERT_EQ(::mkdir(folder.c_str(), 0700), 0);
  Status s = WriteFileAtomic(folder, "x", 0600);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition) << s.ToString();
  EXPECT_NE(s.message().find("这是一个文件夹"), std::string::npos) << s.message();
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{"导出.csv"});
}

TEST(AtomicFileTest, AFailedWriteIsReportedAndLeavesTheOldFileAndNoTempFile) {
  if (::geteuid() == 0) {
    // root ignores directory permissions: use a path under a file instead.
    ::gongkai::TempDir tmp;
    const std::string file = tmp.path() + "/plain";
    ASSERT_TRUE(WriteFileAtomic(file, "x", 0600).ok());
    Status s = WriteFileAtomic(file + "/inside", "y", 0600);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.reason(), "io_error");
    // Not "try again later": a person must give another path. The message
    // names the path given, not the temp file, and says what is wrong.
    EXPECT_EQ(s.code(), Code::kFailedPrecondition);
    EXPECT_NE(s.message().find(file + "/inside: 所在的文件夹不存在"), std::string::npos)
        << s.message();
    EXPECT_EQ(s.message().find(".tmp."), std::string::npos) << s.message();
    EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{"plain"});
    return;
  }
  ::gongkai::TempDir tmp;
  const std::string dir = tmp.path() + "/ro";
  ASSERT_EQ(::mkdir(dir.c_str(), 0700), 0);
  ASSERT_TRUE(WriteFileAtomic(dir + "/f", "old", 0600).ok());
  ASSERT_EQ(::chmod(dir.c_str(), 0500), 0);
  Status s = WriteFileAtomic(dir + "/f", "new", 0600);
  ::chmod(dir.c_str(), 0700);
  EXPECT_EQ(s.reason(), "io_error");
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("没有权限"), std::string::npos) << s.message();
  EXPECT_EQ(*ReadFile(dir + "/f"), "old");
  EXPECT_EQ(Entries(dir), std::vector<std::string>{"f"});
}

TEST(AtomicFileTest, AStaleTempFileOfACrashedRunIsNeitherReusedNorInTheWay) {
  ::gongkai::TempDir tmp;
  const std::string path = tmp.path() + "/f";
  // What an older version (one fixed temp name) or a killed writer leaves.
  ASSERT_TRUE(WriteFileAtomic(path + ".tmp", "stale", 0600).ok());
  ASSERT_TRUE(WriteFileAtomic(path, "fresh", 0600).ok());
  EXPECT_EQ(*ReadFile(path), "fresh");
  EXPECT_EQ(*ReadFile(path + ".tmp"), "stale");
}

}  // namespace
}  // namespace gongkai
