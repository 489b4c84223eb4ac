#include "tests/testing/fault_proxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <random>

namespace gongkai::testing {
namespace {

// SplitMix64: spreads (seed, k) into a well-mixed generator seed.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

double Unit(std::mt19937_64& g) { return static_cast<double>(g() >> 11) * 0x1.0p-53; }

uint64_t Between(std::mt19937_64& g, uint64_t lo, uint64_t hi) {
  if (hi <= lo) return lo;
  return lo + g() % (hi - lo + 1);
}

int Index(Direction d) { return d == Direction::kToTarget ? 0 : 1; }

// Writes all of data; false when the peer is gone.
bool WriteAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    data += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

void SetReset(int fd) {
  linger l{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

}  // namespace

ConnectionFaults FaultPlan::ForConnection(uint64_t k) const {
  std::mt19937_64 g(Mix(seed ^ Mix(k)));
  // Every value is drawn whatever the plan, so one connection's faults do
  // not depend on which kinds of fault are switched on.
  double cut_roll = Unit(g);
  bool cut_up = (g() & 1) != 0;
  uint64_t cut_raw = g();
  uint64_t cut_hi = cut_up && cut_max_bytes_to_target > 0 ? cut_max_bytes_to_target : cut_max_bytes;
  uint64_t cut_at = cut_hi <= cut_min_bytes
                        ? cut_min_bytes
                        : cut_min_bytes + cut_raw % (cut_hi - cut_min_bytes + 1);
  bool reset = (g() & 1) != 0;
  double stall_roll = Unit(g);
  bool stall_up = (g() & 1) != 0;
  uint64_t stall_at = Between(g, 0, stall_max_bytes);

  ConnectionFaults f;
  f.cut = cut_roll < cut_probability;
  f.cut_direction = cut_up ? Direction::kToTarget : Direction::kToClient;
  f.cut_after = cut_at;
  f.cut_reset = cut_style == CutStyle::kReset || (cut_style == CutStyle::kEither && reset);
  f.stall = stall_roll < stall_probability && stall.count() > 0;
  f.stall_direction = stall_up ? Direction::kToTarget : Direction::kToClient;
  f.stall_after = stall_at;
  f.stall_for = stall;
  f.chunk_delay = chunk_delay;
  return f;
}

struct FaultProxy::Conn {
  ConnectionRecord rec;
  ConnectionFaults faults;
  size_t chunk_bytes = 16 << 10;
  int fd[2] = {-1, -1};  // [0] the client (station), [1] the target (hub)
  std::thread thread;
  std::atomic<bool> done{false};
  // CutLive: the cut point in bytes forwarded in arm_dir (index as
  // Index(Direction)), or none.
  std::atomic<uint64_t> arm_at{kNoArm};
  std::atomic<int> arm_dir{0};
  std::atomic<uint64_t> forwarded[2] = {0, 0};
  static constexpr uint64_t kNoArm = ~uint64_t{0};
};

FaultProxy::FaultProxy(uint16_t target_port, FaultPlan plan)
    : plan_(std::move(plan)), target_port_(target_port) {}

FaultProxy::~FaultProxy() { Stop(); }

Status FaultProxy::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (started_) return Status::Ok();
  if (::pipe2(wake_, O_CLOEXEC) != 0) return Unavailable("proxy_listen", "pipe failed");
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 128) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return Unavailable("proxy_listen", "the fault proxy cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  started_ = true;
  stopping_ = false;
  acceptor_ = std::thread([this] { AcceptLoop(); });
  return Status::Ok();
}

void FaultProxy::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!started_) return;
    stopping_ = true;
    char b = 1;
    (void)!::write(wake_[1], &b, 1);
    for (auto& c : conns_) {
      for (int fd : c->fd) {
        if (fd >= 0) ::shutdown(fd, SHUT_RDWR);  // unblocks a blocked send
      }
    }
  }
  acceptor_.join();
  Reap(/*all=*/true);
  std::lock_guard<std::mutex> lock(mu_);
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
  listen_fd_ = wake_[0] = wake_[1] = -1;
  started_ = false;
}

void FaultProxy::SetPlan(const FaultPlan& plan) {
  std::lock_guard<std::mutex> lock(mu_);
  plan_ = plan;
}

void FaultProxy::SetTarget(uint16_t port) {
  std::lock_guard<std::mutex> lock(mu_);
  target_port_ = port;
}

void FaultProxy::CutLive(Direction dir, uint64_t more) {
  std::lock_guard<std::mutex> lock(mu_);
  int di = Index(dir);
  for (auto& c : conns_) {
    if (c->done) continue;
    c->arm_dir = di;
    c->arm_at = c->forwarded[di].load() + more;
  }
}

ProxyCounts FaultProxy::Counts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_;
}

std::vector<Flight> FaultProxy::Flights() const {
  std::lock_guard<std::mutex> lock(mu_);
  return flights_;
}

std::vector<ConnectionRecord> FaultProxy::Connections() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ConnectionRecord> out = finished_;
  for (const auto& c : conns_) {
    if (!c->rec.finished) out.push_back(c->rec);
  }
  return out;
}

void FaultProxy::ResetCounts() {
  std::lock_guard<std::mutex> lock(mu_);
  counts_ = ProxyCounts{};
  flights_.clear();
  finished_.clear();
  for (auto& c : conns_) {
    c->rec.to_target = c->rec.to_client = 0;
  }
}

void FaultProxy::Reap(bool all) {
  std::list<std::unique_ptr<Conn>> gone;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = conns_.begin(); it != conns_.end();) {
      if (all || (*it)->done) {
        gone.push_back(std::move(*it));
        it = conns_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& c : gone) c->thread.join();
}

