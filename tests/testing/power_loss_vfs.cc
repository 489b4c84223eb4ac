#include "tests/testing/power_loss_vfs.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <new>

namespace gongkai::testing {
namespace {

PowerLossVfs* g_owner = nullptr;
sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;

struct PlFile {
  sqlite3_file base;
  std::string* path;  // null for a temp file SQLite names itself
  sqlite3_file* real;
};

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<PlFile*>(f)->real; }
const std::string* PathOf(sqlite3_file* f) { return reinterpret_cast<PlFile*>(f)->path; }

// The bytes [offset, offset + n) of the real file as they are now (fewer past
// its end) and its size.
void Snapshot(sqlite3_file* real, int64_t offset, int64_t n, std::string* bytes, int64_t* size) {
  sqlite3_int64 sz = 0;
  real->pMethods->xFileSize(real, &sz);
  *size = sz;
  bytes->clear();
  if (offset >= sz || n <= 0) return;
  int64_t have = std::min<int64_t>(n, sz - offset);
  bytes->resize(static_cast<size_t>(have));
  real->pMethods->xRead(real, bytes->data(), static_cast<int>(have), offset);
}

int Close(sqlite3_file* f) {
  auto* pf = reinterpret_cast<PlFile*>(f);
  int rc = pf->real->pMethods ? pf->real->pMethods->xClose(pf->real) : SQLITE_OK;
  delete pf->path;
  pf->path = nullptr;
  return rc;
}

int Read(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), buf, amt, off);
}

int Write(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
  std::lock_guard<std::mutex> lock(g_owner->mu);
  if (g_owner->power_out) return SQLITE_IOERR_WRITE;
  if (const std::string* path = PathOf(f)) {
    PowerLossVfs::Undo u;
    u.offset = off;
    Snapshot(Real(f), off, amt, &u.old_bytes, &u.old_size);
    g_owner->files[*path].undo.push_back(std::move(u));
  }
  int rc = Real(f)->pMethods->xWrite(Real(f), buf, amt, off);
  ++g_owner->write_count;
  if (g_owner->cut_after != 0 && g_owner->write_count >= g_owner->cut_after) {
    g_owner->power_out = true;
  }
  return rc;
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  std::lock_guard<std::mutex> lock(g_owner->mu);
  if (g_owner->power_out) return SQLITE_IOERR_TRUNCATE;
  if (const std::string* path = PathOf(f)) {
    PowerLossVfs::Undo u;
    u.offset = size;
    Snapshot(Real(f), size, INT64_MAX / 2, &u.old_bytes, &u.old_size);
    g_owner->files[*path].undo.push_back(std::move(u));
  }
  return Real(f)->pMethods->xTruncate(Real(f), size);
}

int Sync(sqlite3_file* f, int flags) {
  std::lock_guard<std::mutex> lock(g_owner->mu);
  if (g_owner->power_out) return SQLITE_IOERR_FSYNC;
  int rc = Real(f)->pMethods->xSync(Real(f), flags);
  if (rc == SQLITE_OK && PathOf(f)) g_owner->files[*PathOf(f)].undo.clear();
  return rc;
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int l) { return Real(f)->pMethods->xLock(Real(f), l); }
int Unlock(sqlite3_file* f, int l) { return Real(f)->pMethods->xUnlock(Real(f), l); }
int CheckReserved(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int del) { return Real(f)->pMethods->xShmUnmap(Real(f), del); }
int Fetch(sqlite3_file* f, sqlite3_int64 off, int amt, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), off, amt, out);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* pf = reinterpret_cast<PlFile*>(f);
  pf->base.pMethods = nullptr;
  pf->path = nullptr;
  pf->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(pf) + sizeof(PlFile));
  int rc = g_real->xOpen(g_real, name, pf->real, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  if (name) pf->path = new std::string(name);
  pf->base.pMethods = &g_methods;
  return SQLITE_OK;
}

