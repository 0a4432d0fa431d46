// Known-answer (gold) cases (issue 16): 50 gold answers through the live queue's own calls leave
// every applicant-facing table as it was while the gold tables hold each answer; delivery at the
// rate, never the reviewer's own decision nor twice, never with an empty real queue; the pause at
// exactly the threshold, its refusals and a supervisor's lift; settings for supervisors only; audit
// verify names tampering with settings and gold answers.
#include <doctest/doctest.h>

#include <set>

#include "core/domain/id_number.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"
#include "table_dump.hpp"

using namespace rs;
using namespace rs::store;
using accounts::Role;
using test::dump;
using test::one;

namespace {
// The tables a gold answer must leave alone: what reaches applicants, the queue, the numbering.
// (fencing is not among them: a gold lease draws its token from the one counter, so no token is
// ever given twice.)
std::string live_tables(Store& s) {
  std::string out;
  for (const char* t : {"decisions", "decision_reasons", "image_numbers", "notices", "outbox", "attempts", "orders",
                        "serial_counters", "second_reviews", "overturns", "photos"})
    out += dump(s, t);
  return out;
}

void require_intact(Store& s) {
  const auto report = s.audit_verify();
  if (report.problem)
    MESSAGE(report.problem->kind << " at row " << report.problem->row << ": " << report.problem->what);
  CHECK_FALSE(report.problem);
}

// `decided` orders decided by r1 (every third rejected for BLURRED), `pending` more waiting, all of
// the decided ones marked gold by the trainer.
struct GoldQueue {
  test::TempDb db;
  Store s;
  accounts::Actor r1, sup, tr;
  std::vector<std::string> gold_orders;

  GoldQueue(int decided, int pending, std::optional<double> rate, std::uint64_t seed = 7)
      : s(db.path, StoreOptions{.gold_seed = seed, .gold_rate = rate, .second_review_share = 0.0}),
        r1(test::reviewer(s, "r1")),
        sup(test::supervisor(s, "sup")),
        tr(test::signed_in(s, "tr", {Role::Trainer})) {
    for (int i = 0; i < decided + pending; ++i)
      REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
    for (int i = 0; i < decided; ++i) {
      auto c = s.claim_next(r1, "ws");
      REQUIRE(c);
      DecisionRequest r{c->attempt.id, c->lease.token, "ws", i % 3 == 0 ? Outcome::Reject : Outcome::Approve};
      if (r.outcome == Outcome::Reject) r.reasons = {"BLURRED"};
      s.decide(r1, r);
      gold_orders.push_back(c->order.order_no);
    }
    if (!gold_orders.empty()) REQUIRE(s.add_gold_cases(tr, gold_orders).size() == gold_orders.size());
  }

  // The reference of the gold case behind a claim (the test peeks; the workstation cannot).
  std::string reference(const Claim& c) {
    Statement q(s.database(),
                "SELECT g.reference FROM gold_deliveries d JOIN gold_cases g ON g.id = d.gold_case_id WHERE d.id = ?1");
    q.bind(1, -c.attempt.id);
    REQUIRE(q.step());
    return q.text(0);
  }

  // Answers the claim right or wrong, as a workstation decides.
  DecisionResult answer(const accounts::Actor& who, const Claim& c, bool right, bool claim_next = false) {
    const bool approve = (reference(c) == "approved") == right;
    DecisionRequest r{c.attempt.id, c.lease.token, "ws", approve ? Outcome::Approve : Outcome::Reject};
    if (!approve) r.reasons = {"BLURRED"};
    r.claim_next = claim_next;
    return s.decide(who, r);
  }

  // The next claim, which must be a gold case (rate 1 and a real order waiting).
  Claim gold_claim(const accounts::Actor& who) {
    auto c = s.claim_next(who, "ws");
    REQUIRE(c);
    REQUIRE(c->attempt.id < 0);
    return *c;
  }
};
}  // namespace

