#pragma once
// Move-only RAII over the store's connection: Database, Statement (prepared once, reset between
// uses) and Transaction (BEGIN IMMEDIATE in the constructor, rollback in the destructor unless
// committed). One connection is SQLite (a file path or sqlite:PATH) or PostgreSQL (a
// postgresql:// URL, pg.hpp); the store's SQL is written once, in SQLite's words, and PostgreSQL
// gets it translated where the dialects differ. Errors throw DbError carrying SQLite's extended
// code (PostgreSQL's errors mapped to the nearest one).
#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rs::store {

class DbError : public std::runtime_error {
 public:
  // The server went away (PostgreSQL): the transaction is lost, the connection must be made again.
  static constexpr int kConnectionLost = 0x7f000000;
  DbError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  bool busy() const { return (code_ & 0xff) == SQLITE_BUSY || (code_ & 0xff) == SQLITE_LOCKED; }
  bool connection_lost() const { return code_ == kConnectionLost; }

 private:
  int code_;
};
using SqliteError = DbError;

class PgConnection;
class PgStatement;
class Statement;
enum class Engine { Sqlite, Postgresql };

class Database {
 public:
  // A file path, sqlite:PATH, or a postgresql:// URL.
  explicit Database(const std::string& target, int busy_timeout_ms = 10000);
  ~Database();
  Database(Database&& o) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;

  void exec(const char* sql);  // for migrations and pragmas only
  // BEGIN [IMMEDIATE], COMMIT and ROLLBACK through statements prepared once: preparing them for
  // every transaction (as sqlite3_exec does) cost about as much as a claim's own work.
  enum class TxControl { Begin, BeginImmediate, Commit, Rollback, BeginRowLocked };
  void run_tx_control(TxControl which);
  bool in_transaction() const { return in_transaction_; }
  // rider.run(), then COMMIT; on PostgreSQL both go in one round trip (pipelined), so a lock the
  // rider takes is held for no further network wait.
  void commit_with(Statement& rider);
  // Called by Transaction::commit() right before COMMIT: the store's deferred audit rows on
  // PostgreSQL (store.cpp). It may return a statement to run together with the COMMIT, in one
  // round trip (PostgreSQL's pipeline), or nullptr. after_rollback runs after every rollback.
  std::function<Statement*()> before_commit;
  std::function<void()> after_rollback;
  Engine engine() const { return pg_ ? Engine::Postgresql : Engine::Sqlite; }
  sqlite3* handle() const { return db_; }  // SQLite only (nullptr on PostgreSQL)
  PgConnection* pg() const { return pg_.get(); }
  std::int64_t last_insert_id() const;
  int changes() const;

 private:
  void run_pg_tx_control(TxControl which);
  sqlite3* db_ = nullptr;
  std::unique_ptr<PgConnection> pg_;
  bool in_transaction_ = false;
  std::array<sqlite3_stmt*, 4> tx_control_{};  // indexed by TxControl, prepared on first use
};

class Statement {
 public:
  // `kept`: the statement lives as long as the connection (StatementCache), so PostgreSQL
  // prepares it on the server once instead of planning it at every use.
  Statement(const Database& db, const char* sql, bool kept = false);
  ~Statement();
  Statement(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding is 1-based like SQLite; each returns *this for chaining.
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, std::int64_t(v)); }
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind_blob(int i, std::span<const std::uint8_t> v);
  Statement& bind_null(int i);
  template <class T>
  Statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  bool step();   // true while a row is available
  void run();    // step to completion, then reset
  void reset();  // reset and clear bindings

  int column_count() const;  // columns of the result
  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::string> text_or_null(int col) const;
  std::optional<std::int64_t> int64_or_null(int col) const;
  std::vector<std::uint8_t> blob(int col) const;

 private:
  friend class Database;  // commit_with runs a PostgreSQL statement in COMMIT's pipeline
  sqlite3_stmt* st_ = nullptr;
  sqlite3* db_ = nullptr;
  std::unique_ptr<PgStatement> pg_;
};

// The SQL for the connection's engine where the two dialects differ beyond what pg.hpp translates.
inline const char* dialect(const Database& db, const char* sqlite_sql, const char* postgresql_sql) {
  return db.engine() == Engine::Postgresql ? postgresql_sql : sqlite_sql;
}

// Prepared statements kept for the life of the connection (preparing costs more than running a
// short statement). A ScopedStatement resets its statement when it goes out of scope.
class ScopedStatement {
 public:
  explicit ScopedStatement(Statement& st) : st_(st) {}
  ~ScopedStatement() { st_.reset(); }
  ScopedStatement(const ScopedStatement&) = delete;
  ScopedStatement& operator=(const ScopedStatement&) = delete;
  Statement* operator->() { return &st_; }
  Statement& operator*() { return st_; }

 private:
  Statement& st_;
};

class StatementCache {
 public:
  explicit StatementCache(const Database& db) : db_(db) {}
  ScopedStatement operator()(const char* sql_literal);
  // The SQLite text, or the PostgreSQL one on a PostgreSQL connection (see dialect()).
  ScopedStatement operator()(const char* sqlite_literal, const char* postgresql_literal) {
    return (*this)(dialect(db_, sqlite_literal, postgresql_literal));
  }

 private:
  const Database& db_;
  // Keyed by the literal's address: every caller passes a string literal, so the lookup needs
  // neither a copy nor a hash of the SQL text on the hot path.
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
};

class Transaction {
 public:
  // Deferred: reads (one snapshot). Immediate: a writer alone, as SQLite's BEGIN IMMEDIATE; on
  // PostgreSQL it takes the writers' advisory lock at once. RowLocked: the queue's hot writes
  // (claim, decide, release) that lock the rows they change themselves (FOR UPDATE [SKIP LOCKED],
  // the counter row) and never wait for the writers' lock: their audit rows go through the inbox
  // (db/migrations_pg/005) just before the commit; the same as Immediate on SQLite.
  enum class Kind { Deferred, Immediate, RowLocked };
  explicit Transaction(Database& db, Kind kind = Kind::Immediate);
  ~Transaction();  // rolls back unless commit() succeeded
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool open_ = false;
};

}  // namespace rs::store