int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  {
    std::lock_guard<std::mutex> lock(g_owner->mu);
    if (g_owner->power_out) return SQLITE_IOERR_DELETE;
    g_owner->files.erase(name);
  }
  return g_real->xDelete(g_real, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_real->xAccess(g_real, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_real->xFullPathname(g_real, name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return g_real->xDlOpen(g_real, name); }
void DlError(sqlite3_vfs*, int n, char* msg) { g_real->xDlError(g_real, n, msg); }
void (*DlSym(sqlite3_vfs*, void* h, const char* sym))(void) {
  return g_real->xDlSym(g_real, h, sym);
}
void DlClose(sqlite3_vfs*, void* h) { g_real->xDlClose(g_real, h); }
int Randomness(sqlite3_vfs*, int n, char* out) { return g_real->xRandomness(g_real, n, out); }
int Sleep(sqlite3_vfs*, int us) { return g_real->xSleep(g_real, us); }
int CurrentTime(sqlite3_vfs*, double* out) { return g_real->xCurrentTime(g_real, out); }
int GetLastError(sqlite3_vfs*, int n, char* out) { return g_real->xGetLastError(g_real, n, out); }
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_real->xCurrentTimeInt64(g_real, out);
}

}  // namespace

PowerLossVfs& PowerLossVfs::Install() {
  static PowerLossVfs* owner = [] {
    auto* o = new PowerLossVfs();
    g_owner = o;
    g_real = sqlite3_vfs_find(nullptr);
    std::memset(&g_methods, 0, sizeof g_methods);
    g_methods.iVersion = 3;
    g_methods.xClose = Close;
    g_methods.xRead = Read;
    g_methods.xWrite = Write;
    g_methods.xTruncate = Truncate;
    g_methods.xSync = Sync;
    g_methods.xFileSize = FileSize;
    g_methods.xLock = Lock;
    g_methods.xUnlock = Unlock;
    g_methods.xCheckReservedLock = CheckReserved;
    g_methods.xFileControl = FileControl;
    g_methods.xSectorSize = SectorSize;
    g_methods.xDeviceCharacteristics = DeviceCharacteristics;
    g_methods.xShmMap = ShmMap;
    g_methods.xShmLock = ShmLock;
    g_methods.xShmBarrier = ShmBarrier;
    g_methods.xShmUnmap = ShmUnmap;
    g_methods.xFetch = Fetch;
    g_methods.xUnfetch = Unfetch;
    std::memset(&g_vfs, 0, sizeof g_vfs);
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(PlFile)) + g_real->szOsFile;
    g_vfs.mxPathname = g_real->mxPathname;
    g_vfs.zName = "gongkai-power-loss";
    g_vfs.xOpen = Open;
    g_vfs.xDelete = Delete;
    g_vfs.xAccess = Access;
    g_vfs.xFullPathname = FullPathname;
    g_vfs.xDlOpen = DlOpen;
    g_vfs.xDlError = DlError;
    g_vfs.xDlSym = DlSym;
    g_vfs.xDlClose = DlClose;
    g_vfs.xRandomness = Randomness;
    g_vfs.xSleep = Sleep;
    g_vfs.xCurrentTime = CurrentTime;
    g_vfs.xGetLastError = GetLastError;
    g_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    sqlite3_vfs_register(&g_vfs, 1);
    return o;
  }();
  return *owner;
}

void PowerLossVfs::Arm(uint64_t writes) {
  std::lock_guard<std::mutex> lock(mu);
  cut_after = write_count + std::max<uint64_t>(writes, 1);
  power_out = false;
}

void PowerLossVfs::Disarm() {
  std::lock_guard<std::mutex> lock(mu);
  cut_after = 0;
  power_out = false;
}

bool PowerLossVfs::cut() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mu));
  return power_out;
}

uint64_t PowerLossVfs::writes() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mu));
  return write_count;
}

uint64_t PowerLossVfs::LosePower() {
  std::lock_guard<std::mutex> lock(mu);
  uint64_t rolled = 0;
  for (auto& [path, st] : files) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
      for (auto it = st.undo.rbegin(); it != st.undo.rend(); ++it) {
        if (!it->old_bytes.empty()) {
          (void)!::pwrite(fd, it->old_bytes.data(), it->old_bytes.size(), it->offset);
          rolled += it->old_bytes.size();
        }
        (void)!::ftruncate(fd, it->old_size);
      }
      ::close(fd);
    }
    ::unlink((path + "-shm").c_str());  // the WAL index: rebuilt on open
  }
  files.clear();
  return rolled;
}

void PowerLossVfs::SyncAll() {
  std::lock_guard<std::mutex> lock(mu);
  files.clear();
}

}  // namespace gongkai::testing