TEST_CASE("50 gold answers change no applicant-facing table; the gold tables hold every answer") {
  GoldQueue q(56, 3, 1.0);
  const auto r2 = test::reviewer(q.s, "r2");
  const std::string before = live_tables(q.s);
  const auto stats_before = q.s.stats("r2");
  std::set<std::string> real_orders;
  {
    Statement o(q.s.database(), "SELECT order_no FROM orders");
    while (o.step()) real_orders.insert(o.text(0));
  }
  std::set<std::string> shown;
  int right = 0;
  std::optional<Claim> next = q.gold_claim(r2);
  for (int i = 0; i < 50; ++i) {
    REQUIRE(next);
    const Claim c = *next;
    REQUIRE(c.attempt.id < 0);
    // What the workstation shows: a fresh number shaped like the real ones, a stand-in applicant
    // with a valid ID number, the source photo, a pending first attempt.
    CHECK(c.order.order_no.size() == std::string("T100000").size());
    CHECK(c.order.order_no[0] == 'T');
    CHECK_FALSE(real_orders.count(c.order.order_no));
    CHECK(shown.insert(c.order.order_no).second);
    CHECK(id_number_problem(c.order.id_number).empty());
    CHECK(c.order.applicant_name.find("测试") == std::string::npos);  // not the source applicant
    CHECK(c.order.doc_type == "id_card");
    CHECK_FALSE(c.photo.empty());
    CHECK(c.attempt.status == "pending");
    CHECK(c.attempt.attempt_no == 1);
    // The calls a workstation makes on an order work on it and write nothing to the order's rows.
    CHECK(q.s.analysis_started(c.attempt.id, c.lease.token) == Store::AnalysisStart::Proceed);
    q.s.analysis_finished(c.attempt.id);
    CHECK(q.s.renew_lease(r2, c.attempt.id, c.lease.token));
    bool listed = false;
    for (const auto& row : q.s.pending_queue())
      listed |= row.order_no == c.order.order_no && row.lease_owner && row.lease_owner->rfind("r2@", 0) == 0;
    CHECK(listed);
    const bool answer_right = i % 10 != 0;
    right += answer_right;
    const auto res = q.answer(r2, c, answer_right, true);
    CHECK(res.order_no == c.order.order_no);
    // The feedback line looks like an issued decision's.
    if (res.outcome == Outcome::Approve) {
      CHECK(res.image_number.size() == 16);
      CHECK(res.notice_token.empty());
    } else {
      CHECK(res.notice_token.size() == 32);
    }
    next = res.next_lease ? std::optional<Claim>(q.s.load_claim(*res.next_lease)) : std::nullopt;
  }
  // Six of the 56 cases are left, so the last decision claimed one more: hand it back.
  REQUIRE(next);
  q.s.release(r2, next->attempt.id, next->lease.token, Store::Release::HandBack);

  CHECK(live_tables(q.s) == before);
  CHECK(one(q.s, "SELECT COUNT(*) FROM gold_answers") == 50);
  CHECK(one(q.s, "SELECT COUNT(*) FROM gold_answers WHERE reviewer = 'r2'") == 50);
  CHECK(one(q.s, "SELECT SUM(correct) FROM gold_answers") == right);
  CHECK(one(q.s, "SELECT COUNT(*) FROM gold_deliveries WHERE status = 'released'") == 1);
  const auto stats = q.s.stats("r2");
  CHECK(stats.mine_today == stats_before.mine_today + 50);  // counted as the decisions they look like
  const auto scores = q.s.gold_scores(q.tr);
  REQUIRE(scores.size() == 1);
  CHECK(scores[0].reviewer == "r2");
  CHECK(scores[0].answered == 50);
  CHECK(scores[0].correct == 45);
  CHECK(scores[0].accuracy == doctest::Approx(0.9));
  CHECK_FALSE(scores[0].paused);
  require_intact(q.s);
}

