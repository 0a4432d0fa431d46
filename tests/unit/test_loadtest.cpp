// `reviewstation loadtest` (issue 18): three workstations on one SQLite file for about a second
// decide orders with no attempt decided twice, no number issued twice and no serial skipped, and
// the audit log still verifies; a database with orders or accounts is refused; and the checks'
// SQL does catch each fault when one is planted by hand.
#include <doctest/doctest.h>

#include "core/bench/loadtest.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"
#include "table_dump.hpp"

using namespace rs;
using namespace rs::store;
using test::one;

namespace {
bench::LoadTestResult small_run(const std::string& db, std::int64_t orders = 4000, double seconds = 1,
                                bool prefetch = false) {
  bench::LoadTestOptions o;
  o.db = db;
  o.prefetch = prefetch;
  o.workstations = 3;
  o.seconds = seconds;
  o.orders = orders;  // 4000: more than three workstations decide here in a second
  return bench::run_load_test(o);
}

void plant(Store& s, const std::string& sql) { s.database().exec(sql.c_str()); }
}  // namespace

TEST_CASE("loadtest: three workstations for a second keep every invariant and the audit log") {
  test::TempDb tmp;
  const auto r = small_run(tmp.path);
  INFO("decisions " << r.decisions << ", claims " << r.claims << ", empty " << r.empty_claims);
  CHECK(r.engine == (tmp.postgresql() ? "postgresql" : "sqlite"));
  CHECK(r.decisions > 0);
  CHECK(r.claims == r.decisions);
  CHECK(r.approvals + r.rejections == r.decisions);
  CHECK(r.refusals == 0);
  CHECK(r.decisions_per_s > 0);
  CHECK(r.claim_ms_p50 > 0);
  CHECK(r.claim_ms_p50 <= r.claim_ms_p99);
  CHECK(r.decide_ms_p50 <= r.decide_ms_p99);
  CHECK(r.check.decisions == r.decisions);
  CHECK(r.check.double_decisions == 0);
  CHECK(r.check.duplicate_numbers == 0);
  CHECK(r.check.serial_gaps == 0);
  CHECK(r.passed());
  // Where the server's sessions spent the run: sampled on PostgreSQL only, shares adding up to 1,
  // the largest first, each state named as pg_stat_activity gives it.
  if (tmp.postgresql()) {
    REQUIRE_FALSE(r.waits.empty());
    CHECK(r.wait_samples >= 3);  // three workstations, sampled every 50 ms for a second
    double all = 0;
    for (const auto& [state, share] : r.waits) {
      CHECK_FALSE(state.empty());
      all += share;
    }
    CHECK(all == doctest::Approx(1.0));
    for (std::size_t i = 1; i < r.waits.size(); ++i) CHECK(r.waits[i - 1].second >= r.waits[i].second);
  } else {
    CHECK(r.waits.empty());
    CHECK(r.wait_samples == 0);
  }

  Store s(tmp.path);
  CHECK(one(s, "SELECT COUNT(*) FROM orders") == r.orders);
  CHECK(r.orders == 4000 + 2000 * r.refills);
  CHECK(one(s, "SELECT COUNT(*) FROM photos") == r.orders);  // a distinct photo per order
  CHECK(one(s, "SELECT COUNT(*) FROM users") == 4);          // load-admin, load01..load03
  CHECK(one(s, "SELECT COUNT(*) FROM image_numbers") == r.approvals);
  CHECK(one(s, "SELECT COUNT(DISTINCT reviewer) FROM decisions") == 3);
  // Rejections carry one or two real reasons; roughly a fifth of the decisions.
  CHECK(one(s,
            "SELECT COUNT(*) FROM decisions d WHERE decision = 'rejected' AND NOT EXISTS "
            "(SELECT 1 FROM decision_reasons r WHERE r.decision_id = d.id)") == 0);
  CHECK(one(s, "SELECT MAX(position) FROM decision_reasons") <= 1);
  CHECK(r.rejections * 10 > r.decisions);
  CHECK(r.rejections * 10 < r.decisions * 3);
  const auto audit = s.audit_verify();
  if (audit.problem) MESSAGE(audit.problem->kind << ": " << audit.problem->what);
  CHECK_FALSE(audit.problem);
  CHECK(audit.decisions == r.decisions);

  // A second run on the same file is refused, naming the database, and writes nothing.
  const auto orders = one(s, "SELECT COUNT(*) FROM orders");
  const std::string refusal = tmp.path + " already holds " + std::to_string(r.orders) + " orders and 4 accounts";
  CHECK_THROWS_WITH_AS(small_run(tmp.path), doctest::Contains(refusal.c_str()), bench::NotEmpty);
  CHECK(one(s, "SELECT COUNT(*) FROM orders") == orders);
}

