#pragma once
// Moves WAL checkpoints off the committing thread. SQLite's automatic checkpoint runs inside the
// COMMIT that crosses 1000 WAL pages: that decision then copies the pages into the database file
// and waits for two fsyncs. Here the commit only wakes a thread that checkpoints through its own
// connection (PASSIVE: it never blocks writers or readers). A writer that outruns the thread can
// keep the WAL from ever being reset, so past a hard limit the committing thread checkpoints
// itself, as SQLite would, and the WAL starts over.
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/store/sqlite.hpp"

namespace rs::store {

struct CheckpointLimits {
  int wake_pages = 1000;  // wake the thread when the WAL holds this many pages
  // Past this many the committing thread checkpoints itself (by then the thread has copied most
  // pages, so little is left to do). One WAL-index block holds 4096 pages: staying within it keeps
  // every page lookup to one hash table.
  int inline_pages = 4000;
};

class Checkpointer {
 public:
  // `db` must outlive this object; `path` is the same file, opened again by the thread.
  Checkpointer(Database& db, std::string path, CheckpointLimits limits = {});
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  int background_checkpoints() const;  // completed by the thread (for tests)

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void wake();
  void run();

  Database& db_;
  std::string path_;
  CheckpointLimits limits_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false, stop_ = false;
  int done_ = 0;
  std::thread thread_;  // started on the first wake-up, so short-lived commands never start it
};

}  // namespace rs::store