void FaultProxy::AcceptLoop() {
  for (;;) {
    pollfd p[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int r = ::poll(p, 2, 200);
    if (stopping_) return;
    Reap(/*all=*/false);
    if (r <= 0 || !(p[0].revents & POLLIN)) continue;
    int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    auto conn = std::make_unique<Conn>();
    uint16_t target = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      conn->rec.index = next_index_++;
      conn->faults = plan_.ForConnection(conn->rec.index);
      conn->chunk_bytes = std::max<size_t>(1, plan_.chunk_bytes);
      conn->fd[0] = client;
      ++counts_.connections;
      target = target_port_;
    }
    int up = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(target);
    if (up < 0 || ::connect(up, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      if (up >= 0) ::close(up);
      ::close(client);
      std::lock_guard<std::mutex> lock(mu_);
      conn->rec.refused = conn->rec.finished = true;
      ++counts_.refused;
      finished_.push_back(conn->rec);
      continue;
    }
    Conn* raw = conn.get();
    {
      std::lock_guard<std::mutex> lock(mu_);
      conn->fd[1] = up;
      if (stopping_) {
        ::shutdown(client, SHUT_RDWR);
        ::shutdown(up, SHUT_RDWR);
      }
      conns_.push_back(std::move(conn));
      raw->thread = std::thread([this, raw] { Pump(*raw); });
    }
  }
}

void FaultProxy::Pump(Conn& c) {
  const ConnectionFaults& f = c.faults;
  uint64_t sent[2] = {0, 0};    // forwarded: [0] to the target, [1] to the client
  bool open[2] = {true, true};  // reading side still open: [0] client, [1] target
  bool stall_pending = f.stall, cut = false, cut_reset = false;
  std::vector<char> buf(c.chunk_bytes);

  // Waits `d` unless Stop comes first; false if stopping.
  auto pause = [&](std::chrono::milliseconds d) {
    if (d.count() <= 0) return !stopping_;
    pollfd w{wake_[0], POLLIN, 0};
    ::poll(&w, 1, static_cast<int>(d.count()));
    return !stopping_;
  };

  bool alive = true;
  while (alive && (open[0] || open[1]) && !stopping_) {
    pollfd p[3] = {{open[0] ? c.fd[0] : -1, POLLIN, 0},
                   {open[1] ? c.fd[1] : -1, POLLIN, 0},
                   {wake_[0], POLLIN, 0}};
    if (::poll(p, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (stopping_) break;
    for (int from = 0; from < 2 && alive; ++from) {
      if (!(p[from].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      int to = 1 - from;
      Direction dir = from == 0 ? Direction::kToTarget : Direction::kToClient;
      int di = Index(dir);
      ssize_t n = ::recv(c.fd[from], buf.data(), buf.size(), 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {  // reset by the peer: the whole connection is gone
        alive = false;
        break;
      }
      if (n == 0) {  // an orderly end of this direction: pass it on
        open[from] = false;
        ::shutdown(c.fd[to], SHUT_WR);
        continue;
      }
      if (!pause(f.chunk_delay)) {
        alive = false;
        break;
      }
      size_t off = 0, len = static_cast<size_t>(n);
      while (off < len) {
        size_t limit = len - off;
        bool cut_here = f.cut && f.cut_direction == dir;
        uint64_t cut_after = f.cut_after;
        bool by_arm = false;
        if (uint64_t armed = c.arm_at;
            armed != Conn::kNoArm && c.arm_dir == di && (!cut_here || armed < cut_after)) {
          cut_here = true;
          cut_after = armed;
          by_arm = true;
        }
        bool stall_here = stall_pending && f.stall_direction == dir;
        if (cut_here) limit = std::min<uint64_t>(limit, cut_after - std::min(cut_after, sent[di]));
        if (stall_here) {
          limit = std::min<uint64_t>(limit, f.stall_after - std::min(f.stall_after, sent[di]));
        }
        if (limit > 0) {
          if (!WriteAll(c.fd[to], buf.data() + off, limit)) {
            alive = false;
            break;
          }
          sent[di] += limit;
          c.forwarded[di] = sent[di];
          off += limit;
          std::lock_guard<std::mutex> lock(mu_);
          (dir == Direction::kToTarget ? c.rec.to_target : c.rec.to_client) += limit;
          (dir == Direction::kToTarget ? counts_.to_target : counts_.to_client) += limit;
          // Extends this connection's latest flight if it went the same way.
          auto last = std::find_if(flights_.rbegin(), flights_.rend(),
                                   [&](const Flight& fl) { return fl.connection == c.rec.index; });
          if (last != flights_.rend() && last->direction == dir) {
            last->bytes += limit;
          } else {
            flights_.push_back(Flight{c.rec.index, dir, limit});
          }
        }
        if (stall_here && sent[di] >= f.stall_after) {
          stall_pending = false;
          {
            std::lock_guard<std::mutex> lock(mu_);
            c.rec.stalled = true;
            ++counts_.stalled;
          }
          if (!pause(f.stall_for)) {
            alive = false;
            break;
          }
        }
        if (cut_here && sent[di] >= cut_after) {
          cut = true;
          cut_reset = by_arm ? false : f.cut_reset;
          alive = false;
          break;
        }
      }
    }
  }

  std::lock_guard<std::mutex> lock(mu_);
  for (int& fd : c.fd) {
    if (cut && cut_reset) SetReset(fd);
    ::close(fd);
    fd = -1;
  }
  c.rec.cut = cut;
  c.rec.finished = true;
  if (cut) ++counts_.cut;
  finished_.push_back(c.rec);
  c.done = true;
}

}  // namespace gongkai::testing
