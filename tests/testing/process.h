// Helpers for tests that run real programs: spawn with output to files,
// wait with a deadline, run a program capturing its exit code and output,
// a gongkai-hub serve process on a loopback port (port 0: chosen by the
// kernel, reported through --port-file), raw TCP and a bare OpenSSL
// client for socket-level cases curl cannot express.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

struct ssl_ctx_st;
struct ssl_st;

namespace gongkai::testing {

std::string ReadText(const std::string& path);
void WriteBinary(const std::string& path, const std::string& data);
// GONGKAI_BINARY_DIR/rel, e.g. BinaryPath("hub/gongkai-hub").
std::string BinaryPath(const std::string& rel);
// True if `name` is an executable on PATH.
bool HaveProgram(const std::string& name);

// Starts argv[0] (a path) with stdin from /dev/null and stdout/stderr
// appended to the given files; the pid, or -1.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_file,
            const std::string& err_file);

// Exit status (128 + signal if killed), or -1 if it did not exit in time
// (then it is killed).
int WaitExit(pid_t pid, std::chrono::milliseconds timeout);

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv to the end (output through files in scratch_dir).
RunResult RunProgram(const std::vector<std::string>& argv, const std::string& scratch_dir,
                     std::chrono::milliseconds timeout = std::chrono::seconds(30));

// `gongkai-hub serve --dir DIR` on 127.0.0.1; killed when destroyed.
class HubProcess {
 public:
  HubProcess() = default;
  ~HubProcess();
  HubProcess(const HubProcess&) = delete;
  HubProcess& operator=(const HubProcess&) = delete;

  // port 0: any free port. A given port another process just left may take
  // a moment to become free: a start that exits at once is then retried.
  // Returns false (with a test failure) if it did not come up.
  bool Start(const std::string& dir, const std::vector<std::string>& extra = {}, uint16_t port = 0);
  // The same for another server with the same flags (--dir, --listen,
  // --port-file): program is relative to the build, e.g.
  // "hub/county_witness/gongkai-witness".
  bool StartProgram(const std::string& program, const std::string& dir,
                    const std::vector<std::string>& extra = {}, uint16_t port = 0);

  bool Alive() const;
  void Signal(int sig) const;
  // SIGTERM and wait; the exit status.
  int Stop();
  // SIGKILL and reap (nothing if not running).
  void Kill();
  int WaitForExit();

  uint16_t port() const { return port_; }
  std::string url(const std::string& path) const;
  std::string log() const { return ReadText(err_); }
  std::string out() const { return ReadText(out_); }

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string port_file_, out_, err_;
};

// A connected loopback TCP socket, or -1.
int TcpConnect(uint16_t port);
// Reads until the peer closes or nothing arrives for timeout_ms.
std::string ReadUntilClose(int fd, int timeout_ms);

// A TLS client with no certificate checks (the pinning client is the
// station's; these tests are about the server's behaviour).
class TlsClient {
 public:
  TlsClient();
  ~TlsClient();
  TlsClient(const TlsClient&) = delete;
  TlsClient& operator=(const TlsClient&) = delete;
  bool Connect(uint16_t port);
  bool Write(const std::string& data);
  // True if the server closed the connection within timeout_ms (used as
  // the pace of a slow client: it waits, and notices being dropped).
  bool ClosedWithin(int timeout_ms);
  std::string ReadUntilClose(int timeout_ms);

 private:
  ssl_ctx_st* ctx_;
  ssl_st* ssl_ = nullptr;
  int fd_ = -1;
};

}  // namespace gongkai::testing
