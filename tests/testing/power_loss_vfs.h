// A SQLite VFS for power-loss tests (docs/testing.md § Power loss): it
// wraps the system's default VFS, remembers every write since each file's
// last fsync, and can cut the power after a chosen number of writes. After
// the cut every write, sync, truncate and delete fails (SQLITE_IOERR_*), as
// on a machine that has lost power; LosePower() then puts each file back as
// the disk would hold it after the reboot — every unsynced write and
// truncation undone — and removes the WAL index files (-shm), which SQLite
// rebuilds. A SIGKILL keeps what the kernel already has; power loss does
// not, and only this tests that what was acknowledged had reached the disk.
//
//   PowerLossVfs& vfs = PowerLossVfs::Install();  // the default VFS from now on
//   vfs.Arm(17);          // the power goes after the 17th write from now
//   ... run an operation (it fails once the power is out) ...
//   close every connection;
//   vfs.LosePower();      // the files as they are after the reboot
//   vfs.Disarm();         // and the power is back
//
// Install() is idempotent; files are tracked by path from the moment they
// are opened through the VFS.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace gongkai::testing {

class PowerLossVfs {
 public:
  static PowerLossVfs& Install();

  // The power goes out right after the `writes`-th write from now
  // (that write itself is not synced, so it is lost too).
  void Arm(uint64_t writes);
  // Power on: nothing fails any more; unsynced writes are still tracked.
  void Disarm();
  bool cut() const;
  // Writes through this VFS since Install (to size a matrix of cut points).
  uint64_t writes() const;
  // Undoes every unsynced write and truncation of every tracked file (the
  // caller has closed every connection), removes -shm files and forgets the
  // undo logs. Returns how many bytes were rolled back.
  uint64_t LosePower();
  // Forgets unsynced writes as if they had been synced (e.g. between phases).
  void SyncAll();

  // For the VFS callbacks (power_loss_vfs.cc).
  struct Undo {
    int64_t offset = 0;
    std::string old_bytes;  // what was there before (may be shorter: past the end)
    int64_t old_size = 0;   // the file's size before this write/truncate
  };
  struct FileState {
    std::vector<Undo> undo;  // since the last sync, oldest first
  };
  std::mutex mu;
  std::map<std::string, FileState> files;
  uint64_t write_count = 0;
  uint64_t cut_after = 0;  // 0: not armed
  bool power_out = false;

 private:
  PowerLossVfs() = default;
};

}  // namespace gongkai::testing
