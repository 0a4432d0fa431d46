// Claims, leases, fencing tokens and skipping.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "core/util/clock.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

TEST_CASE("two connections racing for claims never hold the same order") {
  test::TempDb tmp;
  {
    Store s(tmp.path);
    for (int i = 0; i < 60; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  }
  std::mutex m;
  std::multiset<std::int64_t> claimed;
  std::set<std::int64_t> tokens;
  auto worker = [&](std::string owner) {
    Store s(tmp.path);
    while (auto c = s.claim_next(owner)) {
      std::lock_guard lock(m);
      claimed.insert(c->attempt.id);
      tokens.insert(c->lease.token);
    }
  };
  std::thread a(worker, "ws-a"), b(worker, "ws-b");
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
  auto first = s.claim_next("ws-a");
  REQUIRE(first);
  CHECK_FALSE(s.claim_next("ws-b"));  // held
  fake += 1500;                       // the lease runs out
  auto second = s.claim_next("ws-b");
  REQUIRE(second);
  CHECK(second->attempt.id == first->attempt.id);
  CHECK(second->lease.token > first->lease.token);

  DecisionRequest stale{first->attempt.id, first->lease.token, "alice", "ws-a", Outcome::Approve};
  try {
    s.decide(stale);
    FAIL("a stale token was accepted");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::StaleLease);
    CHECK(std::string(e.what()).find("stale") != std::string::npos);
    CHECK(std::string(e.what()).find("ws-b") != std::string::npos);
  }
  DecisionRequest fresh{second->attempt.id, second->lease.token, "bob", "ws-b", Outcome::Approve};
  CHECK(s.decide(fresh).image_number.size() == 16);
  set_clock_for_tests(nullptr);
}

TEST_CASE("an expired lease nobody took over still lets its holder decide") {
  test::TempDb tmp;
  Millis fake = 1'800'000'000'000;
  set_clock_for_tests([&] { return fake; });
  Store s(tmp.path, StoreOptions{1000});
  s.enqueue(test::order(1));
  auto c = s.claim_next("ws-a");
  fake += 5000;
  DecisionRequest r{c->attempt.id, c->lease.token, "alice", "ws-a", Outcome::Approve};
  CHECK_NOTHROW(s.decide(r));
  set_clock_for_tests(nullptr);
}

TEST_CASE("skipping releases the lease; renewing keeps it") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  s.enqueue(test::order(2));
  auto a = s.claim_next("ws-a");
  auto b = s.claim_next("ws-a");
  REQUIRE(a);
  REQUIRE(b);
  CHECK_FALSE(s.claim_next("ws-b"));
  CHECK(s.renew_lease(a->attempt.id, a->lease.token));
  CHECK_FALSE(s.renew_lease(a->attempt.id, a->lease.token + 999));
  s.release(a->attempt.id, a->lease.token);
  CHECK_FALSE(s.claim_next("ws-a"));  // the skipper does not get it straight back
  auto again = s.claim_next("ws-b");
  REQUIRE(again);
  CHECK(again->attempt.id == a->attempt.id);
  CHECK(again->order.order_no == a->order.order_no);
  // the skipped order keeps its place: oldest first
  auto rows = s.pending_queue();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].order_no == "T100001");
  CHECK(rows[0].lease_owner.value_or("") == "ws-b");
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
  auto a = s.claim_next("ws-a");
  REQUIRE(a);
  s.release(a->attempt.id, a->lease.token);
  CHECK_FALSE(s.claim_next("ws-a"));
  fake += 6000;
  auto back = s.claim_next("ws-a");
  REQUIRE(back);
  CHECK(back->attempt.id == a->attempt.id);
  set_clock_for_tests(nullptr);
}

TEST_CASE("handing back is not skipping: the same workstation may take the order again at once") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  auto a = s.claim_next("ws-a");
  REQUIRE(a);
  s.release(a->attempt.id, a->lease.token, Store::Release::HandBack);
  auto again = s.claim_next("ws-a");
  REQUIRE(again);
  CHECK(again->attempt.id == a->attempt.id);
  CHECK(again->lease.token > a->lease.token);
}

