// Command-line arguments of one command: flags (--name VALUE, --name=VALUE,
// boolean --name) and positional arguments, anywhere in any order; "--"
// ends the flags. Each command declares its flags; anything else is a
// usage error with a Chinese-first message:
//   unknown_flag   a flag the command does not have
//   missing_value  a flag that needs a value got none
//   repeated_flag  a single-value flag given twice
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace gongkai::station {

struct FlagSpec {
  std::string name;  // without "--", e.g. "item-l1"
  bool takes_value = true;
  bool repeatable = false;
  std::string value_name;  // shown in help, e.g. "领域"
  std::string help;        // one line, Chinese first
};

class Args {
 public:
  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(std::string_view flag) const;
  // The value of a single-value flag, if given.
  std::optional<std::string> Get(std::string_view flag) const;
  // Every value of a repeatable flag, in order.
  std::vector<std::string> GetAll(std::string_view flag) const;

 private:
  friend Result<Args> ParseArgs(const std::vector<std::string>& argv,
                                const std::vector<FlagSpec>& flags, std::string_view command);
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

// `command` names the command in messages ("add").
Result<Args> ParseArgs(const std::vector<std::string>& argv, const std::vector<FlagSpec>& flags,
                       std::string_view command);

}  // namespace gongkai::station
