// The gongkai-witness subcommands (docs/witness.md). Each takes the
// arguments after its name and returns the exit status: 0 done, 1 failed
// (one line on stderr says what and what to do), 2 wrong usage.
#pragma once

#include <string>
#include <vector>

namespace gongkai::witness {

using Args = std::vector<std::string>;

int RunInit(const Args& args);    // init --dir W --name NAME [--tls-san NAME]... [--json]
int RunInfo(const Args& args);    // info --dir W [--json]
int RunAddLog(const Args& args);  // add-log --dir W --key HUB_VKEY
int RunList(const Args& args);    // list --dir W [--json]
int RunServe(const Args& args);   // serve --dir W --listen ADDR [--port-file F] [--threads N]

}  // namespace gongkai::witness
