// The demo's decided history goes in through the store's own calls: the counts add up, every
// decision is in the past, and the audit log verifies.
#include <doctest/doctest.h>

#include "core/demo/demo_accounts.hpp"
#include "core/demo/demo_history.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;

TEST_CASE("demo history: decisions by r1-r3 in the past, second reviews, overturns, an intact audit log") {
  test::TempDb tmp;
  {
    store::Store s(tmp.path);
    REQUIRE(demo::ensure_demo_accounts(s));
  }
  const std::vector<std::vector<std::uint8_t>> photos = {test::tiny_jpeg(1), test::tiny_jpeg(2)};
  const Millis before = now_ms();
  const auto h = demo::fill_demo_history(tmp.path, photos, 2, 40);
  CHECK(h.decisions == 80);
  CHECK(h.second_reviews > 0);
  CHECK(h.overturns == 3);
  store::Store s(tmp.path);
  store::Statement q(s.database(),
                     "SELECT COUNT(*), MAX(decided_ms), COUNT(DISTINCT reviewer) FROM decisions WHERE reviewer IN "
                     "('r1', 'r2', 'r3')");
  REQUIRE(q.step());
  CHECK(q.int64(0) == 80);
  CHECK(q.int64(1) < before);  // the history happened before today
  CHECK(q.int64(2) == 3);
  CHECK(now_ms() >= before);  // the clock is back to the real one
  const auto sup = s.sign_in("sup", demo::kDemoPassword);
  const auto report = s.audit_verify(sup, std::nullopt);
  CHECK_FALSE(report.problem);
  CHECK(s.figures(sup, {}).reviewers.size() == 3);
}
