// PostgreSQL only (ctest's unit_pg; `unit` leaves the "postgresql" suite out): the audit inbox of
// db/migrations_pg/005. A claim or decision never waits for the audit chain's lock: while another
// holds it, its rows wait in the inbox, `audit verify` still checks them against their tables, and
// the next seal chains them, in the order they were written.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t count(Database& db, const char* sql) {
  Statement q(db, sql);
  REQUIRE(q.step());
  return q.int64(0);
}

// A writer of the Immediate kind (an overturn, an intake batch) holding the chain's lock.
struct ChainHolder {
  Database db;
  explicit ChainHolder(const std::string& url) : db(url) {
    db.exec("BEGIN");
    Statement lock(db, "SELECT pg_advisory_xact_lock(7165)");
    REQUIRE(lock.step());
  }
  void let_go() { db.exec("ROLLBACK"); }
};

DecisionRequest approval(const Claim& c, const std::string& station) {
  return DecisionRequest{c.attempt.id, c.lease.token, station, Outcome::Approve};
}
}  // namespace

TEST_SUITE("postgresql") {
  TEST_CASE("a decision does not wait for the chain's lock; verify checks its waiting rows; a seal chains them") {
    test::TempDb tmp;
    REQUIRE_MESSAGE(!tmp.server.empty(), "needs the test server: RS_TEST_PG_URL_FILE (ctest's unit_pg sets it)");
    Store s(tmp.path);
    for (int i = 1; i <= 3; ++i) s.enqueue(test::order(i, "深圳市"));
    const auto alice = test::reviewer(s, "alice");
    const auto sup = test::supervisor(s);
    const auto chained_before = count(s.database(), "SELECT COUNT(*) FROM audit_log");
    CHECK(count(s.database(), "SELECT COUNT(*) FROM audit_inbox") == 0);  // alone, every writer chains at once

    ChainHolder holder(tmp.path);
    auto c = s.claim_next(alice, "ws-a");  // would hang here if a claim waited for the lock
    REQUIRE(c);
    const auto decided = s.decide(alice, approval(*c, "ws-a"));
    CHECK_FALSE(decided.image_number.empty());
    // The claim's and the decision's rows are committed, in the inbox, not yet chained.
    CHECK(count(s.database(), "SELECT COUNT(*) FROM audit_inbox") == 2);
    CHECK(count(s.database(), "SELECT COUNT(*) FROM audit_log") == chained_before);

    Store checker(tmp.path);
    const auto during = checker.audit_verify(sup, std::nullopt);  // does not wait for the holder either
    CHECK_FALSE(during.problem);
    CHECK(during.waiting_rows == 2);
    CHECK(during.decisions == 1);  // the decision is matched against its waiting "decide" row
    CHECK(during.rows == chained_before);

    // A waiting row that does not match its table is found as one in the chain would be.
    s.database().exec("UPDATE decisions SET reviewer = 'mallory'");
    const auto tampered = checker.audit_verify(sup, std::nullopt);
    REQUIRE(tampered.problem);
    CHECK(tampered.problem->row == chained_before + 2);  // the id the seal will give the decide row
    s.database().exec("UPDATE decisions SET reviewer = 'alice'");

    holder.let_go();
    const auto after = checker.audit_verify(sup, std::nullopt);  // its seal chains the inbox
    CHECK_FALSE(after.problem);
    CHECK(after.waiting_rows == 0);
    CHECK(after.rows == chained_before + 2);
    CHECK(count(s.database(), "SELECT COUNT(*) FROM audit_inbox") == 0);
    // In the order they were written: the claim before the decision.
    Statement q(s.database(), "SELECT action FROM audit_log WHERE id > ?1 ORDER BY id");
    q.bind(1, chained_before);
    std::vector<std::string> actions;
    while (q.step()) actions.push_back(q.text(0));
    CHECK(actions == std::vector<std::string>{"claim", "decide"});
  }

  TEST_CASE("eight workstations deciding at once leave one unbroken chain with every row") {
    test::TempDb tmp;
    REQUIRE_MESSAGE(!tmp.server.empty(), "needs the test server: RS_TEST_PG_URL_FILE (ctest's unit_pg sets it)");
    constexpr int kStations = 8, kEach = 12;
    {
      Store s(tmp.path);
      for (int i = 1; i <= kStations * kEach; ++i) s.enqueue(test::order(i, i % 3 ? "深圳市" : "广州市"));
      for (int w = 0; w < kStations; ++w) test::account(s, "r" + std::to_string(w), {accounts::Role::Reviewer});
    }
    Store counter(tmp.path);
    const auto chained_before = count(counter.database(), "SELECT COUNT(*) FROM audit_log");
    std::vector<std::thread> stations;
    std::vector<int> decided(kStations, 0);
    for (int w = 0; w < kStations; ++w)
      stations.emplace_back([&, w] {
        Store s(tmp.path);
        const auto me = s.sign_in("r" + std::to_string(w), "demo");
        const std::string station = "ws-" + std::to_string(w);
        while (auto c = s.claim_next(me, station)) {
          s.decide(me, approval(*c, station));
          ++decided[std::size_t(w)];
        }
      });
    for (auto& t : stations) t.join();
    int total = 0;
    for (int n : decided) total += n;
    CHECK(total == kStations * kEach);
    const auto sup = test::supervisor(counter);
    const auto report = counter.audit_verify(sup, std::nullopt);
    CHECK_FALSE(report.problem);
    CHECK(report.decisions == kStations * kEach);
    // Every claim, decision and sign-in is in the chain or waiting, and none twice.
    const auto logged = report.rows + report.waiting_rows - chained_before;
    CHECK(logged >= 2 * kStations * kEach + kStations);
    CHECK(count(counter.database(), "SELECT COUNT(*) FROM audit_log WHERE action = 'decide'") +
              count(counter.database(), "SELECT COUNT(*) FROM audit_inbox WHERE action = 'decide'") ==
          kStations * kEach);
    counter.audit_head(sup);  // waits for the lock and chains the rest
    CHECK(count(counter.database(), "SELECT COUNT(*) FROM audit_inbox") == 0);
  }
}
