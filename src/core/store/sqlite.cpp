#include "core/store/sqlite.hpp"

#include "core/store/pg.hpp"
#include "core/util/sha256.hpp"

namespace rs::store {
namespace {
[[noreturn]] void fail(sqlite3* db, const std::string& what, int rc) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  throw SqliteError(msg, ext ? ext : rc);
}
}  // namespace

namespace {
// rs_sha256(text) -> lower-case hex; NULL stays NULL.
void sha256_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const std::string hex = rs::sha256_hex(std::string_view(text ? text : "", std::size_t(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(ctx, hex.c_str(), int(hex.size()), SQLITE_TRANSIENT);
}
}  // namespace

Database::Database(const std::string& target, int busy_timeout_ms) {
  if (is_postgresql_url(target)) {
    pg_ = std::make_unique<PgConnection>(target);
    return;
  }
  const std::string path = target.starts_with("sqlite:") ? target.substr(7) : target;
  int rc =
      sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open database '" + path + "': " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(msg, rc);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  // Migrations hash stored secrets in SQL (007: resubmission tokens).
  sqlite3_create_function_v2(db_, "rs_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, sha256_function, nullptr,
                             nullptr, nullptr);
}

Database::~Database() {
  for (auto* st : tx_control_) sqlite3_finalize(st);
  if (db_) sqlite3_close_v2(db_);
}

Database::Database(Database&& o) noexcept : db_(o.db_), pg_(std::move(o.pg_)), tx_control_(o.tx_control_) {
  o.db_ = nullptr;
  o.tx_control_ = {};
}

std::int64_t Database::last_insert_id() const {
  if (!pg_) return sqlite3_last_insert_rowid(db_);
  // The identity the last INSERT drew on this connection (no store trigger inserts into a table
  // with an identity column, so it is the caller's row).
  Statement q(*this, "SELECT lastval()");
  q.step();
  return q.int64(0);
}

int Database::changes() const { return pg_ ? pg_->changes() : sqlite3_changes(db_); }

// PostgreSQL's BEGIN IMMEDIATE: writers take one transaction-scoped advisory lock, so they run one
// at a time as on SQLite, and the store's checks-then-writes stay correct as written for SQLite.
// Readers are never blocked. It is the audit chain's lock (rs_audit_seal, db/migrations_pg/005):
// RowLocked transactions only try it in their committing round trip and never wait for it.
constexpr const char* kPgBeginWrite = "BEGIN; SELECT pg_advisory_xact_lock(7165)";

void Database::run_tx_control(TxControl which) {
  in_transaction_ = which != TxControl::Commit && which != TxControl::Rollback;
  if (pg_) return run_pg_tx_control(which);
  if (which == TxControl::BeginRowLocked) which = TxControl::BeginImmediate;
  static constexpr const char* kSql[] = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
  auto& st = tx_control_[std::size_t(which)];
  if (!st) {
    int rc = sqlite3_prepare_v3(db_, kSql[std::size_t(which)], -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) fail(db_, kSql[std::size_t(which)], rc);
  }
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) fail(db_, kSql[std::size_t(which)], rc);
}

void Database::run_pg_tx_control(TxControl which) {
  pg_->queue_writes = false;
  switch (which) {
    case TxControl::Begin:  // a deferred transaction reads one snapshot throughout, as SQLite's does
      return pg_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
    case TxControl::BeginImmediate: return pg_->exec(kPgBeginWrite);
    case TxControl::BeginRowLocked:
      // The queue's hot transactions: BEGIN and their writes go with their next read (pg.hpp).
      pg_->begin_queued();
      pg_->queue_writes = true;
      return;
    case TxControl::Commit: return pg_->commit();
    case TxControl::Rollback: pg_->abandon_pipeline(); return pg_->exec("ROLLBACK");
  }
}

void Database::commit_with(Statement& rider) {
  if (!pg_ || !rider.pg_) {
    rider.run();
    run_tx_control(TxControl::Commit);
    return;
  }
  try {
    rider.pg_->send();
    pg_->commit();
  } catch (...) {
    rider.reset();  // the caller's Transaction rolls back
    throw;
  }
  rider.reset();
  in_transaction_ = false;
  pg_->queue_writes = false;
}

void Database::exec(const char* sql) {
  if (pg_) return pg_->exec(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqliteError(msg, sqlite3_extended_errcode(db_));
  }
}

Statement::Statement(const Database& db, const char* sql, bool kept) : db_(db.handle()) {
  if (db.pg()) {
    pg_ = std::make_unique<PgStatement>(*db.pg(), sql, kept);
    return;
  }
  int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &st_, nullptr);
  if (rc != SQLITE_OK) fail(db_, std::string("prepare '") + sql + "'", rc);
}

