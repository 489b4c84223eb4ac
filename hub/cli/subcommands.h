// The top level of gongkai-hub and gongkai-witness: a table of subcommands,
// each with its usage text. `help`/`--help`/`-h` prints every usage (exit
// 0), `version`/`--version` the version, `CMD ... --help` (anywhere after
// CMD) that command's usage and example (exit 0, nothing run); no command or an unknown one: usage on stderr, exit 2.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace gongkai::hub {

struct Subcommand {
  const char* name;
  int (*run)(const std::vector<std::string>& args);
  const char* usage;
  // Shown by `CMD --help` after the usage; nullptr for none.
  const char* example = nullptr;
};

// `program` e.g. "gongkai-hub"; `title` the line after its name and version.
int RunSubcommands(int argc, char** argv, std::span<const Subcommand> commands,
                   const std::string& program, const std::string& title);

}  // namespace gongkai::hub
