// The fault proxy itself (tests/testing/fault_proxy.h), against a plain TCP
// echo server on loopback: it forwards the exact bytes both ways and counts
// them, cuts after exactly N bytes, stalls without losing anything, draws
// the same faults for the same seed, and stops cleanly with live
// connections.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <random>
#include <string>
#include <thread>

#include "tests/testing/fault_proxy.h"

namespace gongkai::testing {
namespace {

// Accepts connections on 127.0.0.1 and echoes everything back until the
// client ends its side; records what it received on the last connection.
class EchoServer {
 public:
  EchoServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(fd_, 16), 0);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~EchoServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    thread_.join();
    ::close(fd_);
  }
  uint16_t port() const { return port_; }
  size_t received() const { return received_; }

 private:
  void Loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      received_ = 0;
      char buf[8192];
      for (;;) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        received_ += static_cast<size_t>(n);
        if (::send(c, buf, static_cast<size_t>(n), MSG_NOSIGNAL) != n) break;
      }
      ::close(c);
    }
  }

  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<size_t> received_{0};
  std::thread thread_;
};

int Connect(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends `data` (from a second thread, so neither side blocks the other),
// ends the sending side, and reads until the connection ends.
std::string RoundTrip(uint16_t port, const std::string& data) {
  int fd = Connect(port);
  EXPECT_GE(fd, 0);
  std::thread writer([&] {
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
  });
  std::string got;
  char buf[8192];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<size_t>(n));
  }
  writer.join();
  ::close(fd);
  return got;
}

