#include "hub/cli/subcommands.h"

#include <iostream>

#include "core/base/exit_code.h"

namespace gongkai::hub {
namespace {

void PrintUsage(std::ostream& out, std::span<const Subcommand> commands, const std::string& program,
                const std::string& title) {
  out << program << " " << GONGKAI_VERSION << " — " << title << "\n用法:\n";
  for (const Subcommand& c : commands) out << "  " << program << " " << c.usage << "\n";
  out << "--dir 可以省略，改用环境变量 GONGKAI_DIR。\n";
}

}  // namespace

int RunSubcommands(int argc, char** argv, std::span<const Subcommand> commands,
                   const std::string& program, const std::string& title) {
  if (argc < 2) {
    PrintUsage(std::cerr, commands, program, title);
    return static_cast<int>(ExitCode::kUsage);
  }
  const std::string name = argv[1];
  if (name == "help" || name == "--help" || name == "-h") {
    PrintUsage(std::cout, commands, program, title);
    return 0;
  }
  if (name == "version" || name == "--version") {
    std::cout << program << " " << GONGKAI_VERSION << "\n";
    return 0;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  for (const Subcommand& c : commands) {
    if (name != c.name) continue;
    for (const std::string& a : args) {
      if (a != "--help" && a != "-h") continue;
      std::cout << "用法 (usage):\n  " << program << " " << c.usage << "\n";
      if (c.example != nullptr) std::cout << "例子 (example):\n  " << c.example << "\n";
      std::cout << "--dir 可以省略，改用环境变量 GONGKAI_DIR。详见 docs/" << program.substr(program.find('-') + 1) << ".md。\n";
      return 0;
    }
    return c.run(args);
  }
  std::cerr << "错误: 不认识的命令 " << name << "（用 " << program << " help 查看用法） [usage]\n";
  return static_cast<int>(ExitCode::kUsage);
}

}  // namespace gongkai::hub
