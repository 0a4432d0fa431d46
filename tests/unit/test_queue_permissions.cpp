// Who may work the queue, checked in the store: claiming, renewing, skipping, handing back and
// deciding need the reviewer role. A supervisor, a trainer or an admin without it is refused with a
// message naming the role, and nothing is written: no lease, no decision, no audit row. A reviewer
// decides only under their own lease, whoever's token they hold; a disabled reviewer cannot sign in.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;
using accounts::Role;

namespace {
std::int64_t count(Store& s, const std::string& sql) {
  Statement q(s.database(), sql.c_str());
  q.step();
  return q.int64(0);
}

// Everything a queue call could write, as one text: the leases and skips of every attempt, the
// fencing counter, and how many decisions, numbers, notices, messages and audit rows there are.
std::string written(Store& s) {
  std::string out;
  Statement q(s.database(),
              "SELECT id, status, COALESCE(lease_owner, '-'), COALESCE(lease_token, 0), COALESCE(lease_expires_ms, 0), "
              "COALESCE(skipped_by, '-'), COALESCE(skipped_until_ms, 0) FROM attempts ORDER BY id");
  while (q.step())
    out += std::to_string(q.int64(0)) + " " + q.text(1) + " " + q.text(2) + " " + std::to_string(q.int64(3)) + " " +
           std::to_string(q.int64(4)) + " " + q.text(5) + " " + std::to_string(q.int64(6)) + "\n";
  for (const char* table : {"decisions", "image_numbers", "notices", "outbox", "audit_log"})
    out += std::string(table) + " " + std::to_string(count(s, std::string("SELECT COUNT(*) FROM ") + table)) + "\n";
  out += "fencing " + std::to_string(count(s, "SELECT last_token FROM fencing WHERE id = 1")) + "\n";
  return out;
}

// The refusal `f` ends in (a failed check when it returns).
Refusal refusal_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Refusal& e) {
    return e;
  }
  FAIL("no refusal");
  return Refusal(Refusal::Why::BadQuery, "");
}

int enqueue(Store& s, int orders) {
  for (int i = 0; i < orders; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  return orders;
}

// Two orders: alice (a reviewer) holds the older one at ws-a, the newer one is free to claim.
struct Queue {
  test::TempDb tmp;
  Store s{tmp.path};
  int orders = enqueue(s, 2);
  accounts::Actor alice = test::reviewer(s, "alice");
  Claim held = s.claim_next(alice, "ws-a").value();
  // Everyone who may not work the queue: one role each, none of them reviewer.
  std::vector<accounts::Actor> outsiders = {test::signed_in(s, "sup", {Role::Supervisor}),
                                            test::signed_in(s, "tr", {Role::Trainer}),
                                            test::signed_in(s, "adm", {Role::Admin})};

  DecisionRequest approval(const std::string& workstation = "ws-a") const {
    return {held.attempt.id, held.lease.token, workstation, Outcome::Approve};
  }
};

// Each of `outsiders` doing `action` is refused for the reviewer role, and nothing is written.
void refused_for_role(Queue& q, const std::string& what, const std::function<void(const accounts::Actor&)>& action) {
  for (const auto& actor : q.outsiders) {
    CAPTURE(what);
    CAPTURE(actor.name());
    const std::string before = written(q.s);
    const Refusal e = refusal_of([&] { action(actor); });
    CHECK(e.why() == Refusal::Why::NotPermitted);
    CHECK(std::string(e.what()).find("needs the reviewer role") != std::string::npos);
    CHECK(std::string(e.what()).find(actor.name()) != std::string::npos);
    CHECK(written(q.s) == before);
  }
}
}  // namespace