// A workstation that lost its connection sends its answer again with the same request key: the
// first answer stands, nothing is written twice, and the reviewer still cannot tell gold apart.
TEST_CASE("a gold answer sent again after a lost connection returns the first result and writes nothing") {
  GoldQueue q(4, 4, 1.0);
  const auto r2 = test::reviewer(q.s, "r2");
  const Claim c = q.gold_claim(r2);
  const bool approve = q.reference(c) == "approved";
  DecisionRequest r{c.attempt.id, c.lease.token, "ws", approve ? Outcome::Approve : Outcome::Reject};
  if (!approve) r.reasons = {"BLURRED"};
  r.request_key = "gold-key-1";
  r.claim_next = true;
  const DecisionResult first = q.s.decide(r2, r);
  CHECK_FALSE(first.replayed);
  REQUIRE(first.next_lease);
  CHECK(first.next_lease->attempt_id < 0);  // at rate 1 the next order is a gold case too
  auto tables = [&] {
    return test::dump(q.s, "gold_answers") + test::dump(q.s, "gold_deliveries") + test::dump(q.s, "attempts") +
           test::dump(q.s, "audit_log");
  };
  const std::string before = tables();
  const DecisionResult again = q.s.decide(r2, r);
  CHECK(again.replayed);
  CHECK(again.outcome == first.outcome);
  CHECK(again.order_no == first.order_no);
  CHECK(again.review_ms == first.review_ms);
  CHECK(again.image_number.empty() == first.image_number.empty());  // looks like a real order's, as before
  CHECK(again.notice_token.empty() == first.notice_token.empty());
  REQUIRE(again.next_lease);
  CHECK(again.next_lease->attempt_id == first.next_lease->attempt_id);
  CHECK(again.next_lease->token == first.next_lease->token);
  CHECK(tables() == before);
  SUBCASE("the other outcome under the same lease is refused as decided") {
    DecisionRequest other = r;
    other.outcome = approve ? Outcome::Reject : Outcome::Approve;
    other.reasons = approve ? std::vector<std::string>{"BLURRED"} : std::vector<std::string>{};
    CHECK_THROWS_WITH_AS(q.s.decide(r2, other), doctest::Contains("was already decided"), Refusal);
  }
  SUBCASE("without a request key it is refused as decided, as before") {
    DecisionRequest plain = r;
    plain.request_key.clear();
    CHECK_THROWS_WITH_AS(q.s.decide(r2, plain), doctest::Contains("was already decided"), Refusal);
  }
  SUBCASE("another workstation of the same reviewer is refused") {
    DecisionRequest elsewhere = r;
    elsewhere.workstation = "ws2";
    CHECK_THROWS_AS(q.s.decide(r2, elsewhere), Refusal);
  }
}

