// The words of gongkai-station's commands — summary, usage, help text and
// examples — kept in station/app/commands.txt (its grammar is at its top)
// and compiled into the program. The command rooms define what a command
// takes and runs (CommandSpec: name, flags, arguments, function); the
// command table gives each its words with WithText.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "station/cli/command.h"

namespace gongkai::station {

struct CommandText {
  std::string summary;
  std::string usage;
  std::string help;  // without a trailing newline
  std::vector<std::string> examples;
};

using CommandTexts = std::map<std::string, CommandText, std::less<>>;

// Reads a commands.txt. A line it cannot place, a command twice, or one
// without summary or usage is InvalidArgument "bad_command_text" naming the
// line.
Result<CommandTexts> ParseCommandTexts(std::string_view text);

// commands.txt as compiled in (the generated commands_txt.cc).
extern const std::string_view kCommandsTxt;

// The compiled-in texts, read once. A commands.txt that does not read is a
// build mistake (CommandTextTest fails on it); the program then says so on
// stderr and every command is without words.
const CommandTexts& CompiledCommandTexts();

// `spec` with its words: summary, usage and examples from the text of its
// name; the help is that text followed, after a blank line, by the help
// the command itself makes (spec.help, e.g. add's allowed values), if any.
CommandSpec WithText(CommandSpec spec, const CommandTexts& texts = CompiledCommandTexts());

}  // namespace gongkai::station
