#include "hub/cli/flags.h"

#include <cmath>
#include <cstdlib>

namespace gongkai::hub {

Result<Flags> Flags::Parse(const std::vector<std::string>& args, const FlagSpec& spec) {
  Flags f;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
      f.positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (spec.switches.count(name)) {
      if (value) return InvalidArgument("unexpected_value", "--" + name + " 不需要取值", name);
      f.values_[name].push_back("");
      continue;
    }
    if (!spec.with_value.count(name)) {
      return InvalidArgument("unknown_flag", "不认识的参数 --" + name + "（用 --help 查看用法）",
                             name);
    }
    if (!value) {
      if (i + 1 >= args.size()) {
        return InvalidArgument("missing_value", "参数 --" + name + " 后面缺少取值", name);
      }
      value = args[++i];
    }
    f.values_[name].push_back(*value);
  }
  return f;
}

std::optional<std::string> Flags::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.back();
}

std::string Flags::GetOr(const std::string& name, const std::string& fallback) const {
  return Get(name).value_or(fallback);
}

std::vector<std::string> Flags::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>() : it->second;
}

Result<std::string> Flags::Require(const std::string& name) const {
  std::optional<std::string> v = Get(name);
  if (!v || v->empty()) return InvalidArgument("missing_flag", "缺少参数 --" + name, name);
  return *v;
}

Result<uint64_t> Flags::GetUint(const std::string& name, uint64_t fallback, uint64_t min,
                                uint64_t max) const {
  std::optional<std::string> v = Get(name);
  if (!v) return fallback;
  bool ok = !v->empty() && v->size() <= 19;
  uint64_t n = 0;
  for (char c : *v) {
    ok = ok && c >= '0' && c <= '9';
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  if (!ok || n < min || n > max) {
    return InvalidArgument("bad_number",
                           "--" + name + " 必须是 " + std::to_string(min) + " 到 " +
                               std::to_string(max) + " 之间的整数",
                           name);
  }
  return n;
}

Result<int64_t> Flags::GetSecondsAsMillis(const std::string& name, double fallback,
                                          double max_seconds) const {
  std::optional<std::string> v = Get(name);
  double seconds = fallback;
  if (v) {
    char* end = nullptr;
    seconds = std::strtod(v->c_str(), &end);
    if (v->empty() || end != v->c_str() + v->size() || !(seconds > 0) || seconds > max_seconds) {
      return InvalidArgument("bad_number",
                             "--" + name + " 必须是 0 到 " + std::to_string(int(max_seconds)) +
                                 " 之间的秒数（可以有小数）",
                             name);
    }
  }
  return static_cast<int64_t>(std::llround(seconds * 1000.0));
}

std::string SignerFlag(const Flags& flags) {
  if (std::optional<std::string> as = flags.Get("as")) return *as;
  return flags.GetOr("admin", "");
}

Result<std::string> DataDir(const Flags& flags) {
  if (std::optional<std::string> d = flags.Get("dir"); d && !d->empty()) return *d;
  if (const char* env = std::getenv("GONGKAI_DIR"); env && *env) return std::string(env);
  return InvalidArgument("missing_flag", "请用 --dir 指定集镇中心的数据目录（或设置 GONGKAI_DIR）",
                         "dir");
}

}  // namespace gongkai::hub
