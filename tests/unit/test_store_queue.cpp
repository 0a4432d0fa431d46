// Claims, leases, fencing tokens and skipping.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "core/store/sqlite.hpp"
#include "core/util/clock.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t count(Store& s, const std::string& sql) {
  Statement q(s.database(), sql.c_str());
  q.step();
  return q.int64(0);
}
}  // namespace

TEST_CASE("two connections racing for claims never hold the same order") {
  test::TempDb tmp;
  {
    Store s(tmp.path);
    for (int i = 0; i < 60; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  }
  Store setup(tmp.path);
  const auto alice = test::reviewer(setup, "alice"), bob = test::reviewer(setup, "bob");
  std::mutex m;
  std::multiset<std::int64_t> claimed;
  std::set<std::int64_t> tokens;
  auto worker = [&](const accounts::Actor& reviewer, std::string workstation) {
    Store s(tmp.path);
    while (auto c = s.claim_next(reviewer, workstation)) {
      std::lock_guard lock(m);
      claimed.insert(c->attempt.id);
      tokens.insert(c->lease.token);
    }
  };
  std::thread a(worker, std::cref(alice), "ws-a"), b(worker, std::cref(bob), "ws-b");
  a.join();
  b.join();
  CHECK(claimed.size() == 60);
  CHECK(std::set<std::int64_t>(claimed.begin(), claimed.end()).size() == 60);  // no attempt twice
  CHECK(tokens.size() == 60);                                                  // tokens unique
}

TEST_CASE("an expired lease puts the order back, and the old holder's token is stale") {
  test::TempDb tmp;
  Millis fake = 1'800'000'000'000;
  set_clock_for_tests([&] { return fake; });
  Store s(tmp.path, StoreOptions{1000});
  s.enqueue(test::order(1));
  const auto alice = test::reviewer(s, "alice"), bob = test::reviewer(s, "bob");
  auto first = s.claim_next(alice, "ws-a");
  REQUIRE(first);
  CHECK_FALSE(s.claim_next(bob, "ws-b"));  // held
  fake += 1500;                            // the lease runs out
  auto second = s.claim_next(bob, "ws-b");
  REQUIRE(second);
  CHECK(second->attempt.id == first->attempt.id);
  CHECK(second->lease.token > first->lease.token);

  DecisionRequest stale{first->attempt.id, first->lease.token, "ws-a", Outcome::Approve};
  try {
    s.decide(alice, stale);
    FAIL("a stale token was accepted");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::StaleLease);
    CHECK(std::string(e.what()).find("stale") != std::string::npos);
    CHECK(std::string(e.what()).find("ws-b") != std::string::npos);
  }
  DecisionRequest fresh{second->attempt.id, second->lease.token, "ws-b", Outcome::Approve};
  CHECK(s.decide(bob, fresh).image_number.size() == 16);
  set_clock_for_tests(nullptr);
}

TEST_CASE("an expired lease nobody took over still lets its holder decide") {
  test::TempDb tmp;
  Millis fake = 1'800'000'000'000;
  set_clock_for_tests([&] { return fake; });
  Store s(tmp.path, StoreOptions{1000});
  s.enqueue(test::order(1));
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws-a");
  fake += 5000;
  DecisionRequest r{c->attempt.id, c->lease.token, "ws-a", Outcome::Approve};
  CHECK_NOTHROW(s.decide(alice, r));
  set_clock_for_tests(nullptr);
}

TEST_CASE("skipping releases the lease; renewing keeps it") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  s.enqueue(test::order(2));
  const auto alice = test::reviewer(s, "alice"), bob = test::reviewer(s, "bob");
  auto a = s.claim_next(alice, "ws-a");
  auto b = s.claim_next(alice, "ws-a");
  REQUIRE(a);
  REQUIRE(b);
  CHECK_FALSE(s.claim_next(bob, "ws-b"));
  CHECK(s.renew_lease(alice, a->attempt.id, a->lease.token));
  CHECK_FALSE(s.renew_lease(alice, a->attempt.id, a->lease.token + 999));
  s.release(alice, a->attempt.id, a->lease.token);
  CHECK_FALSE(s.claim_next(alice, "ws-a"));  // the skipper does not get it straight back
  auto again = s.claim_next(bob, "ws-b");
  REQUIRE(again);
  CHECK(again->attempt.id == a->attempt.id);
  CHECK(again->order.order_no == a->order.order_no);
  // the skipped order keeps its place: oldest first
  auto rows = s.pending_queue();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].order_no == "T100001");
  CHECK(rows[0].lease_owner.value_or("") == "bob@ws-b");
}

