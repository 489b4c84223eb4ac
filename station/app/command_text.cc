#include "station/app/command_text.h"

#include <iostream>

namespace gongkai::station {
namespace {

Status BadLine(size_t line, const std::string& what) {
  return InvalidArgument("bad_command_text",
                         "commands.txt line " + std::to_string(line) + ": " + what);
}

// "[name]": a lowercase letter, then letters, spaces and hyphens.
bool IsCommandLine(std::string_view line) {
  if (line.size() < 3 || line.front() != '[' || line.back() != ']') return false;
  if (line[1] < 'a' || line[1] > 'z') return false;
  for (char ch : line.substr(1, line.size() - 2)) {
    if (!((ch >= 'a' && ch <= 'z') || ch == ' ' || ch == '-')) return false;
  }
  return true;
}

// One command's lines while they are read.
struct Entry {
  std::string name;
  size_t line = 0;
  CommandText text;
  std::string* last = nullptr;  // the field a continuation line goes on
  bool in_help = false;
};

Status Finish(Entry& e, CommandTexts* out) {
  if (e.name.empty()) return Status::Ok();
  if (e.text.summary.empty() || e.text.usage.empty()) {
    return BadLine(e.line, "[" + e.name + "] needs a summary: and a usage: line");
  }
  while (!e.text.help.empty() &&
         std::string_view(" \t\n").find(e.text.help.back()) != std::string_view::npos) {
    e.text.help.pop_back();
  }
  if (!out->emplace(e.name, std::move(e.text)).second) {
    return BadLine(e.line, "[" + e.name + "] is there twice");
  }
  return Status::Ok();
}

}  // namespace

Result<CommandTexts> ParseCommandTexts(std::string_view text) {
  CommandTexts out;
  Entry e;
  size_t number = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);  // a file saved with CRLF
    const bool blank = line.find_first_not_of(" \t") == std::string_view::npos;
    if (IsCommandLine(line)) {
      GK_RETURN_IF_ERROR(Finish(e, &out));
      e = Entry{std::string(line.substr(1, line.size() - 2)), number, {}, nullptr, false};
      continue;
    }
    if (e.name.empty()) {
      if (blank || line.starts_with('#')) continue;
      return BadLine(number, "text above the first [command]");
    }
    if (e.in_help) {
      if (!e.text.help.empty() || !blank) e.text.help.append(line).append("\n");
      continue;
    }
    if (blank) {
      e.in_help = true;
      continue;
    }
    if ((line.starts_with(' ') || line.starts_with('\t')) && e.last) {
      e.last->append("\n").append(line);
      continue;
    }
    const size_t colon = line.find(": ");
    const std::string_view key = line.substr(0, colon);
    const std::string value(colon == std::string_view::npos ? "" : line.substr(colon + 2));
    if (key == "summary" && e.text.summary.empty()) {
      e.last = &(e.text.summary = value);
    } else if (key == "usage" && e.text.usage.empty()) {
      e.last = &(e.text.usage = value);
    } else if (key == "example") {
      e.last = &e.text.examples.emplace_back(value);
    } else {
      return BadLine(number,
                     "expected summary:, usage: or example: (once each but example), "
                     "or a blank line before the help text");
    }
    if (value.empty()) return BadLine(number, std::string(key) + ": is empty");
  }
  GK_RETURN_IF_ERROR(Finish(e, &out));
  return out;
}

const CommandTexts& CompiledCommandTexts() {
  static const CommandTexts kTexts = [] {
    Result<CommandTexts> texts = ParseCommandTexts(kCommandsTxt);
    if (texts.ok()) return std::move(texts).value();
    std::cerr << "gongkai-station: " << texts.status().message() << "\n";
    return CommandTexts{};
  }();
  return kTexts;
}

CommandSpec WithText(CommandSpec spec, const CommandTexts& texts) {
  const auto it = texts.find(spec.name);
  if (it == texts.end()) return spec;
  const CommandText& t = it->second;
  spec.summary = t.summary;
  spec.usage = t.usage;
  spec.examples = t.examples;
  spec.help =
      t.help.empty() || spec.help.empty() ? t.help + spec.help : t.help + "\n\n" + spec.help;
  return spec;
}

}  // namespace gongkai::station