TEST_CASE("gold comes at the rate among real orders, never the reviewer's own nor twice, never from an empty queue") {
  SUBCASE("r1 decided every source: no gold for r1") {
    GoldQueue q(10, 5, 1.0);
    for (int i = 0; i < 5; ++i) {
      auto c = q.s.claim_next(q.r1, "ws");
      REQUIRE(c);
      CHECK(c->attempt.id > 0);
      q.s.decide(q.r1, {c->attempt.id, c->lease.token, "ws", Outcome::Approve});
    }
  }
  SUBCASE("an empty real queue gives no gold, though cases are left") {
    GoldQueue q(6, 0, 1.0);
    const auto r2 = test::reviewer(q.s, "r2");
    CHECK_FALSE(q.s.claim_next(r2, "ws"));
    CHECK(one(q.s, "SELECT COUNT(*) FROM gold_deliveries") == 0);
  }
  SUBCASE("each case once per reviewer, then real orders only; skipped ones are not offered again") {
    GoldQueue q(4, 3, 1.0);
    const auto r2 = test::reviewer(q.s, "r2");
    std::set<std::int64_t> cases;
    const Claim skipped = q.gold_claim(r2);
    q.s.release(r2, skipped.attempt.id, skipped.lease.token, Store::Release::Skip);
    for (int i = 0; i < 3; ++i) q.answer(r2, q.gold_claim(r2), true);
    auto c = q.s.claim_next(r2, "ws");
    REQUIRE(c);
    CHECK(c->attempt.id > 0);  // all four cases seen: a real order
    CHECK(one(q.s, "SELECT COUNT(DISTINCT gold_case_id) FROM gold_deliveries WHERE reviewer = 'r2'") == 4);
    // Another reviewer still gets them.
    const auto r3 = test::reviewer(q.s, "r3");
    CHECK(q.s.claim_next(r3, "ws2")->attempt.id < 0);
  }
  SUBCASE("at rate 0.5 every real order is worked; the gold share is near the rate") {
    GoldQueue q(60, 40, 0.5, 12345);
    const auto r2 = test::reviewer(q.s, "r2");
    int gold = 0, real = 0;
    while (auto c = q.s.claim_next(r2, "ws")) {
      if (c->attempt.id < 0) {
        ++gold;
        q.answer(r2, *c, true);
      } else {
        ++real;
        q.s.decide(r2, {c->attempt.id, c->lease.token, "ws", Outcome::Approve});
      }
    }
    CHECK(real == 40);
    CHECK(one(q.s, "SELECT COUNT(*) FROM attempts WHERE status = 'pending'") == 0);
    // 40 real claims at a fair coin: about 40 gold ones (the draw is seeded; 20..60 is > 3 sigma).
    CHECK(gold >= 20);
    CHECK(gold <= 60);
  }
  SUBCASE("the database's rate: 0 by a supervisor's setting gives none") {
    GoldQueue q(5, 5, std::nullopt);
    q.s.set_setting(q.sup, "gold.rate", "0");
    const auto r2 = test::reviewer(q.s, "r2");
    for (int i = 0; i < 5; ++i) {
      auto c = q.s.claim_next(r2, "ws");
      REQUIRE(c);
      CHECK(c->attempt.id > 0);
      q.s.decide(r2, {c->attempt.id, c->lease.token, "ws", Outcome::Approve});
    }
  }
}

TEST_CASE("the pause: 17 of 20 at 0.85 is not below, 17 of 21 is; claims are refused; a supervisor lifts it") {
  GoldQueue q(50, 5, 1.0);
  const auto r2 = test::reviewer(q.s, "r2");
  const auto r3 = test::reviewer(q.s, "r3");
  const auto tr = q.tr;
  // r2: three wrong, then seventeen right: exactly 0.85 over 20, not paused.
  for (int i = 0; i < 20; ++i) q.answer(r2, q.gold_claim(r2), i >= 3);
  CHECK_FALSE(q.s.paused("r2"));
  // One more wrong: 17 of 21 = 0.81 < 0.85.
  q.answer(r2, q.gold_claim(r2), false);
  CHECK(q.s.paused("r2"));
  try {
    (void)q.s.claim_next(r2, "ws");
    FAIL("a paused reviewer's claim was taken");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::Paused);
    CHECK(std::string(e.what()).find("users unpause r2") != std::string::npos);
  }
  CHECK_THROWS_AS(q.s.claim_second_review(r2, "ws"), Refusal);
  // r3: four wrong of twenty: paused at the twentieth answer, not before (19 answers are too few).
  for (int i = 0; i < 19; ++i) q.answer(r3, q.gold_claim(r3), i >= 4);
  CHECK_FALSE(q.s.paused("r3"));
  const auto last = q.gold_claim(r3);
  const auto res = q.answer(r3, last, true, true);
  CHECK(q.s.paused("r3"));      // 16 / 20 = 0.80
  CHECK_FALSE(res.next_lease);  // the decision's own claim of the next order is not made either
  // The inbox says who and why.
  const auto paused = q.s.paused_reviewers(q.sup);
  REQUIRE(paused.size() == 2);
  CHECK(paused[0].reviewer == "r2");
  CHECK(paused[0].answered == 21);
  CHECK(paused[0].correct == 17);
  CHECK(paused[1].reviewer == "r3");
  CHECK(paused[1].correct == 16);
  CHECK(paused[1].pause_below == doctest::Approx(0.85));
  // Only a supervisor lifts it.
  CHECK_THROWS_AS(q.s.unpause(r3, "r2"), Refusal);
  CHECK_THROWS_AS(q.s.unpause(tr, "r2"), Refusal);
  CHECK_THROWS_AS(q.s.paused_reviewers(tr), Refusal);
  q.s.unpause(q.sup, "r2");
  CHECK_FALSE(q.s.paused("r2"));
  CHECK_THROWS_AS(q.s.unpause(q.sup, "r2"), Refusal);  // not paused now
  CHECK_THROWS_AS(q.s.unpause(q.sup, "nobody"), Refusal);
  auto again = q.s.claim_next(r2, "ws");
  REQUIRE(again);
  // The record starts again after the lift: one wrong answer does not pause at once.
  if (again->attempt.id < 0) q.answer(r2, *again, false);
  CHECK_FALSE(q.s.paused("r2"));
  const auto scores = q.s.gold_scores(q.sup);
  REQUIRE(scores.size() == 2);
  CHECK(scores[0].answered == 22);
  CHECK(scores[0].answered_since_unpause == 1);
  CHECK_FALSE(scores[0].paused);
  CHECK(scores[1].paused);
  require_intact(q.s);
  // A lift written by hand is named.
  Statement(q.s.database(),
            "UPDATE reviewer_pauses SET lifted_by = 'sup', lifted_at = 'x', last_answer_id = 0 "
            "WHERE reviewer = 'r3'")
      .run();
  const auto report = q.s.audit_verify();
  REQUIRE(report.problem);
  CHECK(report.problem->what.find("the pause of r3") != std::string::npos);
}

