// Command-line flags of gongkai-hub subcommands: "--name value",
// "--name=value", value-less switches such as "--json", and positional
// arguments. A flag may be repeated (GetAll). Unknown flags and missing
// values are errors (reasons unknown_flag, missing_value, missing_flag,
// bad_number), reported in Chinese with the flag's name.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/base/status.h"

namespace gongkai::hub {

struct FlagSpec {
  std::set<std::string> with_value;  // names without the leading "--"
  std::set<std::string> switches;
};

class Flags {
 public:
  static Result<Flags> Parse(const std::vector<std::string>& args, const FlagSpec& spec);

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> Get(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  Result<std::string> Require(const std::string& name) const;
  // A decimal integer in [min, max], or fallback when absent.
  Result<uint64_t> GetUint(const std::string& name, uint64_t fallback, uint64_t min,
                           uint64_t max) const;
  // Seconds, possibly fractional ("0.5"), in (0, max_seconds]; as milliseconds.
  Result<int64_t> GetSecondsAsMillis(const std::string& name, double fallback,
                                     double max_seconds) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// Who signs: --as NAME (or its older spelling --admin NAME); "" when
// neither is given (the only active administrator then signs).
std::string SignerFlag(const Flags& flags);

// --dir, or $GONGKAI_DIR; "missing_flag" if neither.
Result<std::string> DataDir(const Flags& flags);

}  // namespace gongkai::hub
