#include "station/app/command_table.h"

#include "station/attachments/attach_command.h"
#include "station/bundle/bundle_commands.h"
#include "station/commands/commands.h"
#include "station/sync/sync_command.h"
#include "station/ui/ui_command.h"

namespace gongkai::station {

const std::vector<CommandSpec>& CommandTable() {
  // To add a command, declare `CommandSpec XCommand();` in a header of its
  // own folder (e.g. station/sync/sync_command.h) and add one line here.
  static const std::vector<CommandSpec> kTable = {
      InitCommand(),      ConfigCommand(),  AddCommand(),          EditCommand(),
      RetireCommand(),    ListCommand(),    ShowCommand(),         HistoryCommand(),
      StatusCommand(),    ImportCommand(),  ExportCommand(),       SealCommand(),
      CheckCommand(),     DiscardCommand(), RekeyCommand(),        SyncCommand(),
      DeadlinesCommand(), RecordCommand(),  RecordsCommand(),      DueCommand(),
      AttachCommand(),    UiCommand(),      BundleExportCommand(), BundleImportCommand(),
  };
  return kTable;
}

}  // namespace gongkai::station
