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
  // The rows the last INSERT/UPDATE/DELETE touched.
  int changes() const { return changes_; }
  void set_changes(int n) { changes_ = n; }
  // A name for the next server-side prepared statement of this connection.
  std::string next_statement_name() { return "rs" + std::to_string(++statements_); }
  bool in_write_transaction = false;

 private:
  pg_conn* conn_ = nullptr;
  int changes_ = 0;
  int statements_ = 0;
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
  void execute();
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
