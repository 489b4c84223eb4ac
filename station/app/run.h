// The gongkai-station dispatcher: picks the command from the table
// (command_table.h), parses its flags, answers --help and --version, runs
// it, and turns a failing Status into one line on stderr
//   错误: <Chinese-first message> [reason]
// and an exit status by what the person should do (docs/station.md):
//   0 done   2 wrong usage        3 bad input         4 not found
//   5 refused (other unit, not initialized, …)   6 try again later
//   7 stored data damaged or a log alarm
//   8 some edits refused by the hub, held for the clerk (the rest delivered)
//   9 this station is not enrolled at the hub (or revoked, or another key)
//   1 anything else (a bug)
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/base/status.h"

namespace gongkai::station {

struct CliEnv {
  std::string gongkai_dir;  // $GONGKAI_DIR
  int64_t now = 0;          // 0: the current time
};

// argv without the program name.
int RunStationCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                  const CliEnv& env);
// From main(): reads GONGKAI_DIR from the environment.
int RunStationCli(int argc, char** argv, std::ostream& out, std::ostream& err);

int ExitCodeFor(const Status& status);

}  // namespace gongkai::station