TEST_CASE("settings: supervisors only, values checked with the key named, every change audited") {
  GoldQueue q(3, 1, std::nullopt);
  const auto r2 = test::reviewer(q.s, "r2");
  const GoldSettings d = q.s.gold_settings();
  CHECK(d.rate == doctest::Approx(0.05));
  CHECK(d.pause_below == doctest::Approx(0.85));
  CHECK(d.min_cases == 20);
  for (const auto& who : {r2, q.tr}) {
    try {
      q.s.set_setting(who, "gold.pause_below", "0.5");
      FAIL("a non-supervisor changed a threshold");
    } catch (const Refusal& e) {
      CHECK(e.why() == Refusal::Why::NotPermitted);
    }
  }
  auto refused = [&](const std::string& key, const std::string& value) {
    try {
      q.s.set_setting(q.sup, key, value);
      return std::string();
    } catch (const Refusal& e) {
      CHECK(e.why() == Refusal::Why::BadSetting);
      return std::string(e.what());
    }
  };
  CHECK(refused("gold.rate", "0.6").find("gold.rate '0.6'") != std::string::npos);
  CHECK(refused("gold.rate", "abc").find("gold.rate") != std::string::npos);
  CHECK(refused("gold.pause_below", "1.2").find("gold.pause_below") != std::string::npos);
  CHECK(refused("gold.min_cases", "2.5").find("gold.min_cases") != std::string::npos);
  CHECK(refused("gold.min_cases", "0").find("gold.min_cases") != std::string::npos);
  CHECK(refused("gold.nonsense", "1").find("unknown setting 'gold.nonsense'") != std::string::npos);
  CHECK(q.s.gold_settings().pause_below == doctest::Approx(0.85));  // nothing written
  const auto audit_before = one(q.s, "SELECT COUNT(*) FROM audit_log");
  q.s.set_setting(q.sup, "gold.pause_below", "0.9");
  q.s.set_setting(q.sup, "gold.min_cases", "30");
  q.s.set_setting(q.sup, "gold.rate", "0.1");
  CHECK(one(q.s, "SELECT COUNT(*) FROM audit_log") == audit_before + 3);
  CHECK(one(q.s, "SELECT COUNT(*) FROM audit_log WHERE action = 'setting' AND actor = 'sup'") == 3);
  const GoldSettings now = q.s.gold_settings();
  CHECK(now.pause_below == doctest::Approx(0.9));
  CHECK(now.min_cases == 30);
  CHECK(now.rate == doctest::Approx(0.1));
  require_intact(q.s);
  // Changed by hand in the table: audit verify names the setting.
  Statement(q.s.database(), "UPDATE settings SET value = '0.5' WHERE key = 'gold.pause_below'").run();
  const auto report = q.s.audit_verify();
  REQUIRE(report.problem);
  CHECK(report.problem->what.find("setting gold.pause_below is '0.5'") != std::string::npos);
}

