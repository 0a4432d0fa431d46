#pragma once
// Numbered SQL migrations from db/migrations/NNN_name.sql (db/migrations_pg/ for PostgreSQL),
// embedded at build time and applied in order when a database is opened; each runs in its own
// transaction with its version recorded.
#include <string_view>
#include <vector>

#include "core/store/sqlite.hpp"

namespace rs::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& embedded_migrations();
// PostgreSQL's own numbered list from db/migrations_pg (the dialects differ; both engines end at the
// same tables, columns and constraints: tests/e2e/pg_schema_equivalence.sh checks it).
const std::vector<Migration>& embedded_pg_migrations();
// Applies the pending ones; returns how many were applied.
int apply_migrations(Database& db);
int schema_version(Database& db);

}  // namespace rs::store
