// PostgreSQL's migrations (db/migrations_pg) as the binary embeds them: numbered from 1 without a
// gap, and creating every table SQLite's list ends with. The full comparison of the two schemas
// (columns, keys, constraints, indexes, triggers) needs a server: tests/e2e/pg_schema_equivalence.sh.
#include <doctest/doctest.h>

#include <string>

#include "core/store/migrations.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::string all_pg_sql() {
  std::string sql;
  for (const auto& m : embedded_pg_migrations()) sql += std::string(m.sql) + "\n";
  return sql;
}
}  // namespace

TEST_CASE("PostgreSQL migrations are numbered 1, 2, ... and named by their number") {
  const auto& all = embedded_pg_migrations();
  REQUIRE(!all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO(all[i].name);
    CHECK(all[i].version == int(i) + 1);
    CHECK(std::stoi(std::string(all[i].name.substr(0, 3))) == all[i].version);
    CHECK(all[i].name.ends_with(".sql"));
  }
}

TEST_CASE("PostgreSQL's migrations create every table SQLite's end with, and the fencing sequence") {
  test::TempDb tmp;
  Database db(tmp.path);
  apply_migrations(db);
  const std::string pg = all_pg_sql();
  Statement q(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  int tables = 0;
  while (q.step()) {
    const std::string name = q.text(0);
    if (name == "schema_migrations") continue;  // the runner makes it on both engines
    INFO(name);
    CHECK(pg.find("CREATE TABLE " + name + " (") != std::string::npos);
    ++tables;
  }
  CHECK(tables >= 30);
  CHECK(pg.find("CREATE SEQUENCE fencing_tokens") != std::string::npos);
}
