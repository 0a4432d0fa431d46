#pragma once
// The PostgreSQL side of the store's connection (libpq), behind Database and Statement
// (sqlite.hpp): the store's SQL is written once with SQLite's ?N parameters and read through the
// same accessors on both engines. Private to the store layer.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace rs::store {

// A value is a PostgreSQL URL when it starts with postgresql:// or postgres://.
bool is_postgresql_url(std::string_view target);

// The same statement in PostgreSQL's words: ?N becomes $N, instr( becomes strpos( and `IS ?N`
// becomes `IS NOT DISTINCT FROM $N`; string literals and quoted names are left alone. Pure, tested.
std::string postgresql_dialect(std::string_view sqlite_sql);

class PgConnection {
 public:
  explicit PgConnection(const std::string& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  pg_conn* handle() const { return conn_; }
  // Runs text that may hold several statements (migrations, BEGIN/COMMIT); throws DbError.
  void exec(const char* sql);
  // The rows the last INSERT/UPDATE/DELETE touched (after the queued writes are through).
  int changes() {
    finish_pipeline();
    return changes_;
  }
  // Keeps the row count of a finished INSERT/UPDATE/DELETE for changes().
  void note_changes(pg_result* res);

  // Writes whose results nobody reads (Statement::run) may be queued in libpq's pipeline instead of
  // waiting a round trip each; the next statement that reads, changes(), or COMMIT sends them with
  // it. Allowed inside the queue's hot transactions only (Transaction::Kind::RowLocked), whose code
  // reads a failure at that next step the same as at the write: the transaction is lost either way.
  bool queue_writes = false;
  bool in_pipeline() const { return in_pipeline_; }
  // Enters pipeline mode if needed and counts one more query sent; `what` names it in errors.
  void enter_pipeline();
  void sent(std::string what);
  // Sends a sync and reads every queued result, throwing DbError for the first that failed.
  // keep_last: the last query's result is returned (the caller's read) instead of cleared.
  pg_result* finish_pipeline(bool keep_last = false);
  // BEGIN, queued: it goes to the server with the transaction's first read.
  void begin_queued();
  // COMMIT sent after the queued writes, in the same round trip.
  void commit();
  // Throws away what is queued (before a ROLLBACK).
  void abandon_pipeline();
  // A name for the next server-side prepared statement of this connection.
  std::string next_statement_name() { return "rs" + std::to_string(++statements_); }
  bool in_write_transaction = false;

 private:
  pg_conn* conn_ = nullptr;
  int changes_ = 0;
  int statements_ = 0;
  bool in_pipeline_ = false;
  int pipelined_ = 0;
  std::vector<std::string> sent_;  // the queued queries' names, for errors
};

// Throws DbError for a failed result, with SQLite's nearest code (busy, constraint, ...).
[[noreturn]] void throw_pg_error(pg_conn* conn, pg_result* res, const std::string& what);

class PgStatement {
 public:
  // `prepared`: kept by a StatementCache, so prepared once on the server per type signature;
  // otherwise sent with its parameters each time.
  PgStatement(PgConnection& conn, const char* sql, bool prepared);
  ~PgStatement();
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  void bind_int64(int i, std::int64_t v);
  void bind_double(int i, double v);
  void bind_text(int i, std::string_view v);
  void bind_blob(int i, std::span<const std::uint8_t> v);
  void bind_null(int i);

  bool step();
  void reset();
  // Sends the statement into the connection's pipeline without waiting for it (PgConnection::
  // queue_writes); its result is read, and a failure thrown, at the pipeline's next sync.
  void send();
  bool queues() const { return conn_.queue_writes; }

  int column_count() const;
  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::vector<std::uint8_t> blob(int col) const;

 private:
  struct Param {
    std::string value;
    unsigned type = 0;  // Oid; 0 lets the server infer it
    bool null = true;
    bool binary = false;
    bool bound = false;  // set by a bind; a number the SQL skips stays unbound
  };
  Param& param(int i);
  struct Call;  // the statement's parameters as libpq takes them
  Call call();
  int send_call(const Call& c);
  void execute();
  void take_result(pg_result* res);
  const char* value(int col) const;

  PgConnection& conn_;
  std::string sql_;
  bool prepared_;
  std::vector<std::pair<std::string, std::string>> variants_;  // type signature -> statement name
  std::vector<Param> params_;
  pg_result* result_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
};

}  // namespace rs::store
