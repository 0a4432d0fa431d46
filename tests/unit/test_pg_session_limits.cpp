// PostgreSQL only (ctest's unit_pg; `unit` leaves the "postgresql" suite out): the limits every
// connection of the store carries so that one workstation cannot stop the centre. A workstation that
// dies between BEGIN and COMMIT (a power cut sends no FIN) would otherwise keep its locks, the audit
// chain's among them, until the server's TCP gave up on it.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs::store;

namespace {
std::string server_url() {
  const std::string url = rs::test::test_server_url();
  REQUIRE_MESSAGE(!url.empty(), "needs the test server: RS_TEST_PG_URL_FILE (ctest's unit_pg sets it)");
  return url;
}

std::string setting(Database& db, const char* name) {
  Statement q(db, "SELECT current_setting(?1)");
  q.bind(1, std::string(name));
  REQUIRE(q.step());
  return q.text(0);
}

// 1 when this connection can take the audit chain's lock now (and lets it go at once).
std::int64_t chain_lock_free(Database& db) {
  Statement q(db, "SELECT CASE WHEN pg_try_advisory_xact_lock(7165) THEN 1 ELSE 0 END");
  REQUIRE(q.step());
  return q.int64(0);
}
}  // namespace

TEST_SUITE("postgresql") {
  TEST_CASE("a connection carries the centre's time limits unless its URL names its own") {
    const std::string server = server_url();
    Database db(server);
    CHECK(setting(db, "idle_in_transaction_session_timeout") == "30s");
    CHECK(setting(db, "tcp_keepalives_idle") == "10");  // a TCP connection (127.0.0.1): the backend probes
    CHECK(setting(db, "tcp_keepalives_count") == "3");
    Database own(server + "?options=-c%20idle_in_transaction_session_timeout%3D5s");
    CHECK(setting(own, "idle_in_transaction_session_timeout") == "5s");
  }

  TEST_CASE("a workstation silent inside its transaction loses it, and the lock it held goes with it") {
    const std::string server = server_url();
    // The store's 30 s, shortened for the test through the URL.
    Database stuck(server + "?options=-c%20idle_in_transaction_session_timeout%3D1s");
    Database other(server);
    stuck.exec("BEGIN");
    {
      Statement lock(stuck, "SELECT pg_advisory_xact_lock(7165)");  // as an overturn's BEGIN takes it
      REQUIRE(lock.step());
    }
    CHECK(chain_lock_free(other) == 0);  // held: every writer that waits for it would wait
    std::this_thread::sleep_for(std::chrono::milliseconds(1600));
    CHECK(chain_lock_free(other) == 1);  // the server ended the silent session
    bool lost = false;
    try {
      stuck.exec("COMMIT");
    } catch (const DbError& e) {
      lost = e.connection_lost();
    }
    CHECK(lost);  // the workstation learns it as a lost connection, and reconnects
  }
}
