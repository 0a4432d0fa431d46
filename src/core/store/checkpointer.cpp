#include "core/store/checkpointer.hpp"

namespace rs::store {

Checkpointer::Checkpointer(Database& db, std::string path, CheckpointLimits limits)
    : db_(db), path_(std::move(path)), limits_(limits) {
  // Replaces SQLite's own automatic checkpoint (which is itself a WAL hook).
  sqlite3_wal_hook(db_.handle(), &Checkpointer::on_commit, this);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(db_.handle(), nullptr, nullptr);
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int Checkpointer::background_checkpoints() const {
  std::lock_guard lk(mu_);
  return done_;
}

int Checkpointer::on_commit(void* self_ptr, sqlite3* db, const char* schema, int wal_pages) {
  auto* self = static_cast<Checkpointer*>(self_ptr);
  if (wal_pages >= self->limits_.inline_pages) {
    // The thread could not keep up: catch up here, on the connection that just committed.
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (wal_pages >= self->limits_.wake_pages) {
    self->wake();
  }
  return SQLITE_OK;  // the commit itself succeeded whatever the checkpoint does
}

void Checkpointer::wake() {
  std::lock_guard lk(mu_);
  if (stop_) return;
  wanted_ = true;
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  cv_.notify_one();
}

void Checkpointer::run() {
  std::unique_ptr<Database> own;
  std::unique_lock lk(mu_);
  while (true) {
    cv_.wait(lk, [&] { return wanted_ || stop_; });
    if (stop_) return;
    wanted_ = false;
    lk.unlock();
    try {
      if (!own) own = std::make_unique<Database>(path_, 0);
      // PASSIVE returns at once when another connection is checkpointing; a failure here only
      // leaves the pages in the WAL, where readers find them and the next checkpoint copies them.
      sqlite3_wal_checkpoint_v2(own->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } catch (const SqliteError&) {
    }
    lk.lock();
    ++done_;
  }
}

}  // namespace rs::store
