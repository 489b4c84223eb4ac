#include "station/app/command_table.h"

#include "station/app/command_text.h"
#include "station/attachments/attach_command.h"
#include "station/bundle/bundle_commands.h"
#include "station/commands/commands.h"
#include "station/sync/sync_command.h"
#include "station/ui/ui_command.h"

namespace gongkai::station {

const std::vector<CommandSpec>& CommandTable() {
  // To add a command, declare `CommandSpec XCommand();` in a header of its
  // own folder (e.g. station/sync/sync_command.h), add one line here and
  // its words to station/app/commands.txt.
  static const std::vector<CommandSpec> kTable = [] {
    std::vector<CommandSpec> table = {
        InitCommand(),      ConfigCommand(),  AddCommand(),          EditCommand(),
        RetireCommand(),    ListCommand(),    ShowCommand(),         HistoryCommand(),
        StatusCommand(),    ImportCommand(),  ExportCommand(),       SealCommand(),
        CheckCommand(),     DiscardCommand(), RekeyCommand(),        SyncCommand(),
        DeadlinesCommand(), RecordCommand(),  RecordsCommand(),      DueCommand(),
        AttachCommand(),    UiCommand(),      BundleExportCommand(), BundleImportCommand(),
    };
    for (CommandSpec& c : table) c = WithText(std::move(c));
    return table;
  }();
  return kTable;
}

}  // namespace gongkai::station
