#include "station/cli/args.h"

#include "core/base/utf8.h"

namespace gongkai::station {
namespace {

std::string HelpHint(std::string_view command) {
  return "；运行 gongkai-station " + std::string(command) + " --help 查看用法";
}

std::string Shown(std::string_view s) { return IsValidUtf8(s) ? std::string(s) : "(无效字符)"; }

}  // namespace

bool Args::Has(std::string_view flag) const { return values_.find(flag) != values_.end(); }

std::optional<std::string> Args::Get(std::string_view flag) const {
  auto it = values_.find(flag);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::GetAll(std::string_view flag) const {
  auto it = values_.find(flag);
  return it == values_.end() ? std::vector<std::string>() : it->second;
}

Result<Args> ParseArgs(const std::vector<std::string>& argv, const std::vector<FlagSpec>& flags,
                       std::string_view command) {
  Args args;
  bool flags_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (flags_done || a.size() < 2 || a.compare(0, 2, "--") != 0) {
      args.positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      flags_done = true;
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& f : flags) {
      if (f.name == name) spec = &f;
    }
    if (!spec) {
      return InvalidArgument("unknown_flag",
                             "命令 " + std::string(command) + " 没有选项 --" + Shown(name) +
                                 HelpHint(command) + " (unknown option)",
                             name);
    }
    std::vector<std::string>& values = args.values_[name];
    if (!spec->takes_value) {
      if (inline_value) {
        return InvalidArgument(
            "unexpected_value",
            "选项 --" + name + " 不带值" + HelpHint(command) + " (option takes no value)", name);
      }
      values.emplace_back();
      continue;
    }
    std::string value;
    if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < argv.size()) {
      value = argv[++i];
    } else {
      return InvalidArgument("missing_value",
                             "选项 --" + name + " 后面要跟一个值（" + spec->value_name + "）" +
                                 HelpHint(command) + " (option needs a value)",
                             name);
    }
    if (!spec->repeatable && !values.empty()) {
      return InvalidArgument(
          "repeated_flag",
          "选项 --" + name + " 只能给一次" + HelpHint(command) + " (option given twice)", name);
    }
    values.push_back(std::move(value));
  }
  return args;
}

}  // namespace gongkai::station