TEST_CASE("gold add: trainers and supervisors, decided orders only, the reference after overturns") {
  GoldQueue q(6, 2, std::nullopt);  // T100000..5 decided and marked, T100006..7 pending
  const auto r2 = test::reviewer(q.s, "r2");
  CHECK_THROWS_AS(q.s.add_gold_cases(r2, {"T100001"}), Refusal);  // a reviewer may not
  try {
    q.s.add_gold_cases(q.tr, {"NOPE"});
    FAIL("an unknown order was marked");
  } catch (const Refusal& e) {
    CHECK(std::string(e.what()).find("'NOPE'") != std::string::npos);
  }
  try {
    q.s.add_gold_cases(q.sup, {"T100006"});  // pending: undecided
    FAIL("an undecided order was marked");
  } catch (const Refusal& e) {
    CHECK(std::string(e.what()).find("'T100006'") != std::string::npos);
    CHECK(std::string(e.what()).find("decided") != std::string::npos);
  }
  CHECK_THROWS_AS(q.s.add_gold_cases(q.tr, {"T100000"}), Refusal);  // marked already (the fixture)
  const auto cases = q.s.gold_cases(q.sup);
  bool found = false;
  for (const auto& c : cases)
    if (c.order_no == "T100001") {
      found = true;
      CHECK(c.reference == "approved");
    }
  CHECK(found);
  require_intact(q.s);
  // gold_cases written by hand: refused by the trigger, and a case slipped in is named.
  CHECK_THROWS(Statement(q.s.database(), "UPDATE gold_cases SET reference = 'approved'").run());
  test::tamper(q.s, "DROP TRIGGER gold_cases_fixed");
  Statement(q.s.database(), "UPDATE gold_cases SET reference = 'approved' WHERE reference = 'rejected'").run();
  const auto report = q.s.audit_verify();
  REQUIRE(report.problem);
  CHECK(report.problem->what.find("gold case order T1000") != std::string::npos);
}

TEST_CASE("an overturned decision's gold reference is the overturn's; answers tampered with are named") {
  GoldQueue q(0, 0, 1.0);
  for (int i = 0; i < 6; ++i) REQUIRE(q.s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  for (int i = 0; i < 4; ++i) {
    auto c = q.s.claim_next(q.r1, "ws");
    q.s.decide(q.r1, {c->attempt.id, c->lease.token, "ws", Outcome::Approve});
  }
  q.s.overturn(q.sup, {"T100002", "背景不符", {"BACKGROUND"}, ""});
  const auto added = q.s.add_gold_cases(q.tr, {"T100002", "T100003#1"});
  REQUIRE(added.size() == 2);
  CHECK(added[0].reference == "rejected");
  CHECK(added[0].reasons == std::vector<std::string>{"BACKGROUND"});
  CHECK(added[1].reference == "approved");
  const auto r2 = test::reviewer(q.s, "r2");
  for (int i = 0; i < 2; ++i) q.answer(r2, q.gold_claim(r2), false);
  CHECK(one(q.s, "SELECT SUM(correct) FROM gold_answers") == 0);
  require_intact(q.s);
  // Append-only: the triggers refuse; with them dropped, a wrong answer made right is named.
  CHECK_THROWS(Statement(q.s.database(), "UPDATE gold_answers SET correct = 1").run());
  CHECK_THROWS(Statement(q.s.database(), "DELETE FROM gold_answers").run());
  test::tamper(q.s, "DROP TRIGGER gold_answers_append_only");
  Statement(q.s.database(), "UPDATE gold_answers SET correct = 1 WHERE id = 1").run();
  const auto report = q.s.audit_verify();
  REQUIRE(report.problem);
  CHECK(report.problem->what.find("r2's gold answer on") != std::string::npos);
}