TEST_CASE("a workstation starting again takes back nothing by itself, but hand_back_all frees what it held") {
  test::TempDb tmp;
  Store s(tmp.path);
  for (int i = 1; i <= 3; ++i) s.enqueue(test::order(i));
  auto a = s.claim_next("alice@ws1");
  auto b = s.claim_next("alice@ws1");
  auto c = s.claim_next("bob@ws2");
  REQUIRE((a && b && c));
  CHECK_FALSE(s.claim_next("alice@ws1"));  // everything is held (alice's crashed run holds two)
  CHECK(s.hand_back_all("alice@ws1") == 2);
  CHECK(s.hand_back_all("alice@ws1") == 0);
  auto mine = s.claim_next("alice@ws1");
  REQUIRE(mine);
  CHECK(mine->attempt.id == a->attempt.id);  // oldest first, no skip hold-off
  // bob's lease is untouched, and alice's old token can no longer decide
  int bobs = 0;
  for (const auto& row : s.pending_queue()) bobs += row.lease_owner.value_or("") == "bob@ws2";
  CHECK(bobs == 1);
  const DecisionRequest stale{b->attempt.id, b->lease.token, "alice", "ws1", Outcome::Approve};
  CHECK_THROWS_AS(s.decide(stale), store::Refusal);
}

namespace {
// An approval of `c` by alice that also claims the next order for ws-a.
DecisionRequest approve_and_claim(const Claim& c) {
  DecisionRequest r;
  r.attempt_id = c.attempt.id;
  r.lease_token = c.lease.token;
  r.reviewer = "alice";
  r.workstation = "ws";
  r.claim_next_for = "ws-a";
  return r;
}
}  // namespace

TEST_CASE("a decision can claim the next order in its own transaction") {
  test::TempDb tmp;
  Store s(tmp.path);
  for (int i = 0; i < 3; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  auto first = s.claim_next("ws-a");
  REQUIRE(first);

  DecisionRequest r = approve_and_claim(*first);
  auto result = s.decide(r);
  REQUIRE(result.next_lease);
  CHECK(result.next_lease->owner == "ws-a");
  CHECK(result.next_lease->token > first->lease.token);  // a fresh fencing token
  CHECK(result.next_lease->attempt_id != first->attempt.id);

  // The lease is live: the queue names its holder, and nobody else gets that order.
  int held = 0;
  for (const auto& row : s.pending_queue()) held += row.lease_owner == std::optional<std::string>("ws-a");
  CHECK(held == 1);
  Store other(tmp.path);
  auto theirs = other.claim_next("ws-b");
  REQUIRE(theirs);
  CHECK(theirs->attempt.id != result.next_lease->attempt_id);

  // Reading it back gives the whole order, and its holder can decide it.
  Claim next = s.load_claim(*result.next_lease);
  CHECK(next.attempt.id == result.next_lease->attempt_id);
  CHECK(next.order.order_no == "T100001");  // the oldest one left
  CHECK_FALSE(next.photo.empty());
  auto second = s.decide(approve_and_claim(next));
  CHECK(second.order_no == "T100001");
  CHECK_FALSE(second.next_lease);  // ws-b holds the last one: nothing left to claim
}

TEST_CASE("a refused decision claims nothing either") {
  test::TempDb tmp;
  Store s(tmp.path);
  for (int i = 0; i < 2; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  auto c = s.claim_next("ws-a");
  REQUIRE(c);
  DecisionRequest r = approve_and_claim(*c);
  r.outcome = Outcome::Reject;  // no reason: refused
  CHECK_THROWS_AS(s.decide(r), Refusal);
  int held = 0;
  for (const auto& row : s.pending_queue()) held += row.lease_owner.has_value();
  CHECK(held == 1);  // only the order it already held
}
