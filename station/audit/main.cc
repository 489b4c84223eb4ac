// gongkai-audit: verify a hub's transparency log without trusting the hub
// (docs/audit.md). Everything is in station/audit/audit_cli.h.
#include <string>
#include <vector>

#include "station/audit/audit_cli.h"

int main(int argc, char** argv) {
  return gongkai::station::RunAudit(std::vector<std::string>(argv + 1, argv + argc));
}
