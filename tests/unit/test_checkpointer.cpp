// WAL checkpoints off the committing thread: the thread copies pages back, the WAL stays bounded,
// and nothing written is lost.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "core/store/checkpointer.hpp"
#include "core/store/sqlite.hpp"
#include "core/util/random.hpp"

using namespace rs::store;

namespace {
struct ScratchFile {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("rs-ckpt-" + rs::random_hex(6));
  std::string path = (dir / "wal.db").string();
  ScratchFile() { std::filesystem::create_directories(dir); }
  ~ScratchFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

void write_rows(Database& db, int rows) {
  Statement ins(db, "INSERT INTO t(body) VALUES(?1)");
  const std::string body(1500, 'x');  // about one 2 KB page per commit
  for (int i = 0; i < rows; ++i) {
    Transaction tx(db);
    ins.bind(1, body + std::to_string(i));
    ins.run();
    tx.commit();
  }
}
}  // namespace

TEST_CASE("the checkpoint thread copies the WAL back while commits go on, and the WAL stays bounded") {
  ScratchFile f;
  Database db(f.path);
  db.exec("PRAGMA page_size=2048");
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=NORMAL");
  db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const CheckpointLimits limits{50, 400};
  std::uintmax_t biggest_wal = 0;
  {
    Checkpointer ck(db, f.path, limits);
    for (int round = 0; round < 20; ++round) {
      write_rows(db, 50);
      biggest_wal = std::max(biggest_wal, std::filesystem::file_size(f.path + "-wal"));
    }
    for (int i = 0; i < 200 && ck.background_checkpoints() == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(ck.background_checkpoints() > 0);
  }
  // The committing thread resets the WAL past inline_pages (plus the pages of one commit).
  CHECK(biggest_wal < std::uintmax_t(limits.inline_pages + 20) * (2048 + 24));
  // Everything committed is there, through a fresh connection.
  Database other(f.path);
  Statement n(other, "SELECT COUNT(*), MAX(id) FROM t");
  REQUIRE(n.step());
  CHECK(n.int64(0) == 1000);
  CHECK(n.int64(1) == 1000);
}

TEST_CASE("a database without commits never starts the checkpoint thread") {
  ScratchFile f;
  Database db(f.path);
  db.exec("PRAGMA journal_mode=WAL");
  Checkpointer ck(db, f.path);
  db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY)");  // one small commit, far below wake_pages
  CHECK(ck.background_checkpoints() == 0);
}
