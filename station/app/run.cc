#include "station/app/run.h"

#include <cstdlib>
#include <ctime>

#include "core/base/exit_code.h"
#include "core/base/utf8.h"
#include "core/changeset/refusal.h"
#include "station/app/command_table.h"
#include "station/cli/text_layout.h"
#include "station/sync/hub_error.h"
#include "station/sync/sync_round.h"

#ifndef GONGKAI_VERSION
#define GONGKAI_VERSION "dev"
#endif

namespace gongkai::station {
namespace {

bool IsEditsHeld(std::string_view reason) { return reason == kEditsHeld; }
bool IsHubDamaged(std::string_view reason) { return reason == kHubDamaged; }

// The station's own outcomes of sync (docs/station-sync.md § exit codes);
// everything else by Code (docs/exit-codes.md).
constexpr ExitRule kStationExitRules[] = {
    {IsEditsHeld, ExitCode::kEditsHeld},
    {IsEnrolmentRefusal, ExitCode::kNotEnrolled},
    {IsHubDamaged, ExitCode::kHubDamaged},
};

void PrintProgramHelp(std::ostream& out) {
  out << "gongkai-station " GONGKAI_VERSION
         " — 村级政务公开目录工作站 (village station for the government disclosure catalog)\n\n"
         "用法 (usage): gongkai-station 命令 [选项…]\n"
         "每个命令都可加 --help 查看说明和例子 (every command explains itself with --help).\n\n"
         "命令 (commands):\n";
  for (const CommandSpec& c : CommandTable()) {
    out << "  " << Cell(c.name, 15) << c.summary << "\n";
  }
  out << "\n数据目录用 --dir 指定，或设置环境变量 GONGKAI_DIR (the data directory: --dir or "
         "$GONGKAI_DIR).\n\n"
         "第一次使用 (first steps):\n"
         "  gongkai-station init --dir /home/wenshu/gongkai --id hongqi-01 --unit 红旗村\n"
         "  export GONGKAI_DIR=/home/wenshu/gongkai\n"
         "  gongkai-station import 红旗村目录.csv      # 或逐条 add\n"
         "  gongkai-station list\n"
         "  gongkai-station seal --note \"三月份更新\"\n\n"
         "退出状态 (exit status): 0 成功；2 用法错误；3 输入有误；4 找不到；5 不允许；"
         "6 稍后再试；7 数据损坏或日志警报；8 有修改被镇服务器退回，等待修改；"
         "9 本站未在镇服务器登记或已被撤销；1 程序错误。\n"
         "  --help     显示本说明 (this help)\n"
         "  --version  显示版本 (version)\n";
}

void PrintCommandHelp(const CommandSpec& c, std::ostream& out) {
  out << "用法 (usage): " << c.usage << "\n\n" << c.help;
  if (!c.help.ends_with('\n')) out << "\n";
  out << "\n例子 (example):\n";
  for (const std::string& e : c.examples) out << "  " << e << "\n";
  out << "\n选项 (options):\n";
  std::vector<FlagSpec> flags = c.flags;
  flags.push_back({"help", false, false, "", "显示本说明 (show this help)"});
  for (const FlagSpec& f : flags) {
    std::string left = "--" + f.name + (f.takes_value ? " " + f.value_name : "");
    if (f.repeatable) left += " …";
    out << "  " << left;
    size_t width = DisplayWidth(left);
    out << std::string(width < 30 ? 30 - width : 1, ' ') << f.help << "\n";
  }
}

// Finds the command named by the leading words of args; sets *used to the
// number of words its name takes.
const CommandSpec* FindCommand(const std::vector<std::string>& args, size_t* used) {
  const CommandSpec* best = nullptr;
  size_t best_words = 0;
  for (const CommandSpec& c : CommandTable()) {
    std::vector<std::string> words;
    size_t start = 0;
    for (;;) {
      size_t sp = c.name.find(' ', start);
      words.push_back(c.name.substr(start, sp == std::string::npos ? sp : sp - start));
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
    if (words.size() > args.size() || words.size() <= best_words) continue;
    bool match = true;
    for (size_t i = 0; i < words.size(); ++i) match = match && args[i] == words[i];
    if (match) {
      best = &c;
      best_words = words.size();
    }
  }
  *used = best_words;
  return best;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

int Fail(const Status& s, std::ostream& err, const std::string& command) {
  std::string line = "错误: " + OneLine(s.message());
  if (IsUsageError(s) && s.reason() != reason::kUnknownFlag && !command.empty() &&
      s.message().find("--help") == std::string::npos) {
    line += "；运行 gongkai-station " + command + " --help 查看用法";
  }
  err << line << " [" << s.reason() << "]\n";
  return ExitCodeFor(s);
}

}  // namespace

int ExitCodeFor(const Status& s) {
  return gongkai::ExitCodeFor(s, ExitDetail::kByCode, kStationExitRules);
}

int RunStationCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                  const CliEnv& env) {
  if (args.empty()) {
    PrintProgramHelp(err);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    if (args[0] == "help" && args.size() > 1) {
      size_t used = 0;
      std::vector<std::string> rest(args.begin() + 1, args.end());
      if (const CommandSpec* c = FindCommand(rest, &used)) {
        PrintCommandHelp(*c, out);
        return 0;
      }
    }
    PrintProgramHelp(out);
    return 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    out << "gongkai-station " GONGKAI_VERSION "\n";
    return 0;
  }
  size_t used = 0;
  const CommandSpec* cmd = FindCommand(args, &used);
  if (!cmd && args.size() >= 2 && (args[1] == "--help" || args[1] == "-h")) {
    // A group of commands ("bundle" → "bundle export", "bundle import"):
    // the help of each.
    bool any = false;
    for (const CommandSpec& c : CommandTable()) {
      if (c.name.rfind(args[0] + " ", 0) == 0) {
        if (any) out << "\n";
        PrintCommandHelp(c, out);
        any = true;
      }
    }
    if (any) return 0;
  }
  if (!cmd) {
    std::string names;
    for (const CommandSpec& c : CommandTable()) names += (names.empty() ? "" : "、") + c.name;
    std::string typed = IsValidUtf8(args[0]) ? args[0] : "(无效字符)";
    return Fail(InvalidArgument("unknown_command",
                                "没有 “" + typed + "” 这个命令；可用的命令: " + names +
                                    "；运行 gongkai-station --help 查看说明 (unknown command)"),
                err, "");
  }
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(used), args.end());
  for (const std::string& a : rest) {
    if (a == "--") break;
    if (a == "--help" || a == "-h") {
      PrintCommandHelp(*cmd, out);
      return 0;
    }
  }
  Result<Args> parsed = ParseArgs(rest, cmd->flags, cmd->name);
  if (!parsed.ok()) return Fail(parsed.status(), err, cmd->name);
  size_t n = parsed->positional().size();
  if (n < cmd->min_args || n > cmd->max_args) {
    std::string msg = n < cmd->min_args ? "参数不够" : "参数太多";
    return Fail(InvalidArgument("wrong_arguments",
                                msg + "，用法: " + cmd->usage + " (wrong number of arguments)"),
                err, cmd->name);
  }
  CommandContext ctx{*parsed, out, err,
                     env.now ? env.now : static_cast<int64_t>(std::time(nullptr)), env.gongkai_dir};
  Status s = cmd->run(ctx);
  out.flush();
  if (!s.ok()) return Fail(s, err, cmd->name);
  return 0;
}

int RunStationCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  CliEnv env;
  if (const char* dir = std::getenv("GONGKAI_DIR")) env.gongkai_dir = dir;
  return RunStationCli(args, out, err, env);
}

}  // namespace gongkai::station
