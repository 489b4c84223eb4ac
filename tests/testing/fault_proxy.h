// A fault-injecting TCP proxy for tests and benchmarks: it listens on
// 127.0.0.1 (a port the kernel picks), forwards every accepted connection to
// 127.0.0.1:target, and — driven by a seed — breaks some of them the way a
// village link does. It knows nothing of TLS or HTTP: it moves bytes.
//
// For the k-th accepted connection (k = 0, 1, 2, … in accept order) the
// faults are drawn by FaultPlan::ForConnection(k) from a generator seeded
// with (seed, k) alone, so a seed names the same faults on every run,
// whatever the timing:
//
//   cut    with probability cut_probability: after exactly `after` bytes
//          have been forwarded in one direction (to_target: station → hub,
//          or back), both sockets are closed — politely (FIN) or with a
//          reset (RST, SO_LINGER 0), as cut_style says. A connection that
//          ends before the cut point is not cut.
//   stall  with probability stall_probability: once `after` bytes have gone
//          one way, nothing is forwarded either way for `stall`.
//   delay  every chunk (one read of up to chunk_bytes) waits chunk_delay
//          before it is forwarded.
//
// CutLive cuts connections already open (a kept connection between two
// rounds of `sync --watch`): each is cut once `more` further bytes have gone
// one way — so the cut falls inside the next exchange on it.
//
// A connection the target refuses is closed at once (counted as refused).
// The counts are of TCP payload forwarded (TLS records included, TCP/IP
// headers not), summed over all connections, and per connection.
//
// Start/Stop and every accessor are thread-safe; Stop closes every live
// connection and joins every thread (the destructor calls it). One thread
// accepts; each connection gets a thread that pumps both directions.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/base/status.h"

namespace gongkai::testing {

enum class Direction { kToTarget, kToClient };
enum class CutStyle { kClose, kReset, kEither };

// What happens to one connection (FaultPlan::ForConnection).
struct ConnectionFaults {
  bool cut = false;
  Direction cut_direction = Direction::kToTarget;
  uint64_t cut_after = 0;  // bytes forwarded in cut_direction before the cut
  bool cut_reset = false;  // RST rather than FIN
  bool stall = false;
  Direction stall_direction = Direction::kToClient;
  uint64_t stall_after = 0;
  std::chrono::milliseconds stall_for{0};
  std::chrono::milliseconds chunk_delay{0};
};

struct FaultPlan {
  uint64_t seed = 1;
  double cut_probability = 0;
  uint64_t cut_min_bytes = 0;  // the cut point is uniform in [min, max]
  uint64_t cut_max_bytes = 64 << 10;
  // When set, the upper end of the cut point toward the target (station →
  // hub, usually much less traffic); cut_max_bytes is then toward the client.
  uint64_t cut_max_bytes_to_target = 0;
  CutStyle cut_style = CutStyle::kEither;
  double stall_probability = 0;
  uint64_t stall_max_bytes = 64 << 10;  // stall point uniform in [0, max]
  std::chrono::milliseconds stall{0};
  std::chrono::milliseconds chunk_delay{0};
  size_t chunk_bytes = 16 << 10;

  // Pure: the faults of the k-th connection under this plan.
  ConnectionFaults ForConnection(uint64_t k) const;
};

struct ConnectionRecord {
  uint64_t index = 0;
  uint64_t to_target = 0;  // bytes forwarded station → hub
  uint64_t to_client = 0;  // bytes forwarded hub → station
  bool refused = false;    // the target did not accept
  bool cut = false;
  bool stalled = false;
  bool finished = false;
};

// One flight: the bytes that went one way on one connection before any
// went back (consecutive reads in one direction merged). A TLS handshake
// is its first flights; then each request and each answer is one.
struct Flight {
  uint64_t connection = 0;  // ConnectionRecord::index
  Direction direction = Direction::kToTarget;
  uint64_t bytes = 0;
};

struct ProxyCounts {
  uint64_t to_target = 0;
  uint64_t to_client = 0;
  uint64_t connections = 0;
  uint64_t refused = 0;
  uint64_t cut = 0;
  uint64_t stalled = 0;
  uint64_t total() const { return to_target + to_client; }
};

class FaultProxy {
 public:
  FaultProxy(uint16_t target_port, FaultPlan plan = {});
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  // Binds 127.0.0.1:0 and starts accepting. Unavailable "proxy_listen".
  Status Start();
  // Stops accepting, closes every live connection, joins every thread.
  void Stop();

  uint16_t port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

  // For connections accepted from now on.
  void SetPlan(const FaultPlan& plan);
  // Every live connection is cut (FIN) after `more` further bytes in `dir`
  // (0: at the next byte); later connections follow the plan.
  void CutLive(Direction dir, uint64_t more);
  void SetTarget(uint16_t port);

  ProxyCounts Counts() const;
  // Every flight forwarded so far, in the order their first byte went
  // (interleaved across connections); the benchmarks slice it between two
  // marks (Flights().size() before, the tail after).
  std::vector<Flight> Flights() const;
  std::vector<ConnectionRecord> Connections() const;
  // Zeroes the counts, forgets the flights and finished connections (connection
  // indices, hence the faults drawn, keep counting).
  void ResetCounts();

 private:
  struct Conn;
  void AcceptLoop();
  void Pump(Conn& c);
  void Reap(bool all);

  mutable std::mutex mu_;
  FaultPlan plan_;
  uint16_t target_port_;
  uint16_t port_ = 0;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};  // a pipe: written by Stop to wake every poll
  std::atomic<bool> stopping_{false};
  bool started_ = false;
  std::thread acceptor_;
  uint64_t next_index_ = 0;
  std::list<std::unique_ptr<Conn>> conns_;
  std::vector<ConnectionRecord> finished_;
  ProxyCounts counts_;
  std::vector<Flight> flights_;
};

}  // namespace gongkai::testing
