#include "core/store/migrations.hpp"

#include <string>

namespace rs::store {

const std::vector<Migration>& migrations_for(const Database& db) {
  return db.engine() == Engine::Postgresql ? embedded_pg_migrations() : embedded_migrations();
}

namespace {
// PostgreSQL checks the schema's CREATE privilege even for CREATE TABLE IF NOT EXISTS, and the
// workstations' role has none (db/postgresql/roles.sql): look before creating.
bool has_migrations_table(Database& db) {
  if (db.engine() != Engine::Postgresql) return false;
  Statement q(db, "SELECT to_regclass('schema_migrations') IS NOT NULL");
  return q.step() && q.int64(0) != 0;
}
}  // namespace

int schema_version(Database& db) {
  if (!has_migrations_table(db))
    db.exec(dialect(db,
                    "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
                    "CREATE TABLE IF NOT EXISTS schema_migrations(version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
                    "applied_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', "
                    "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')))"));
  Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  q.step();
  return int(q.int64(0));
}

namespace {
// Rebuilding a table (SQLite's way to change a constraint) needs foreign keys off while the old
// table is dropped; they are checked before the migration commits and switched back on after.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Database& db) : db_(db) {
    if (db.engine() != Engine::Sqlite) return;  // PostgreSQL changes constraints in place
    Statement q(db, "PRAGMA foreign_keys");
    was_on_ = q.step() && q.int64(0) != 0;
    if (was_on_) db_.exec("PRAGMA foreign_keys=OFF");
  }
  ~ForeignKeysOff() {
    if (was_on_) db_.exec("PRAGMA foreign_keys=ON");
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  Database& db_;
  bool was_on_ = false;
};

void check_foreign_keys(Database& db, const Migration& m) {
  if (db.engine() != Engine::Sqlite) return;  // PostgreSQL checks them as the migration runs
  Statement q(db, "PRAGMA foreign_key_check");
  if (q.step())
    throw SqliteError("migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                          ") breaks a foreign key in table " + q.text(0) + "; nothing of it was applied",
                      SQLITE_CONSTRAINT);
}
}  // namespace

int apply_migrations(Database& db) {
  // The usual open finds everything applied: no write lock and no foreign-key switching then.
  const auto& all = migrations_for(db);
  if (all.empty() || schema_version(db) >= all.back().version) return 0;
  int applied = 0;
  ForeignKeysOff fk_off(db);
  for (const auto& m : all) {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    Transaction tx(db);
    if (m.version <= schema_version(db)) continue;
    db.exec(std::string(m.sql).c_str());
    check_foreign_keys(db, m);
    Statement ins(db, "INSERT INTO schema_migrations(version, name) VALUES(?1, ?2)");
    ins.bind(1, m.version).bind(2, m.name).run();
    tx.commit();
    ++applied;
  }
  return applied;
}

}  // namespace rs::store
