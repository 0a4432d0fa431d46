#pragma once
// Move-only RAII over SQLite: Database, Statement (prepared once, reset between uses) and
// Transaction (BEGIN IMMEDIATE in the constructor, rollback in the destructor unless committed).
// Errors throw SqliteError carrying SQLite's extended code.
#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rs::store {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  bool busy() const { return (code_ & 0xff) == SQLITE_BUSY || (code_ & 0xff) == SQLITE_LOCKED; }

 private:
  int code_;
};

class Database {
 public:
  explicit Database(const std::string& path, int busy_timeout_ms = 10000);
  ~Database();
  Database(Database&& o) noexcept : db_(o.db_), tx_control_(o.tx_control_) {
    o.db_ = nullptr;
    o.tx_control_ = {};
  }
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;

  void exec(const char* sql);  // for migrations and pragmas only
  // BEGIN [IMMEDIATE], COMMIT and ROLLBACK through statements prepared once: preparing them for
  // every transaction (as sqlite3_exec does) cost about as much as a claim's own work.
  enum class TxControl { Begin, BeginImmediate, Commit, Rollback };
  void run_tx_control(TxControl which);
  sqlite3* handle() const { return db_; }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::array<sqlite3_stmt*, 4> tx_control_{};  // indexed by TxControl, prepared on first use
};

class Statement {
 public:
  Statement(const Database& db, const char* sql);
  ~Statement();
  Statement(Statement&& o) noexcept : st_(o.st_), db_(o.db_) { o.st_ = nullptr; }
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
  sqlite3_stmt* st_ = nullptr;
  sqlite3* db_ = nullptr;
};

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

 private:
  const Database& db_;
  // Keyed by the literal's address: every caller passes a string literal, so the lookup needs
  // neither a copy nor a hash of the SQL text on the hot path.
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
};

class Transaction {
 public:
  enum class Kind { Deferred, Immediate };
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