TEST_CASE("loadtest --prefetch: each decision claims the next order, as the reviewer's workstation does") {
  test::TempDb tmp;
  const auto r = small_run(tmp.path, 4000, 1, true);
  INFO("decisions " << r.decisions << ", claims " << r.claims << ", with a decision " << r.claims_with_decision);
  CHECK(r.prefetch);
  CHECK(r.decisions > 3);
  CHECK(r.claims == 3);  // each workstation's first order only
  // Every decision but the last of each workstation brought its next order (the three still held
  // at the end are not decided).
  CHECK(r.claims_with_decision == r.decisions);
  CHECK(r.passed());
  Store s(tmp.path);
  CHECK(one(s, "SELECT COUNT(*) FROM attempts WHERE status = 'pending' AND lease_owner IS NOT NULL") == 3);
  CHECK(one(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'claim'") == r.claims + r.claims_with_decision);
  CHECK_FALSE(s.audit_verify().problem);
}

TEST_CASE("loadtest: a queue that runs dry is refilled while the workstations work") {
  test::TempDb tmp;
  // Three seconds: a refill of 2,000 orders takes about one on the PostgreSQL test server.
  const auto r = small_run(tmp.path, 30, 3);
  INFO("decisions " << r.decisions << ", refills " << r.refills);
  CHECK(r.refills >= 1);
  CHECK(r.empty_claims >= r.refills);
  CHECK(r.orders == 30 + 2000 * r.refills);
  CHECK(r.decisions > 30);
  CHECK(r.passed());
  Store s(tmp.path);
  CHECK(one(s, "SELECT COUNT(*) FROM orders") == r.orders);
  CHECK_FALSE(s.audit_verify().problem);
}

TEST_CASE("loadtest: an account alone makes the database not empty") {
  test::TempDb tmp;
  {
    Store s(tmp.path);
    s.init_admin("someone", "demo");
  }
  CHECK_THROWS_AS(small_run(tmp.path), bench::NotEmpty);
}

TEST_CASE("loadtest: the checks find a double decision, a duplicate number and a serial gap planted by hand") {
  test::TempDb tmp;
  const auto r = small_run(tmp.path);
  REQUIRE(r.approvals > 0);
  REQUIRE(r.rejections > 0);
  Store s(tmp.path);
  REQUIRE(s.load_check().double_decisions == 0);
  // Each fault goes into its own copy of the run's database, so each check is seen alone.
  int copies = 0;
  auto planted = [&](const std::string& sql) {
    const std::string copy = (tmp.dir / ("copy" + std::to_string(++copies) + ".db")).string();
    plant(s, "VACUUM INTO '" + copy + "'");
    Store c(copy);
    plant(c, sql);
    return c.load_check();
  };
  auto found = [](const LoadCheck& c) {
    return std::vector<std::int64_t>{c.double_decisions, c.duplicate_numbers, c.serial_gaps};
  };
  using V = std::vector<std::int64_t>;

  // An order approved in two attempts.
  CHECK(found(planted("INSERT INTO attempts(order_id, attempt_no, photo_id, submitted_at, submitted_ms, status) "
                      "SELECT order_id, 2, photo_id, submitted_at, submitted_ms, 'approved' FROM attempts "
                      "WHERE id = (SELECT MIN(attempt_id) FROM decisions WHERE decision = 'approved')")) == V{1, 0, 0});
  // An approved attempt given a second valid number (serial 1 of a day of its own, with its
  // counter row): no duplicate, no gap, but a double decision.
  CHECK(found(planted("INSERT INTO serial_counters(city_letter, issue_date, last_serial) VALUES ('Z', '991231', 1);"
                      "INSERT INTO image_numbers(number, decision_id, attempt_id, doc_group, city_letter, issue_date, "
                      "expires_on) SELECT 'GDIZ99123100001K', n.decision_id, n.attempt_id, 'I', 'Z', '2099-12-31', "
                      "'2100-06-28' FROM image_numbers n ORDER BY n.number LIMIT 1")) == V{1, 0, 0});
  // A city's serial of a day issued twice, under another document group, to a rejected attempt.
  CHECK(found(planted("INSERT INTO image_numbers(number, decision_id, attempt_id, doc_group, city_letter, "
                      "issue_date, expires_on) SELECT SUBSTR(n.number, 1, 2) || 'X' || SUBSTR(n.number, 4), d.id, "
                      "d.attempt_id, 'X', n.city_letter, n.issue_date, n.expires_on FROM image_numbers n, decisions d "
                      "WHERE d.decision = 'rejected' ORDER BY n.number, d.id LIMIT 1")) == V{0, 1, 0});
  // One number named by two decisions.
  CHECK(found(planted("UPDATE decisions SET image_number = (SELECT MIN(number) FROM image_numbers) "
                      "WHERE id = (SELECT MIN(id) FROM decisions WHERE decision = 'rejected')")) == V{0, 1, 0});
  // The highest serial of 深圳 (B) moved up by one: the serial below it is missing.
  CHECK(found(planted("UPDATE image_numbers SET number = SUBSTR(number, 1, 10) || "
                      "SUBSTR(CAST(100001 + CAST(SUBSTR(number, 11, 5) AS INTEGER) AS TEXT), 2, 5) || "
                      "SUBSTR(number, 16) WHERE number = (SELECT number FROM image_numbers WHERE city_letter = 'B' "
                      "ORDER BY SUBSTR(number, 11, 5) DESC LIMIT 1)")) == V{0, 0, 1});
  // A counter three serials ahead of the numbers it issued.
  CHECK(found(planted("UPDATE serial_counters SET last_serial = last_serial + 3 WHERE city_letter = 'B'")) ==
        V{0, 0, 3});
}