TEST_CASE("queue permissions: only a reviewer claims, renews, skips, hands back and decides") {
  Queue q;
  auto& s = q.s;
  REQUIRE(q.held.order.order_no == "T100000");
  const std::int64_t audit_rows = count(s, "SELECT COUNT(*) FROM audit_log");
  const std::string before = written(s);

  refused_for_role(q, "claim_next", [&](const auto& a) { s.claim_next(a, "ws-x"); });
  // With alice's own token: only the role stands in the way.
  refused_for_role(q, "renew_lease", [&](const auto& a) { s.renew_lease(a, q.held.attempt.id, q.held.lease.token); });
  refused_for_role(q, "release Skip",
                   [&](const auto& a) { s.release(a, q.held.attempt.id, q.held.lease.token, Store::Release::Skip); });
  refused_for_role(q, "release HandBack", [&](const auto& a) {
    s.release(a, q.held.attempt.id, q.held.lease.token, Store::Release::HandBack);
  });
  refused_for_role(q, "hand_back_all", [&](const auto& a) { s.hand_back_all(a, "alice@ws-a"); });
  refused_for_role(q, "decide", [&](const auto& a) { s.decide(a, q.approval()); });
  refused_for_role(q, "decide at its own workstation, claiming the next", [&](const auto& a) {
    auto r = q.approval("ws-x");
    r.claim_next = true;
    s.decide(a, r);
  });
  refused_for_role(q, "decide a rejection", [&](const auto& a) {
    auto r = q.approval();
    r.outcome = Outcome::Reject;
    r.reasons = {"BLURRED"};
    s.decide(a, r);
  });

  // Nothing at all was written by any of them: alice still holds her order, the other is free.
  CHECK(written(s) == before);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log") == audit_rows);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 0);
  CHECK(count(s, "SELECT COUNT(*) FROM attempts WHERE lease_owner IS NOT NULL") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM attempts WHERE lease_owner = 'alice@ws-a' AND lease_token = " +
                     std::to_string(q.held.lease.token)) == 1);

  // The same calls go through for a reviewer, so the refusals above were the role's: a supervisor
  // who also reviews claims the free order, alice renews and decides hers.
  const auto both = test::signed_in(s, "sup-rev", {Role::Supervisor, Role::Reviewer});
  const auto theirs = s.claim_next(both, "ws-x");
  REQUIRE(theirs);
  CHECK(theirs->order.order_no == "T100001");
  CHECK(s.renew_lease(q.alice, q.held.attempt.id, q.held.lease.token));
  CHECK(s.decide(q.alice, q.approval()).image_number.size() == 16);
  CHECK(s.hand_back_all(both, "sup-rev@ws-x") == 1);
}

TEST_CASE("queue permissions: a reviewer cannot decide under another reviewer's lease, even with its token") {
  Queue q;
  auto& s = q.s;
  const auto bob = test::reviewer(s, "bob");
  const std::string before = written(s);
  const auto stolen = [&](const std::string& workstation, bool claim_next) {
    auto r = q.approval(workstation);
    r.claim_next = claim_next;
    const Refusal e = refusal_of([&] { s.decide(bob, r); });
    CHECK(e.why() == Refusal::Why::StaleLease);
    CHECK(std::string(e.what()).find("alice@ws-a") != std::string::npos);
    CHECK(std::string(e.what()).find("bob@" + workstation) != std::string::npos);
    CHECK(written(s) == before);  // no decision, no claim of the next order, no audit row
  };
  stolen("ws-a", false);  // alice's workstation, alice's token: still not bob's lease
  stolen("ws-b", false);
  stolen("ws-b", true);

  // Alice at another workstation holds no lease there either.
  const Refusal elsewhere = refusal_of([&] { s.decide(q.alice, q.approval("ws-b")); });
  CHECK(elsewhere.why() == Refusal::Why::StaleLease);
  CHECK(written(s) == before);

  // The lease is still alice's, and she decides it.
  const auto result = s.decide(q.alice, q.approval());
  CHECK(result.image_number.size() == 16);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions WHERE reviewer = 'alice' AND workstation = 'ws-a'") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions WHERE reviewer = 'bob'") == 0);
}

TEST_CASE("queue permissions: a disabled reviewer cannot sign in, so cannot claim") {
  test::TempDb tmp;
  Store s(tmp.path);
  REQUIRE(s.enqueue(test::order(1)).status == IngestItem::Status::Enqueued);
  test::account(s, "dan", {Role::Reviewer});
  const auto admin = s.sign_in("test-admin", "demo");
  s.set_user_disabled(admin, "dan", true);
  const Refusal e = refusal_of([&] { s.sign_in("dan", "demo"); });
  CHECK(e.why() == Refusal::Why::AccountDisabled);
  CHECK(std::string(e.what()).find("dan") != std::string::npos);
  CHECK(count(s, "SELECT COUNT(*) FROM attempts WHERE lease_owner IS NOT NULL") == 0);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_failed' AND subject = 'dan' AND " +
                     test::json_text(s, "detail", "why") + " = 'disabled'") == 1);
  // Enabled again, the same password signs in and the queue opens.
  s.set_user_disabled(admin, "dan", false);
  const auto dan = s.sign_in("dan", "demo");
  CHECK(s.claim_next(dan, "ws"));
}
