#pragma once
// Private to the SQLite-to-PostgreSQL copy (store_migrate*.cpp): what each table looks like on
// both sides, the copy of its rows and the digest both sides are compared by.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/store/sqlite.hpp"

namespace rs::store::migrate {

struct Column {
  std::string name;
  std::string pg_type;  // information_schema's data_type: bigint, double precision, text, bytea
};

struct Table {
  std::string name;
  std::vector<Column> columns;             // in SQLite's order
  bool derived = false;                    // written by a trigger: the target's triggers fill it
  bool has_rowid = true;                   // SQLite: not WITHOUT ROWID (rows are read in rowid order)
  std::optional<std::string> identity;     // the PostgreSQL identity column, if any
  std::optional<std::string> primary_key;  // the PostgreSQL primary key constraint's name
};

// "name" with inner quotes doubled: table and column names come from the catalogs, never from
// a user, but are quoted all the same.
std::string quoted(const std::string& name);

// The tables a trigger's body writes (INSERT ... INTO t, UPDATE t), lower case; words inside
// string literals (a RAISE message) and before BEGIN (the trigger's own event) do not count.
std::set<std::string> tables_written_by(const std::string& trigger_sql);

// Tables with their foreign keys' parents, parents first (ties by name); MigrateRefused on a cycle.
std::vector<std::string> in_key_order(const std::map<std::string, std::set<std::string>>& parents);

// Every table of the SQLite store (without sqlite_* and schema_migrations) in foreign-key order,
// matched with the PostgreSQL store's. MigrateRefused names a table or column on one side only.
std::vector<Table> plan_tables(Database& sqlite, Database& pg);

// Copies the table's rows (rowid order) with `batch_rows` rows per INSERT; `upsert`: rows the
// target already holds (its schema's seed rows) take the source's values. Returns the rows copied.
std::int64_t copy_rows(Database& sqlite, Database& pg, const Table& t, int batch_rows, bool upsert);

// Row count and an order-free digest of every value (the sum of each row's SHA-256 prefix), read
// the same way on both sides, so equal digests mean equal rows whatever order they come in.
struct Digest {
  std::int64_t rows = 0;
  std::uint64_t sum = 0;
  bool operator==(const Digest&) const = default;
};
Digest digest_sqlite(Database& sqlite, const Table& t);
Digest digest_pg(Database& pg, const Table& t);

}  // namespace rs::store::migrate
