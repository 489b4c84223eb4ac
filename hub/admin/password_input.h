// Reading an administrator's password for a command: from the terminal
// with echo off (/dev/tty, so it works with stdin redirected), from the
// first line of a file (--password-file), or from stdin (--password-stdin).
// Nothing here prints or logs the password.
#pragma once

#include <istream>
#include <string>

#include "core/base/status.h"

namespace gongkai::hub {

// Environment variable a script may use instead of the terminal when a
// signing command needs the password of an encrypted key.
inline constexpr const char* kAdminPasswordEnv = "GONGKAI_ADMIN_PASSWORD";

// Prompts on /dev/tty with echo off. FailedPrecondition "no_terminal" when
// there is no terminal (say --password-file or GONGKAI_ADMIN_PASSWORD).
Result<std::string> ReadPasswordFromTerminal(const std::string& prompt);
// The first line of the file (without \r\n). File errors.
Result<std::string> ReadPasswordFile(const std::string& path);
// The first line of `in`. InvalidArgument "no_password" at end of input.
Result<std::string> ReadPasswordLine(std::istream& in);

}  // namespace gongkai::hub
