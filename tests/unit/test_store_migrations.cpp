// Migrations: a database made by an older build opens in this one with its rows kept.
#include <doctest/doctest.h>

#include "core/store/migrations.hpp"
#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t count(Database& db, const char* sql) {
  Statement q(db, sql);
  q.step();
  return q.int64(0);
}

// Builds the schema as it stood at `version`, the way an older build left it.
void migrate_up_to(Database& db, int version) {
  schema_version(db);
  for (const auto& m : embedded_migrations()) {
    if (m.version > version) break;
    db.exec(std::string(m.sql).c_str());
    Statement ins(db, "INSERT INTO schema_migrations(version, name) VALUES(?1, ?2)");
    ins.bind(1, m.version).bind(2, m.name).run();
  }
}
}  // namespace

TEST_CASE("the attempts table rebuild (migration 4) keeps every row, the queue and the status check") {
  test::TempDb tmp;
  {
    Database db(tmp.path);
    db.exec("PRAGMA foreign_keys=ON");
    migrate_up_to(db, 3);
    db.exec("INSERT INTO photos(id, sha256, bytes, byte_count, created_at) VALUES(1, 'x', x'00', 1, 't')");
    db.exec(
        "INSERT INTO orders(id, order_no, applicant_name, id_number, doc_type, city, city_letter, created_at) "
        "VALUES(1, 'OLD1', '旧', '1', 'id_card', '深圳', 'B', 't'), (2, 'OLD2', '旧', '2', 'id_card', '深圳', 'B', "
        "'t')");
    db.exec(
        "INSERT INTO attempts(id, order_id, attempt_no, photo_id, submitted_at, submitted_ms, status) "
        "VALUES(1, 1, 1, 1, 't', 1, 'rejected'), (2, 1, 2, 1, 't', 2, 'pending'), (3, 2, 1, 1, 't', 3, 'pending')");
    db.exec("UPDATE attempts SET previous_attempt_id = 1 WHERE id = 2");
    db.exec(
        "INSERT INTO decisions(id, attempt_id, decision, reviewer, lease_token, decided_at, decided_ms, review_ms) "
        "VALUES(1, 1, 'rejected', 'alice', 1, 't', 1, 1)");
  }
  Store s(tmp.path);
  auto& db = s.database();
  CHECK(schema_version(db) >= 4);
  CHECK(count(db, "SELECT COUNT(*) FROM attempts") == 3);
  CHECK(count(db, "SELECT previous_attempt_id FROM attempts WHERE id = 2") == 1);
  CHECK(count(db, "SELECT COUNT(*) FROM decisions d JOIN attempts a ON a.id = d.attempt_id") == 1);
  CHECK(count(db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
  CHECK(count(db, "PRAGMA foreign_keys") == 1);  // switched back on after the rebuild
  // The queue still works: resubmission first is a priority matter, here the oldest pending.
  auto c = s.claim_next(test::reviewer(s, "bob"), "ws");
  REQUIRE(c);
  CHECK(c->attempt.id == 2);
  CHECK_THROWS_AS(db.exec("UPDATE attempts SET status = 'lost' WHERE id = 3"), SqliteError);
  CHECK_THROWS_AS(
      db.exec(
          "INSERT INTO attempts(order_id, attempt_no, photo_id, submitted_at, submitted_ms) VALUES(99, 1, 1, 't', 1)"),
      SqliteError);  // foreign keys are on again
}

TEST_CASE("a new queue file has 2 KB pages and WAL; an existing file keeps its page size") {
  test::TempDb tmp;
  {
    Store s(tmp.path);
    CHECK(count(s.database(), "PRAGMA page_size") == 2048);
    Statement q(s.database(), "PRAGMA journal_mode");
    REQUIRE(q.step());
    CHECK(q.text(0) == "wal");
  }
  test::TempDb old;
  {
    Database db(old.path);
    db.exec("PRAGMA page_size=4096");
    db.exec("CREATE TABLE t(x)");
  }
  Store s(old.path);
  CHECK(count(s.database(), "PRAGMA page_size") == 4096);
  CHECK(schema_version(s.database()) >= 4);
}