TEST_CASE("queue order: resubmissions first, then oldest submission first") {
  test::TempDb tmp;
  Store s(tmp.path);
  auto late = test::order(9);
  late.submitted_at = "2026-11-21T10:00:00+08:00";
  auto early = test::order(3);
  early.submitted_at = "2026-11-20T09:00:00Z";
  s.enqueue(late);
  s.enqueue(early);
  auto rows = s.pending_queue();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].order_no == early.order_no);
  auto stats = s.stats("nobody");
  CHECK(stats.pending == 2);
  CHECK(stats.oldest_wait_ms > 0);
}

TEST_CASE("a skipped order comes back to its skipper after the hold-off") {
  test::TempDb tmp;
  Millis fake = 1'800'000'000'000;
  set_clock_for_tests([&] { return fake; });
  Store s(tmp.path, StoreOptions{60000, 5000});
  s.enqueue(test::order(1));
  const auto alice = test::reviewer(s, "alice");
  auto a = s.claim_next(alice, "ws-a");
  REQUIRE(a);
  s.release(alice, a->attempt.id, a->lease.token);
  CHECK_FALSE(s.claim_next(alice, "ws-a"));
  fake += 6000;
  auto back = s.claim_next(alice, "ws-a");
  REQUIRE(back);
  CHECK(back->attempt.id == a->attempt.id);
  set_clock_for_tests(nullptr);
}

TEST_CASE("handing back is not skipping: the same workstation may take the order again at once") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  const auto alice = test::reviewer(s, "alice");
  auto a = s.claim_next(alice, "ws-a");
  REQUIRE(a);
  s.release(alice, a->attempt.id, a->lease.token, Store::Release::HandBack);
  auto again = s.claim_next(alice, "ws-a");
  REQUIRE(again);
  CHECK(again->attempt.id == a->attempt.id);
  CHECK(again->lease.token > a->lease.token);
}

TEST_CASE("a workstation starting again takes back nothing by itself, but hand_back_all frees what it held") {
  test::TempDb tmp;
  Store s(tmp.path);
  for (int i = 1; i <= 3; ++i) s.enqueue(test::order(i));
  const auto alice = test::reviewer(s, "alice"), bob = test::reviewer(s, "bob");
  auto a = s.claim_next(alice, "ws1");
  auto b = s.claim_next(alice, "ws1");
  auto c = s.claim_next(bob, "ws2");
  REQUIRE((a && b && c));
  CHECK(a->lease.owner == "alice@ws1");
  CHECK_FALSE(s.claim_next(alice, "ws1"));  // everything is held (alice's crashed run holds two)
  CHECK(s.hand_back_all(alice, "alice@ws1") == 2);
  CHECK(s.hand_back_all(alice, "alice@ws1") == 0);
  auto mine = s.claim_next(alice, "ws1");
  REQUIRE(mine);
  CHECK(mine->attempt.id == a->attempt.id);  // oldest first, no skip hold-off
  // bob's lease is untouched, and alice's old token can no longer decide
  int bobs = 0;
  for (const auto& row : s.pending_queue()) bobs += row.lease_owner.value_or("") == "bob@ws2";
  CHECK(bobs == 1);
  const DecisionRequest stale{b->attempt.id, b->lease.token, "ws1", Outcome::Approve};
  CHECK_THROWS_AS(s.decide(alice, stale), store::Refusal);
}

namespace {
// An approval of `c` (claimed at ws-a) that also claims the next order for its reviewer at ws-a.
DecisionRequest approve_and_claim(const Claim& c) {
  DecisionRequest r;
  r.attempt_id = c.attempt.id;
  r.lease_token = c.lease.token;
  r.workstation = "ws-a";
  r.claim_next = true;
  return r;
}
}  // namespace

