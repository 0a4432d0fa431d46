#pragma once
// Numbered SQL migrations from db/migrations/NNN_name.sql, embedded at build time and applied in
// order when a database is opened; each runs in its own transaction with its version recorded.
#include <string_view>
#include <vector>

#include "core/store/sqlite.hpp"

namespace rs::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& embedded_migrations();     // SQLite's, db/migrations
const std::vector<Migration>& embedded_pg_migrations();  // PostgreSQL's, db/migrations_pg
// The list for the connection's engine.
const std::vector<Migration>& migrations_for(const Database& db);
// Applies the pending ones; returns how many were applied.
int apply_migrations(Database& db);
int schema_version(Database& db);

}  // namespace rs::store
