// The real `gongkai-station ui` process: it listens on 127.0.0.1 only —
// another local address of this machine (127.0.0.2, which Linux routes to
// the loopback interface, and the machine's own network addresses, if it
// has any) refuses the connection — and a request with a foreign Host
// header (DNS rebinding) is refused even on 127.0.0.1.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "tests/station/station_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::station::testing {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

// Connects to addr:port over IPv4; the socket, or -1.
int ConnectTo(const std::string& addr, uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  inet_pton(AF_INET, addr.c_str(), &sa.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string Exchange(uint16_t port, const std::string& request) {
  int fd = ConnectTo("127.0.0.1", port);
  if (fd < 0) return "";
  (void)!write(fd, request.data(), request.size());
  std::string answer = ReadUntilClose(fd, 5000);
  close(fd);
  return answer;
}

// The IPv4 addresses of this machine's interfaces other than loopback.
std::vector<std::string> OtherAddresses() {
  std::vector<std::string> out;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return out;
  for (ifaddrs* i = list; i; i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || (i->ifa_flags & IFF_LOOPBACK)) {
      continue;
    }
    char buf[INET_ADDRSTRLEN];
    auto* sin = reinterpret_cast<sockaddr_in*>(i->ifa_addr);
    if (inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf)) out.push_back(buf);
  }
  freeifaddrs(list);
  return out;
}

class UiProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = std::string(GONGKAI_BINARY_DIR) + "/station/gongkai-station";
    ASSERT_EQ(access(binary_.c_str(), X_OK), 0) << "not built: " << binary_;
    dir_ = tmp_.path() + "/station";
    InitStore(dir_);
    url_file_ = tmp_.path() + "/ui.url";
    pid_ = Spawn({binary_, "ui", "--dir", dir_, "--port", "0", "--url-file", url_file_},
                 tmp_.path() + "/ui.out", tmp_.path() + "/ui.err");
    ASSERT_GT(pid_, 0);
    for (int i = 0; i < 1000 && url_.empty(); ++i) {
      std::string text = ReadText(url_file_);
      if (!text.empty() && text.back() == '\n') url_ = text.substr(0, text.size() - 1);
      int status = 0;
      if (url_.empty() && waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL() << "gongkai-station ui exited:\n" << ReadText(tmp_.path() + "/ui.err");
      }
      if (url_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(url_.rfind("http://127.0.0.1:", 0), 0u) << url_;
    port_ = static_cast<uint16_t>(std::stoi(url_.substr(17)));
    key_ = url_.substr(url_.find("key=") + 4);
  }

  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      EXPECT_EQ(::gongkai::testing::WaitExit(pid_, std::chrono::seconds(30)), 0);
    }
  }

  std::string Get(const std::string& host, const std::string& path, bool with_cookie) {
    std::string req = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n";
    if (with_cookie) req += "Cookie: " + cookie_ + "\r\n";
    return Exchange(port_, req + "Connection: close\r\n\r\n");
  }
  static std::string Header(const std::string& answer, const std::string& name) {
    size_t at = answer.find("\r\n" + name + ": ");
    if (at == std::string::npos) return "";
    at += name.size() + 4;
    return answer.substr(at, answer.find("\r\n", at) - at);
  }
  // Trades the printed launch URL for the cookie and the page's prefix.
  std::string Login() {
    std::string login =
        Get("127.0.0.1:" + std::to_string(port_), url_.substr(url_.find('/', 7)), false);
    std::string set = Header(login, "Set-Cookie");
    cookie_ = set.substr(0, set.find(';'));
    prefix_ = Header(login, "Location");
    return login;
  }

  TempDir tmp_;
  std::string binary_, dir_, url_file_, url_, key_, cookie_, prefix_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

TEST_F(UiProcess, PrintsTheUrlAndServesThePageOnLoopback) {
  std::string local = "127.0.0.1:" + std::to_string(port_);
  std::string login = Login();
  EXPECT_EQ(login.rfind("HTTP/1.1 303", 0), 0u) << login;
  // The pages live under a secret path of this launch, and the cookie — not
  // the launch key — is sent only there, never to other ports' pages.
  ASSERT_EQ(prefix_.size(), std::string("/s/").size() + 32 + 1) << login;
  EXPECT_EQ(prefix_.rfind("/s/", 0), 0u);
  EXPECT_EQ(Header(login, "Set-Cookie"),
            cookie_ + "; Path=" + prefix_ + "; HttpOnly; SameSite=Strict");
  EXPECT_EQ(cookie_.find(key_), std::string::npos) << "the cookie is not the launch key";
  std::string page = Get(local, prefix_, true);
  EXPECT_EQ(page.rfind("HTTP/1.1 200", 0), 0u) << page;
  EXPECT_NE(page.find("同步状态"), std::string::npos);
  EXPECT_NE(page.find("<base href=\"" + prefix_ + "\">"), std::string::npos);
  std::string outside = Get(local, "/", true);
  EXPECT_NE(outside.find("X-Gongkai-Reason: no_session"), std::string::npos) << outside;
  // The launch key works once.
  std::string again = Get(local, url_.substr(url_.find('/', 7)), false);
  EXPECT_EQ(again.rfind("HTTP/1.1 403", 0), 0u) << again;
  EXPECT_NE(again.find("X-Gongkai-Reason: key_spent"), std::string::npos) << again;
  EXPECT_EQ(Header(again, "Set-Cookie"), "");
  EXPECT_NE(ReadText(tmp_.path() + "/ui.out").find(url_), std::string::npos);
}

