// The queue's hot transactions (Transaction::Kind::RowLocked) send their writes without waiting for
// each (PostgreSQL's pipeline, pg.hpp): what a reader of the store relies on must still hold on
// both engines. Runs in `unit` (SQLite) and `unit_pg`.
#include <doctest/doctest.h>

#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t count_settings(Database& db, const char* key) {
  Statement q(db, "SELECT COUNT(*) FROM settings WHERE key = ?1");
  q.bind(1, key);
  REQUIRE(q.step());
  return q.int64(0);
}

void put(Database& db, const char* key, const char* value) {
  Statement ins(db, "INSERT INTO settings(key, value) VALUES(?1, ?2)");
  ins.bind(1, key).bind(2, value).run();
}
}  // namespace

TEST_CASE("a hot transaction's writes: read back, counted, and all lost with a failing one") {
  test::TempDb tmp;
  Store s(tmp.path);
  Database& db = s.database();
  SUBCASE("a read inside the transaction sees the writes sent before it") {
    Transaction tx(db, Transaction::Kind::RowLocked);
    put(db, "pipe.a", "1");
    put(db, "pipe.b", "2");
    CHECK(count_settings(db, "pipe.a") == 1);
    CHECK(count_settings(db, "pipe.b") == 1);
    tx.commit();
    CHECK(count_settings(db, "pipe.b") == 1);
  }
  SUBCASE("changes() counts the last write once it is through") {
    Transaction tx(db, Transaction::Kind::RowLocked);
    put(db, "pipe.a", "1");
    put(db, "pipe.b", "1");
    Statement up(db, "UPDATE settings SET value = '3' WHERE key LIKE 'pipe.%'");
    up.run();
    CHECK(db.changes() == 2);
    Statement none(db, "UPDATE settings SET value = '4' WHERE key = 'pipe.none'");
    none.run();
    CHECK(db.changes() == 0);
    tx.commit();
  }
  SUBCASE("a write that fails takes the whole transaction with it, and names itself") {
    std::string what;
    try {
      Transaction tx(db, Transaction::Kind::RowLocked);
      put(db, "pipe.a", "1");
      put(db, "pipe.a", "again");  // the key is the primary key: refused, here or at the commit
      put(db, "pipe.c", "1");
      tx.commit();
    } catch (const DbError& e) {
      what = e.what();
    }
    CHECK(what.find("INSERT INTO settings") != std::string::npos);
    CHECK(count_settings(db, "pipe.a") == 0);
    CHECK(count_settings(db, "pipe.c") == 0);
    // The connection goes on: the next transaction commits.
    Transaction tx(db, Transaction::Kind::RowLocked);
    put(db, "pipe.d", "1");
    tx.commit();
    CHECK(count_settings(db, "pipe.d") == 1);
  }
  SUBCASE("a transaction rolled back with writes still queued leaves none of them") {
    {
      Transaction tx(db, Transaction::Kind::RowLocked);
      put(db, "pipe.e", "1");
    }
    CHECK(count_settings(db, "pipe.e") == 0);
  }
}
