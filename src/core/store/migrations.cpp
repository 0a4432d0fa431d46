#include "core/store/migrations.hpp"

#include <string>

namespace rs::store {

int schema_version(Database& db) {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
          "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
  Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  q.step();
  return int(q.int64(0));
}

int apply_migrations(Database& db) {
  int applied = 0;
  for (const auto& m : embedded_migrations()) {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    Transaction tx(db);
    if (m.version <= schema_version(db)) continue;
    db.exec(std::string(m.sql).c_str());
    Statement ins(db, "INSERT INTO schema_migrations(version, name) VALUES(?1, ?2)");
    ins.bind(1, m.version).bind(2, m.name).run();
    tx.commit();
    ++applied;
  }
  return applied;
}

}  // namespace rs::store