TEST_CASE("a decision can claim the next order in its own transaction") {
  test::TempDb tmp;
  Store s(tmp.path);
  for (int i = 0; i < 3; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  const auto alice = test::reviewer(s, "alice"), bob = test::reviewer(s, "bob");
  auto first = s.claim_next(alice, "ws-a");
  REQUIRE(first);

  DecisionRequest r = approve_and_claim(*first);
  auto result = s.decide(alice, r);
  REQUIRE(result.next_lease);
  CHECK(result.next_lease->owner == "alice@ws-a");
  CHECK(result.next_lease->token > first->lease.token);  // a fresh fencing token
  CHECK(result.next_lease->attempt_id != first->attempt.id);

  // The lease is live: the queue names its holder, and nobody else gets that order.
  int held = 0;
  for (const auto& row : s.pending_queue()) held += row.lease_owner == std::optional<std::string>("alice@ws-a");
  CHECK(held == 1);
  Store other(tmp.path);
  auto theirs = other.claim_next(bob, "ws-b");
  REQUIRE(theirs);
  CHECK(theirs->attempt.id != result.next_lease->attempt_id);

  // Reading it back gives the whole order, and its holder can decide it.
  Claim next = s.load_claim(*result.next_lease);
  CHECK(next.attempt.id == result.next_lease->attempt_id);
  CHECK(next.order.order_no == "T100001");  // the oldest one left
  CHECK_FALSE(next.photo.empty());
  auto second = s.decide(alice, approve_and_claim(next));
  CHECK(second.order_no == "T100001");
  CHECK_FALSE(second.next_lease);  // ws-b holds the last one: nothing left to claim
}

TEST_CASE("a refused decision claims nothing either") {
  test::TempDb tmp;
  Store s(tmp.path);
  for (int i = 0; i < 2; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws-a");
  REQUIRE(c);
  DecisionRequest r = approve_and_claim(*c);
  r.outcome = Outcome::Reject;  // no reason: refused
  CHECK_THROWS_AS(s.decide(alice, r), Refusal);
  int held = 0;
  for (const auto& row : s.pending_queue()) held += row.lease_owner.has_value();
  CHECK(held == 1);  // only the order it already held
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'claim'") == 1);
}

TEST_CASE("claims, skips and hand-backs are audited under the reviewer's name") {
  test::TempDb tmp;
  Store s(tmp.path);
  for (int i = 0; i < 4; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  const auto alice = test::reviewer(s, "alice");
  auto a = s.claim_next(alice, "ws-a");
  REQUIRE(a);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'claim' AND actor = 'alice' AND subject = '" +
                     std::to_string(a->attempt.id) + "' AND " + test::json_text(s, "detail", "owner") +
                     " = 'alice@ws-a' AND " + test::json_text(s, "detail", "lease_token") + " = '" +
                     std::to_string(a->lease.token) + "'") == 1);
  s.release(alice, a->attempt.id, a->lease.token);
  auto b = s.claim_next(alice, "ws-a");
  REQUIRE(b);
  s.release(alice, b->attempt.id, b->lease.token, Store::Release::HandBack);
  s.release(alice, b->attempt.id, b->lease.token, Store::Release::HandBack);  // no longer held: no row
  auto c = s.claim_next(alice, "ws-a");
  auto d = s.claim_next(alice, "ws-a");
  REQUIRE((c && d));
  CHECK(s.hand_back_all(alice, "alice@ws-a") == 2);
  CHECK(s.hand_back_all(alice, "alice@ws-a") == 0);  // nothing handed back: no row
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'claim' AND actor = 'alice'") == 4);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'skip' AND actor = 'alice' AND subject = '" +
                     std::to_string(a->attempt.id) + "'") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'hand_back' AND actor = 'alice' AND subject = '" +
                     std::to_string(b->attempt.id) + "'") == 1);
  CHECK(count(s,
              "SELECT COUNT(*) FROM audit_log WHERE action = 'hand_back_all' AND actor = 'alice' AND "
              "subject = 'alice@ws-a' AND " +
                  test::json_text(s, "detail", "orders") + " = '2'") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE actor = 'workstation'") == 0);
  CHECK_FALSE(s.audit_verify().problem);
}
