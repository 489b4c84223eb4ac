#include "hub/admin/password_input.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include "core/store/atomic_file.h"

namespace gongkai::hub {
namespace {

std::string FirstLine(std::string text) {
  size_t nl = text.find('\n');
  if (nl != std::string::npos) text.resize(nl);
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

}  // namespace

Result<std::string> ReadPasswordFromTerminal(const std::string& prompt) {
  int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    return FailedPrecondition("no_terminal",
                              "没有终端可输入密码；请用 --password-file 文件，或设置环境变量 " +
                                  std::string(kAdminPasswordEnv));
  }
  (void)!::write(fd, prompt.data(), prompt.size());
  struct termios old_t;
  bool have_termios = ::tcgetattr(fd, &old_t) == 0;
  if (have_termios) {
    struct termios t = old_t;
    t.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    t.c_lflag |= ECHONL;
    ::tcsetattr(fd, TCSAFLUSH, &t);
  }
  std::string line;
  char c;
  while (line.size() < 4096) {
    ssize_t n = ::read(fd, &c, 1);
    if (n <= 0 || c == '\n') break;
    line.push_back(c);
  }
  if (have_termios) ::tcsetattr(fd, TCSAFLUSH, &old_t);
  ::close(fd);
  return FirstLine(std::move(line));
}

Result<std::string> ReadPasswordFile(const std::string& path) {
  GK_ASSIGN_OR_RETURN(std::string text, ReadFile(path, 4096));
  return FirstLine(std::move(text));
}

Result<std::string> ReadPasswordLine(std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) {
    return InvalidArgument("no_password", "标准输入里没有密码", "password");
  }
  return FirstLine(std::move(line));
}

}  // namespace gongkai::hub
