// Attachments from a real station to a real hub (gongkai-station attach,
// then sync) through the fault proxy, which cuts connections mid-upload:
// every attachment arrives once, and the bytes the proxy forwarded show the
// upload resumed rather than restarted. Plus the station's own refusals.
#include <dirent.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <fstream>
#include <random>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "core/store/atomic_file.h"
#include "station/sync/https_client.h"
#include "tests/testing/fault_proxy.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

// A PDF header then n random (incompressible) bytes.
std::string RandomPdf(size_t n, uint64_t seed) {
  std::string s = "%PDF-1.7\n";
  std::mt19937_64 g(seed);
  while (s.size() < n) s += static_cast<char>(g() & 0xFF);
  return s;
}

std::string WriteFile(const std::string& dir, const std::string& name, const std::string& bytes) {
  std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

size_t FilesIn(const std::string& dir) {
  size_t n = 0;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) n += e->d_name[0] != '.' && e->d_type == DT_REG ? 1 : 0;
    ::closedir(d);
  }
  return n;
}

class AttachmentSyncTest : public TownTest {};

TEST_F(AttachmentSyncTest, CutUploadsResumeAndEveryAttachmentArrivesOnce) {
  signal(SIGPIPE, SIG_IGN);
  // Two cuts toward the hub, each in the middle of a chunk (chunks are
  // 1 MiB; the files 1.5, 1.6 and 1.7 MB): the first connection is cut
  // while the second chunk of file 0 is on its way (the hub holds 1 MiB of
  // it), the second while the second chunk of file 1 is (the hub holds 1 MiB
  // of file 1). The seed is the first whose draws do that.
  FaultPlan plan;
  plan.cut_probability = 1;
  plan.cut_min_bytes = 1'150'000;
  plan.cut_max_bytes = 1'150'000;  // toward the station: never reached
  plan.cut_max_bytes_to_target = 2'050'000;
  auto wanted = [&](uint64_t k, uint64_t lo) {
    ConnectionFaults f = plan.ForConnection(k);
    return f.cut && f.cut_direction == Direction::kToTarget && f.cut_after >= lo;
  };
  FaultProxy proxy(town_.serve().port());
  ASSERT_TRUE(proxy.Start().ok());
  std::string dir = town_.AddStation("hongqi-01", "红旗村", {.url = proxy.url(), .pin = ""});
  ASSERT_FALSE(HasFailure());

  std::vector<std::string> files;
  uint64_t total = 0;
  std::vector<std::string> args = {"attach", "--dir", dir, "--json"};
  for (int i = 0; i < 3; ++i) {
    files.push_back(RandomPdf(1'500'000 + 100'000 * i, 100 + i));
    total += files.back().size();
    args.push_back(WriteFile(tmp_.path(), "收支明细" + std::to_string(i) + ".pdf", files.back()));
  }
  boost::json::value attached = town_.StationJson(args);
  ASSERT_EQ(attached.as_object()["attachments"].as_array().size(), 3u);

  // Connection indices go on from those the set-up used.
  const uint64_t k0 = proxy.Counts().connections;
  for (plan.seed = 1; !(wanted(k0, 1'150'000) && wanted(k0 + 1, 1'650'000)); ++plan.seed) {
  }
  proxy.SetPlan(plan);
  proxy.ResetCounts();
  int runs = 0, failed = 0;
  uint64_t resumed = 0;
  for (; runs < 5; ++runs) {
    if (runs == 2) proxy.SetPlan(FaultPlan{});  // the link is good again
    RunResult r = town_.Station({"sync", "--dir", dir, "--no-retry", "--json"});
    if (r.exit_code == 0) {
      auto o = boost::json::parse(r.out).as_object();
      resumed += o["attachments"].as_object()["resumed_bytes"].to_number<uint64_t>();
      break;
    }
    EXPECT_EQ(r.exit_code, 6) << r.err;  // a cut: try again later
    ++failed;
  }
  ASSERT_LT(runs, 5) << "sync never got through";
  ProxyCounts counts = proxy.Counts();
  // The client may reconnect within one run (a kept connection found
  // closed is retried once), so the cuts need not fail a run.
  EXPECT_LE(failed, 2);
  EXPECT_EQ(counts.cut, 2u);

  // Every attachment once, whole, under its hash; no partial file left.
  SqlFile hub(town_.hub_db());
  EXPECT_EQ(hub.Int("SELECT COUNT(*) FROM attachments"), 3);
  EXPECT_EQ(hub.Int("SELECT COUNT(*) FROM attachments WHERE uploaded_by = 'hongqi-01' AND "
                    "media_type = 'application/pdf'"),
            3);
  for (const std::string& f : files) {
    std::string sha = HexEncode(Sha256(f));
    EXPECT_EQ(ReadFile(town_.hub_dir() + "/attachments/" + sha).value(), f);
  }
  EXPECT_EQ(FilesIn(town_.hub_dir() + "/attachments/partial/hongqi-01"), 0u);

  // Resumed, not restarted: what the proxy carried toward the hub is the
  // attachments once, plus at most one chunk lost in flight per cut, plus
  // TLS handshakes and headers (a few KB a connection).
  uint64_t allowance = counts.cut * ((1u << 20) + 64'000) + counts.connections * 16'000;
  EXPECT_LE(counts.to_target, total + allowance)
      << "to_target " << counts.to_target << " total " << total << " cuts " << counts.cut;
  (void)resumed;  // counted per run start; a resume inside a run is a 409

  // A second sync sends nothing more.
  proxy.SetPlan(FaultPlan{});
  proxy.ResetCounts();
  RunResult again = town_.Station({"sync", "--dir", dir, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto again_json = boost::json::parse(again.out).as_object();
  EXPECT_EQ(again_json["attachments"].as_object()["chunk_bytes"].to_number<uint64_t>(), 0u);
  EXPECT_LT(proxy.Counts().to_target, 64'000u);

  // The public GET serves the bytes with their type.
  station::HttpsEndpoint ep{"127.0.0.1", town_.serve().port(), town_.cert_sha256()};
  station::HttpsClient client(ep);
  std::string sha0 = HexEncode(Sha256(files[0]));
  Result<station::HttpsResponse> got = client.Request("GET", "/v1/attachments/" + sha0, "", "");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->content_type, "application/pdf");
  EXPECT_EQ(got->body, files[0]);
}

TEST_F(AttachmentSyncTest, StationRefusesBadFilesAndStoresNothing) {
  std::string dir = town_.AddStation("hongqi-01", "红旗村");
  ASSERT_FALSE(HasFailure());
  struct Case {
    std::string name, bytes, reason;
    int exit_code;
  };
  std::vector<Case> cases = {
      {"公示栏.jpg", RandomPdf(2000, 1), "media_type_mismatch", 3},
      {"photo.jpg", "<!DOCTYPE html><html><body>x</body></html>", "unsupported_media_type", 3},
      {"empty.pdf", "", "empty_attachment", 3},
      {"big.pdf", RandomPdf((10u << 20) + 1, 2), "attachment_too_large", 3},
  };
  for (const Case& c : cases) {
    std::string path = WriteFile(tmp_.path(), c.name, c.bytes);
    RunResult r = town_.Station({"attach", "--dir", dir, path});
    EXPECT_EQ(r.exit_code, c.exit_code) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find("[" + c.reason + "]"), std::string::npos) << c.name << ": " << r.err;
    EXPECT_EQ(FilesIn(dir + "/attachments"), 0u) << c.name;
  }
  RunResult missing = town_.Station({"attach", "--dir", dir, tmp_.path() + "/nope.pdf"});
  EXPECT_EQ(missing.exit_code, 4) << missing.err;
  // A good file before a bad one: the refusal keeps neither, and says
  // nothing was saved (no "已保存" line on stdout).
  std::string good = WriteFile(tmp_.path(), "收支明细.pdf", RandomPdf(3000, 3));
  std::string bad = WriteFile(tmp_.path(), "scan.jpg", RandomPdf(3000, 4));
  RunResult mixed = town_.Station({"attach", "--dir", dir, good, bad});
  EXPECT_EQ(mixed.exit_code, 3) << mixed.err;
  EXPECT_NE(mixed.err.find("scan.jpg"), std::string::npos) << mixed.err;
  EXPECT_EQ(mixed.out.find("已保存"), std::string::npos) << mixed.out;
  EXPECT_EQ(FilesIn(dir + "/attachments"), 0u);
  RunResult both = town_.Station({"attach", "--dir", dir, good});
  EXPECT_EQ(both.exit_code, 0) << both.err;
  EXPECT_EQ(FilesIn(dir + "/attachments"), 1u) << "the next ordinary step keeps the good one";
}

}  // namespace
}  // namespace gongkai::testing
