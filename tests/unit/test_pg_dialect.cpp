// The store's SQL in PostgreSQL's words (pg.hpp): parameters, instr and `IS ?N`, never inside a
// literal or a quoted name.
#include <doctest/doctest.h>

#include "core/store/pg.hpp"

using rs::store::is_postgresql_url;
using rs::store::postgresql_dialect;

TEST_CASE("postgresql_dialect numbers parameters as $N") {
  CHECK(postgresql_dialect("SELECT a FROM t WHERE id = ?1 AND b < ?12") == "SELECT a FROM t WHERE id = $1 AND b < $12");
}

TEST_CASE("postgresql_dialect numbers a bare ? as SQLite does") {
  CHECK(postgresql_dialect("WHERE subject IN (?,?,?)") == "WHERE subject IN ($1,$2,$3)");
  CHECK(postgresql_dialect("WHERE a = ?3 AND b IN (?, ?)") == "WHERE a = $3 AND b IN ($4, $5)");
}

TEST_CASE("postgresql_dialect turns CROSS JOIN ... ON into JOIN ... ON") {
  CHECK(postgresql_dialect("FROM overturns o CROSS JOIN decisions d ON d.id = o.decision_id") ==
        "FROM overturns o JOIN decisions d ON d.id = o.decision_id");
}

TEST_CASE("postgresql_dialect drops SQLite's unary + on a column, not an addition") {
  CHECK(postgresql_dialect("AND +d.reviewer = ?") == "AND d.reviewer = $1");
  CHECK(postgresql_dialect("SELECT a + b, a +1, (+c) FROM t") == "SELECT a + b, a +1, (c) FROM t");
}

TEST_CASE("postgresql_dialect leaves literals and quoted names alone") {
  CHECK(postgresql_dialect("SELECT '?1', \"instr(\" FROM t WHERE x = ?2") ==
        "SELECT '?1', \"instr(\" FROM t WHERE x = $2");
  CHECK(postgresql_dialect("SELECT 'it''s ?' || ?1") == "SELECT 'it''s ?' || $1");
}

TEST_CASE("postgresql_dialect turns instr and IS ?N into PostgreSQL's") {
  CHECK(postgresql_dialect("WHERE instr(lease_owner, ?4) = 1") == "WHERE strpos(lease_owner, $4) = 1");
  CHECK(postgresql_dialect("WHERE skipped_by IS ?2 AND x IS NULL") ==
        "WHERE skipped_by IS NOT DISTINCT FROM $2 AND x IS NULL");
  CHECK(postgresql_dialect("WHERE d.attempt_id IS NOT v.attempt_id OR x IS NOT NULL OR y IS NOT DISTINCT FROM z") ==
        "WHERE d.attempt_id IS DISTINCT FROM v.attempt_id OR x IS NOT NULL OR y IS NOT DISTINCT FROM z");
  CHECK(postgresql_dialect("WHERE a IS (SELECT 1) AND b IS TRUE") ==
        "WHERE a IS NOT DISTINCT FROM (SELECT 1) AND b IS TRUE");
  // Only whole words: a column named xinstr( is not the function.
  CHECK(postgresql_dialect("SELECT xinstr(a) FROM t") == "SELECT xinstr(a) FROM t");
}

TEST_CASE("is_postgresql_url tells a URL from a file path") {
  CHECK(is_postgresql_url("postgresql://reviewstation@queue.centre/rs"));
  CHECK(is_postgresql_url("postgres://u@h/d"));
  CHECK_FALSE(is_postgresql_url("queue.db"));
  CHECK_FALSE(is_postgresql_url("sqlite:postgresql.db"));
}