std::string RandomBytes(size_t n, uint64_t seed) {
  std::mt19937_64 g(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(g());
  return s;
}

// Waits (bounded) until the proxy has finished `n` connections.
void WaitFinished(const FaultProxy& proxy, size_t n) {
  for (int i = 0; i < 500; ++i) {
    size_t done = 0;
    for (const ConnectionRecord& r : proxy.Connections()) done += r.finished ? 1 : 0;
    if (done >= n) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ADD_FAILURE() << "the proxy did not finish " << n << " connections";
}

TEST(FaultProxyTest, ForwardsTheExactBytesBothWaysAndCountsThem) {
  EchoServer echo;
  FaultProxy proxy(echo.port());
  ASSERT_TRUE(proxy.Start().ok());
  std::string data = RandomBytes(1 << 20, 7);
  EXPECT_EQ(RoundTrip(proxy.port(), data), data);
  EXPECT_EQ(RoundTrip(proxy.port(), "abc"), "abc");
  WaitFinished(proxy, 2);
  ProxyCounts c = proxy.Counts();
  EXPECT_EQ(c.to_target, data.size() + 3);
  EXPECT_EQ(c.to_client, data.size() + 3);
  EXPECT_EQ(c.connections, 2u);
  EXPECT_EQ(c.cut, 0u);
  std::vector<ConnectionRecord> conns = proxy.Connections();
  ASSERT_EQ(conns.size(), 2u);
  EXPECT_EQ(conns[0].to_target + conns[1].to_target, data.size() + 3);
  proxy.Stop();
}

TEST(FaultProxyTest, CutLiveCutsAnOpenConnectionAfterExactlyThatManyMoreBytes) {
  EchoServer echo;
  FaultProxy proxy(echo.port());
  ASSERT_TRUE(proxy.Start().ok());
  int fd = Connect(proxy.port());
  ASSERT_GE(fd, 0);
  // A first exchange goes through whole: the connection is kept.
  std::string first = RandomBytes(3000, 5);
  ASSERT_EQ(::send(fd, first.data(), first.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(first.size()));
  std::string got;
  char buf[8192];
  while (got.size() < first.size()) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    ASSERT_GT(n, 0);
    got.append(buf, static_cast<size_t>(n));
  }
  EXPECT_EQ(got, first);
  proxy.CutLive(Direction::kToTarget, 500);
  std::string second = RandomBytes(5000, 6);
  (void)::send(fd, second.data(), second.size(), MSG_NOSIGNAL);
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
  }
  ::close(fd);
  WaitFinished(proxy, 1);
  ProxyCounts c = proxy.Counts();
  EXPECT_EQ(c.to_target, 3500u) << "the first exchange and 500 bytes of the second";
  EXPECT_EQ(c.cut, 1u);
  // A connection opened afterwards is not cut.
  EXPECT_EQ(RoundTrip(proxy.port(), "abc"), "abc");
  proxy.Stop();
}

TEST(FaultProxyTest, CutsAfterExactlyTheDrawnNumberOfBytesStationToHub) {
  EchoServer echo;
  FaultPlan plan;
  plan.cut_probability = 1.0;
  plan.cut_min_bytes = plan.cut_max_bytes = 1000;
  plan.cut_style = CutStyle::kClose;
  // Find a seed whose first connection is cut on the way to the target.
  while (plan.ForConnection(0).cut_direction != Direction::kToTarget) ++plan.seed;
  FaultProxy proxy(echo.port(), plan);
  ASSERT_TRUE(proxy.Start().ok());
  std::string got = RoundTrip(proxy.port(), RandomBytes(100000, 3));
  WaitFinished(proxy, 1);
  ProxyCounts c = proxy.Counts();
  EXPECT_EQ(c.to_target, 1000u);
  EXPECT_EQ(c.cut, 1u);
  EXPECT_LE(got.size(), 1000u) << "nothing beyond the cut came back";
  std::vector<ConnectionRecord> conns = proxy.Connections();
  ASSERT_EQ(conns.size(), 1u);
  EXPECT_TRUE(conns[0].cut);
}

TEST(FaultProxyTest, CutsHubToStationWithAReset) {
  EchoServer echo;
  FaultPlan plan;
  plan.cut_probability = 1.0;
  plan.cut_min_bytes = plan.cut_max_bytes = 4096;
  plan.cut_style = CutStyle::kReset;
  while (plan.ForConnection(0).cut_direction != Direction::kToClient) ++plan.seed;
  FaultProxy proxy(echo.port(), plan);
  ASSERT_TRUE(proxy.Start().ok());
  std::string got = RoundTrip(proxy.port(), RandomBytes(50000, 4));
  WaitFinished(proxy, 1);
  EXPECT_LE(got.size(), 4096u);
  EXPECT_EQ(proxy.Counts().to_client, 4096u);
  EXPECT_EQ(proxy.Counts().cut, 1u);
}

TEST(FaultProxyTest, AConnectionShorterThanTheCutPointIsNotCut) {
  EchoServer echo;
  FaultPlan plan;
  plan.cut_probability = 1.0;
  plan.cut_min_bytes = plan.cut_max_bytes = 10000;
  FaultProxy proxy(echo.port(), plan);
  ASSERT_TRUE(proxy.Start().ok());
  EXPECT_EQ(RoundTrip(proxy.port(), "short"), "short");
  WaitFinished(proxy, 1);
  EXPECT_EQ(proxy.Counts().cut, 0u);
}

TEST(FaultProxyTest, StallsAndDelaysLoseNothing) {
  EchoServer echo;
  FaultPlan plan;
  plan.stall_probability = 1.0;
  plan.stall_max_bytes = 2000;
  plan.stall = std::chrono::milliseconds(30);
  plan.chunk_delay = std::chrono::milliseconds(1);
  plan.chunk_bytes = 4096;
  FaultProxy proxy(echo.port(), plan);
  ASSERT_TRUE(proxy.Start().ok());
  std::string data = RandomBytes(60000, 5);
  EXPECT_EQ(RoundTrip(proxy.port(), data), data);
  WaitFinished(proxy, 1);
  EXPECT_EQ(proxy.Counts().stalled, 1u);
  EXPECT_EQ(proxy.Counts().total(), 2 * data.size());
}

TEST(FaultProxyTest, TheSameSeedDrawsTheSameFaults) {
  FaultPlan a;
  a.seed = 42;
  a.cut_probability = 0.3;
  a.stall_probability = 0.2;
  a.stall = std::chrono::milliseconds(5);
  FaultPlan b = a;
  size_t cuts = 0;
  for (uint64_t k = 0; k < 1000; ++k) {
    ConnectionFaults x = a.ForConnection(k), y = b.ForConnection(k);
    EXPECT_EQ(x.cut, y.cut);
    EXPECT_EQ(x.cut_after, y.cut_after);
    EXPECT_EQ(x.cut_direction, y.cut_direction);
    EXPECT_EQ(x.stall_after, y.stall_after);
    EXPECT_LE(x.cut_after, a.cut_max_bytes);
    cuts += x.cut ? 1 : 0;
  }
  EXPECT_GT(cuts, 200u);  // 30% of 1,000, give or take
  EXPECT_LT(cuts, 400u);
  b.seed = 43;
  size_t same = 0;
  for (uint64_t k = 0; k < 100; ++k) {
    same += a.ForConnection(k).cut_after == b.ForConnection(k).cut_after ? 1 : 0;
  }
  EXPECT_LT(same, 10u) << "another seed draws other faults";
}

TEST(FaultProxyTest, ATargetThatIsDownClosesTheClientAndIsCounted) {
  uint16_t dead_port = 0;
  {
    EchoServer gone;
    dead_port = gone.port();
  }
  FaultProxy proxy(dead_port);
  ASSERT_TRUE(proxy.Start().ok());
  EXPECT_EQ(RoundTrip(proxy.port(), "hello"), "");
  WaitFinished(proxy, 1);
  EXPECT_EQ(proxy.Counts().refused, 1u);
  EXPECT_EQ(proxy.Counts().total(), 0u);
}

TEST(FaultProxyTest, StopClosesLiveConnectionsAndCanBeCalledTwice) {
  EchoServer echo;
  FaultProxy proxy(echo.port());
  ASSERT_TRUE(proxy.Start().ok());
  int fd = Connect(proxy.port());
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::send(fd, "x", 1, MSG_NOSIGNAL), 1);
  char c = 0;
  ASSERT_EQ(::recv(fd, &c, 1, 0), 1);
  proxy.Stop();  // the client has not closed: Stop must not wait for it
  EXPECT_LE(::recv(fd, &c, 1, 0), 0) << "the proxy closed its side";
  ::close(fd);
  proxy.Stop();
  EXPECT_EQ(proxy.Counts().total(), 2u);
}

}  // namespace
}  // namespace gongkai::testing
