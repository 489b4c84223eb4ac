#include <iostream>

#include "hub/cli/commands.h"

namespace gongkai::hub {

int ReportError(const Status& s) {
  std::cerr << "错误: " << s.message() << " [" << s.reason() << "]\n";
  const std::string& r = s.reason();
  bool usage = r == "unknown_flag" || r == "missing_flag" || r == "missing_value" ||
               r == "unexpected_value" || r == "bad_number" || r == "usage" ||
               r == "bad_config";
  if (r == "db_corrupt") return kExitStoreDamaged;  // gongkai-hub check names the entry
  return usage ? 2 : 1;
}

}  // namespace gongkai::hub