TEST_F(UiProcess, ForeignHostHeaderIsRefused) {
  Login();
  std::string answer = Get("evil.example:" + std::to_string(port_), prefix_, true);
  EXPECT_EQ(answer.rfind("HTTP/1.1 403", 0), 0u) << answer;
  EXPECT_NE(answer.find("X-Gongkai-Reason: bad_host"), std::string::npos);
  EXPECT_EQ(answer.find("同步状态"), std::string::npos);
}

TEST_F(UiProcess, OtherLocalAddressesRefuseTheConnection) {
  // 127.0.0.2 is this machine too (the whole 127/8 is on the loopback
  // interface), but the page is bound to 127.0.0.1 alone.
  int fd = ConnectTo("127.0.0.2", port_);
  EXPECT_LT(fd, 0) << "the page answers on 127.0.0.2";
  if (fd >= 0) close(fd);
  for (const std::string& addr : OtherAddresses()) {
    int other = ConnectTo(addr, port_);
    EXPECT_LT(other, 0) << "the page answers on " << addr;
    if (other >= 0) close(other);
  }
  int ok = ConnectTo("127.0.0.1", port_);
  EXPECT_GE(ok, 0);
  if (ok >= 0) close(ok);
}

// Issue 21 (1): `ui --open` never puts the launch key on a command line
// (where `ps` shows it to every user): xdg-open gets a 0600 file that
// forwards to the link, and the file is gone when the page stops.
TEST(UiOpenProcess, LaunchKeyIsNotOnTheBrowsersCommandLine) {
  TempDir tmp;
  std::string binary = std::string(GONGKAI_BINARY_DIR) + "/station/gongkai-station";
  std::string dir = tmp.path() + "/station";
  InitStore(dir);
  std::string bin = tmp.path() + "/bin";
  ASSERT_EQ(mkdir(bin.c_str(), 0700), 0);
  std::string args_file = tmp.path() + "/xdg-open.args";
  std::string copy_file = tmp.path() + "/xdg-open.page";
  ::gongkai::testing::WriteBinary(
      bin + "/xdg-open", "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + args_file + ".part\ncp \"$1\" " +
                             copy_file + "\nstat -c %a \"$1\" >> " + args_file + ".part\nmv " +
                             args_file + ".part " + args_file + "\n");
  ASSERT_EQ(chmod((bin + "/xdg-open").c_str(), 0700), 0);
  std::string url_file = tmp.path() + "/ui.url";
  const char* path_env = getenv("PATH");
  pid_t pid = Spawn({"/usr/bin/env", "PATH=" + bin + ":" + (path_env ? path_env : "/usr/bin:/bin"),
                     binary, "ui", "--dir", dir, "--port", "0", "--open", "--url-file", url_file},
                    tmp.path() + "/ui.out", tmp.path() + "/ui.err");
  ASSERT_GT(pid, 0);
  std::string args;
  for (int i = 0; i < 1000 && args.empty(); ++i) {
    args = ReadText(args_file);
    if (args.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::string url = ReadText(url_file);
  ASSERT_FALSE(url.empty()) << ReadText(tmp.path() + "/ui.err");
  url.pop_back();
  std::string key = url.substr(url.find("key=") + 4);
  ASSERT_EQ(key.size(), 64u);
  ASSERT_FALSE(args.empty()) << "xdg-open was not run: " << ReadText(tmp.path() + "/ui.err");
  EXPECT_EQ(args.find(key), std::string::npos) << "the key is on the command line: " << args;
  EXPECT_EQ(args, dir + "/ui-open.html\n600\n");
  EXPECT_NE(ReadText(copy_file).find(url), std::string::npos) << ReadText(copy_file);
  kill(pid, SIGTERM);
  EXPECT_EQ(::gongkai::testing::WaitExit(pid, std::chrono::seconds(30)), 0);
  EXPECT_NE(access((dir + "/ui-open.html").c_str(), F_OK), 0) << "left behind after stopping";
}

}  // namespace
}  // namespace gongkai::station::testing
