// The specs of the built-in gongkai-station commands, one file each in
// station/commands/. The table that lists them is station/cli/command_table.cc.
#pragma once

#include "station/cli/command.h"

namespace gongkai::station {

CommandSpec InitCommand();
CommandSpec ConfigCommand();
CommandSpec AddCommand();
CommandSpec EditCommand();
CommandSpec RetireCommand();
CommandSpec ListCommand();
CommandSpec ShowCommand();
CommandSpec HistoryCommand();
CommandSpec StatusCommand();
CommandSpec ImportCommand();
CommandSpec ExportCommand();
CommandSpec SealCommand();
CommandSpec CheckCommand();
CommandSpec DiscardCommand();
CommandSpec RekeyCommand();
CommandSpec DeadlinesCommand();
CommandSpec RecordCommand();
CommandSpec RecordsCommand();
CommandSpec DueCommand();

}  // namespace gongkai::station
