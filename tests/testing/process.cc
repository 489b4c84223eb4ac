#include "tests/testing/process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace gongkai::testing {

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteBinary(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

std::string BinaryPath(const std::string& rel) {
  return std::string(GONGKAI_BINARY_DIR) + "/" + rel;
}

bool HaveProgram(const std::string& name) {
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";
  std::stringstream ss(path);
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (!dir.empty() && access((dir + "/" + name).c_str(), X_OK) == 0) return true;
  }
  return false;
}

pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_file,
            const std::string& err_file) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  return rc == 0 ? pid : -1;
}

int WaitExit(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (r < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

RunResult RunProgram(const std::vector<std::string>& argv, const std::string& scratch_dir,
                     std::chrono::milliseconds timeout) {
  static std::atomic<int> counter{0};
  std::string base = scratch_dir + "/run" + std::to_string(++counter);
  RunResult r;
  pid_t pid = Spawn(argv, base + ".out", base + ".err");
  if (pid < 0) return r;
  r.exit_code = WaitExit(pid, timeout);
  r.out = ReadText(base + ".out");
  r.err = ReadText(base + ".err");
  return r;
}

// --- HubProcess -------------------------------------------------------------

HubProcess::~HubProcess() { Kill(); }

bool HubProcess::Start(const std::string& dir, const std::vector<std::string>& extra,
                       uint16_t port) {
  return StartProgram("hub/gongkai-hub", dir, extra, port);
}

bool HubProcess::StartProgram(const std::string& program, const std::string& dir,
                              const std::vector<std::string>& extra, uint16_t port) {
  std::string binary = BinaryPath(program);
  if (access(binary.c_str(), X_OK) != 0) {
    ADD_FAILURE() << program << " is not built at " << binary;
    return false;
  }
  port_file_ = dir + "/serve.port";
  out_ = dir + "/serve.out";
  err_ = dir + "/serve.log";
  std::vector<std::string> argv = {binary,        "serve",    "--dir",
                                   dir,           "--listen", "127.0.0.1:" + std::to_string(port),
                                   "--port-file", port_file_};
  argv.insert(argv.end(), extra.begin(), extra.end());
  // Only a fixed port is worth retrying: it may still be held a moment.
  const int attempts = port == 0 ? 1 : 100;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::filesystem::remove(port_file_);
    pid_ = Spawn(argv, out_, err_);
    if (pid_ < 0) {
      ADD_FAILURE() << "cannot start " << binary;
      return false;
    }
    for (int i = 0; i < 1000; ++i) {
      std::string text = ReadText(port_file_);
      if (!text.empty() && text.back() == '\n') {
        port_ = static_cast<uint16_t>(std::stoi(text));
        return true;
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (pid_ > 0) {
      ADD_FAILURE() << program << " serve did not report its port:\n" << log();
      return false;
    }
  }
  ADD_FAILURE() << program << " serve exited at start (port " << port << "):\n" << log();
  return false;
}

bool HubProcess::Alive() const {
  if (pid_ <= 0) return false;
  return waitpid(pid_, nullptr, WNOHANG) == 0;
}

void HubProcess::Signal(int sig) const { kill(pid_, sig); }

int HubProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int code = WaitExit(pid_, std::chrono::seconds(30));
  pid_ = -1;
  return code;
}

void HubProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int HubProcess::WaitForExit() {
  int code = WaitExit(pid_, std::chrono::seconds(30));
  pid_ = -1;
  return code;
}

std::string HubProcess::url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(port_) + path;
}

// --- sockets ----------------------------------------------------------------

int TcpConnect(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string ReadUntilClose(int fd, int timeout_ms) {
  std::string out;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) break;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

TlsClient::TlsClient() : ctx_(SSL_CTX_new(TLS_client_method())) {}

TlsClient::~TlsClient() {
  if (ssl_) SSL_free(ssl_);
  if (fd_ >= 0) close(fd_);
  SSL_CTX_free(ctx_);
}

bool TlsClient::Connect(uint16_t port) {
  fd_ = TcpConnect(port);
  if (fd_ < 0) return false;
  ssl_ = SSL_new(ctx_);
  SSL_set_fd(ssl_, fd_);
  return SSL_connect(ssl_) == 1;
}

bool TlsClient::Write(const std::string& data) {
  return SSL_write(ssl_, data.data(), static_cast<int>(data.size())) ==
         static_cast<int>(data.size());
}

bool TlsClient::ClosedWithin(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return false;
  char c;
  int n = SSL_read(ssl_, &c, 1);
  return n <= 0;
}

std::string TlsClient::ReadUntilClose(int timeout_ms) {
  std::string out;
  char buf[4096];
  for (;;) {
    if (SSL_pending(ssl_) == 0) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, timeout_ms) <= 0) break;
    }
    int n = SSL_read(ssl_, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace gongkai::testing