Statement::~Statement() {
  if (st_) sqlite3_finalize(st_);
}

Statement::Statement(Statement&& o) noexcept : st_(o.st_), db_(o.db_), pg_(std::move(o.pg_)) { o.st_ = nullptr; }

Statement& Statement::bind(int i, std::int64_t v) {
  if (pg_) return pg_->bind_int64(i, v), *this;
  if (int rc = sqlite3_bind_int64(st_, i, v); rc != SQLITE_OK) fail(db_, "bind", rc);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  if (pg_) return pg_->bind_double(i, v), *this;
  if (int rc = sqlite3_bind_double(st_, i, v); rc != SQLITE_OK) fail(db_, "bind", rc);
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  if (pg_) return pg_->bind_text(i, v), *this;
  if (int rc = sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
    fail(db_, "bind", rc);
  return *this;
}
Statement& Statement::bind_blob(int i, std::span<const std::uint8_t> v) {
  if (pg_) return pg_->bind_blob(i, v), *this;
  if (int rc = sqlite3_bind_blob(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
    fail(db_, "bind", rc);
  return *this;
}
Statement& Statement::bind_null(int i) {
  if (pg_) return pg_->bind_null(i), *this;
  if (int rc = sqlite3_bind_null(st_, i); rc != SQLITE_OK) fail(db_, "bind", rc);
  return *this;
}

bool Statement::step() {
  if (pg_) return pg_->step();
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string sql = sqlite3_sql(st_) ? sqlite3_sql(st_) : "";
  sqlite3_reset(st_);
  fail(db_, "step '" + sql.substr(0, 80) + "'", rc);
}

void Statement::run() {
  if (pg_ && pg_->queues()) {
    pg_->send();
  } else {
    while (step()) {
    }
  }
  reset();
}

void Statement::reset() {
  if (pg_) return pg_->reset();
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

bool Statement::is_null(int col) const {
  if (pg_) return pg_->is_null(col);
  return sqlite3_column_type(st_, col) == SQLITE_NULL;
}
int Statement::column_count() const { return pg_ ? pg_->column_count() : sqlite3_column_count(st_); }
std::int64_t Statement::int64(int col) const { return pg_ ? pg_->int64(col) : sqlite3_column_int64(st_, col); }
double Statement::real(int col) const { return pg_ ? pg_->real(col) : sqlite3_column_double(st_, col); }
std::string Statement::text(int col) const {
  if (pg_) return pg_->text(col);
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
  return p ? std::string(p, sqlite3_column_bytes(st_, col)) : std::string();
}
std::optional<std::string> Statement::text_or_null(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
std::optional<std::int64_t> Statement::int64_or_null(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}
std::vector<std::uint8_t> Statement::blob(int col) const {
  if (pg_) return pg_->blob(col);
  auto p = static_cast<const std::uint8_t*>(sqlite3_column_blob(st_, col));
  int n = sqlite3_column_bytes(st_, col);
  return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>();
}

ScopedStatement StatementCache::operator()(const char* sql) {
  auto& slot = cache_[sql];
  if (!slot) slot = std::make_unique<Statement>(db_, sql, true);
  return ScopedStatement(*slot);
}

Transaction::Transaction(Database& db, Kind kind) : db_(db) {
  db_.run_tx_control(kind == Kind::Immediate   ? Database::TxControl::BeginImmediate
                     : kind == Kind::RowLocked ? Database::TxControl::BeginRowLocked
                                               : Database::TxControl::Begin);
  open_ = true;
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.run_tx_control(Database::TxControl::Rollback);
  } catch (const SqliteError&) {
    // A destructor must not throw; SQLite has already rolled back when ROLLBACK itself fails.
  }
  if (db_.after_rollback) db_.after_rollback();
}

void Transaction::commit() {
  Statement* rider = db_.before_commit ? db_.before_commit() : nullptr;
  if (rider)
    db_.commit_with(*rider);
  else
    db_.run_tx_control(Database::TxControl::Commit);
  open_ = false;
}

}  // namespace rs::store
