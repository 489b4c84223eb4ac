// One gongkai-station command: its name, flags and arguments, and the
// function that runs it; its words (summary, usage, help, examples) are in
// station/app/commands.txt, given to it by the command table
// (station/app/command_table.cc, station/app/command_text.h).
//
// A command writes its normal output to ctx.out and returns a Status; the
// dispatcher (run.h) prints a failing Status as ONE line on stderr and maps
// its code to the exit status. Commands never print errors themselves.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "station/cli/args.h"

namespace gongkai::station {

struct CommandContext {
  const Args& args;
  std::ostream& out;
  std::ostream& err;    // warnings only; errors are returned
  int64_t now = 0;      // unix seconds, taken once per run
  std::string env_dir;  // $GONGKAI_DIR, empty when unset

  // --dir, else $GONGKAI_DIR; usage error "missing_dir" when neither.
  Result<std::string> Dir() const;
  bool Json() const { return args.Has("json"); }
};

using CommandFn = Status (*)(CommandContext& ctx);

struct CommandSpec {
  std::string name{};  // "list"; several words for subcommands ("bundle export")
  // From commands.txt (WithText):
  std::string summary{};                // one line for the program's --help
  std::string usage{};                  // "gongkai-station list [--dir D] [--area 领域] …"
  std::string help{};                   // what it does, in Chinese then English; a command
                                        // sets only what its code makes (add's values)
  std::vector<std::string> examples{};  // whole command lines, shown under 例子 (example)
  std::vector<FlagSpec> flags{};        // the command's own; --help is always there
  size_t min_args = 0;          // positional arguments
  size_t max_args = 0;
  CommandFn run = nullptr;
};

// Flags most commands share.
FlagSpec DirFlag();
FlagSpec JsonFlag();

}  // namespace gongkai::station
