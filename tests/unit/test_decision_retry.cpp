// A decision sent again with its key (a workstation whose connection went away mid-commit) is the
// first decision again, writing nothing; on SQLite, and on PostgreSQL with RS_TEST_PG_URL_FILE.
#include <doctest/doctest.h>

#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t count(Store& s, const char* sql) {
  Statement q(s.database(), sql);
  q.step();
  return q.int64(0);
}

// Every row a decision writes, so "nothing written" is checked across all of them.
std::int64_t rows_written(Store& s) {
  return count(s, "SELECT COUNT(*) FROM decisions") + count(s, "SELECT COUNT(*) FROM image_numbers") +
         count(s, "SELECT COUNT(*) FROM notices") + count(s, "SELECT COUNT(*) FROM outbox") +
         count(s, "SELECT COUNT(*) FROM audit_log") + count(s, "SELECT COUNT(*) FROM decision_reasons");
}
}  // namespace

TEST_CASE("an approval retried with its key gives the same number and writes nothing") {
  test::TempDb tmp;
  Store s(tmp.path);
  for (int i = 1; i <= 3; ++i) s.enqueue(test::order(i, "广州市"));
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws-a");
  REQUIRE(c);
  DecisionRequest r{c->attempt.id, c->lease.token, "ws-a", Outcome::Approve};
  r.request_key = "0123456789abcdef0123456789abcdef";
  r.claim_next = true;
  const auto first = s.decide(alice, r);
  CHECK_FALSE(first.replayed);
  REQUIRE(first.next_lease);
  const auto before = rows_written(s);
  const auto again = s.decide(alice, r);
  CHECK(again.replayed);
  CHECK(again.decision_id == first.decision_id);
  CHECK(again.image_number == first.image_number);
  CHECK(again.expires_on == first.expires_on);
  CHECK(again.order_no == first.order_no);
  CHECK(again.attempt_no == first.attempt_no);
  CHECK(again.outcome == Outcome::Approve);
  CHECK(again.review_ms == first.review_ms);
  // The order the first commit claimed for this workstation comes back, not a second one.
  REQUIRE(again.next_lease);
  CHECK(again.next_lease->attempt_id == first.next_lease->attempt_id);
  CHECK(again.next_lease->token == first.next_lease->token);
  CHECK(rows_written(s) == before);
  CHECK(count(s, "SELECT COUNT(*) FROM attempts WHERE lease_owner IS NOT NULL AND status = 'pending'") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions WHERE request_key = '0123456789abcdef0123456789abcdef'") == 1);
}

TEST_CASE("a rejection retried with its key is the same notice without its token") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws-a");
  REQUIRE(c);
  DecisionRequest r{c->attempt.id, c->lease.token, "ws-a", Outcome::Reject};
  r.reasons = {"BLURRED"};
  r.request_key = "k-1";
  const auto first = s.decide(alice, r);
  CHECK(first.notice_token.size() == 32);
  const auto before = rows_written(s);
  const auto again = s.decide(alice, r);
  CHECK(again.replayed);
  CHECK(again.decision_id == first.decision_id);
  CHECK(again.outcome == Outcome::Reject);
  CHECK(again.notice_token.empty());  // only its digest is kept
  CHECK(again.image_number.empty());
  CHECK(rows_written(s) == before);
}

TEST_CASE("a request key is checked, and never answers for another attempt or reviewer") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  s.enqueue(test::order(2));
  const auto alice = test::reviewer(s, "alice");
  const auto bob = test::reviewer(s, "bob");
  auto a = s.claim_next(alice, "ws-a");
  auto b = s.claim_next(bob, "ws-b");
  REQUIRE(a);
  REQUIRE(b);
  DecisionRequest r{a->attempt.id, a->lease.token, "ws-a", Outcome::Approve};
  r.request_key = "bad key with spaces";
  try {
    s.decide(alice, r);
    FAIL("a key with spaces was taken");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::BadText);
    CHECK(std::string(e.what()).find("request key") != std::string::npos);
  }
  r.request_key = std::string(65, 'a');
  CHECK_THROWS_AS(s.decide(alice, r), Refusal);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 0);
  r.request_key = "shared";
  s.decide(alice, r);
  // Bob's workstation sending alice's key (a bug): refused, his order stays undecided.
  DecisionRequest rb{b->attempt.id, b->lease.token, "ws-b", Outcome::Approve};
  rb.request_key = "shared";
  try {
    s.decide(bob, rb);
    FAIL("another attempt's key was answered");
  } catch (const Refusal& e) {
    CHECK(std::string(e.what()).find("belongs to decision") != std::string::npos);
  }
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 1);
  // Without a key (the command line) nothing changes: a second decide is refused as before.
  DecisionRequest plain{a->attempt.id, a->lease.token, "ws-a", Outcome::Approve};
  CHECK_THROWS_AS(s.decide(alice, plain), Refusal);
  rb.request_key.clear();
  s.decide(bob, rb);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions WHERE request_key IS NULL") == 1);
}
