// Blind second review: drawn inside the decision's transaction, never one's own decision, blind to
// the first decision, nothing issued, disagreements to the supervisors' inbox.
#include <doctest/doctest.h>

#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t count(Store& s, const std::string& sql) {
  Statement q(s.database(), sql.c_str());
  q.step();
  return q.int64(0);
}

// Decides every pending order as `who` (approvals unless `reject`).
void decide_all(Store& s, const accounts::Actor& who, bool reject = false) {
  while (auto c = s.claim_next(who, "ws")) {
    DecisionRequest r{c->attempt.id, c->lease.token, "ws", reject ? Outcome::Reject : Outcome::Approve};
    if (reject) r.reasons = {"BLURRED"};
    s.decide(who, r);
  }
}

SecondReviewRequest answer(const SecondReviewCase& c, Outcome o, std::vector<std::string> reasons = {}) {
  SecondReviewRequest r;
  r.id = c.id;
  r.lease_token = c.lease_token;
  r.workstation = "ws";
  r.outcome = o;
  r.reasons = std::move(reasons);
  return r;
}
}  // namespace

TEST_CASE("the share draws decisions inside the decision's transaction; 0 draws none, 1 draws all") {
  test::TempDb tmp;
  {
    Store s(tmp.path, {.second_review_share = 0.0});
    for (int i = 1; i <= 4; ++i) s.enqueue(test::order(i));
    decide_all(s, test::reviewer(s, "ann"));
    CHECK(count(s, "SELECT COUNT(*) FROM second_reviews") == 0);
  }
  test::TempDb tmp2;
  Store s(tmp2.path, {.second_review_share = 1.0});
  for (int i = 1; i <= 4; ++i) s.enqueue(test::order(i));
  decide_all(s, test::reviewer(s, "ann"));
  CHECK(count(s, "SELECT COUNT(*) FROM second_reviews WHERE first_reviewer = 'ann' AND decision IS NULL") == 4);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'second_review_drawn'") == 4);
  CHECK(s.second_reviews_waiting("bob") == 4);
  CHECK(s.second_reviews_waiting("ann") == 0);
}

TEST_CASE("the database's share is 5 % until a supervisor or an admin sets another") {
  test::TempDb tmp;
  Store s(tmp.path);
  CHECK(s.second_review_share() == doctest::Approx(0.05));
  const auto ann = test::reviewer(s, "ann");
  CHECK_THROWS_AS(s.set_second_review_share(ann, 0.5), Refusal);
  CHECK(s.second_review_share() == doctest::Approx(0.05));
  const auto sup = test::supervisor(s);
  CHECK_THROWS_AS(s.set_second_review_share(sup, 1.5), Refusal);
  s.set_second_review_share(sup, 0.25);
  CHECK(s.second_review_share() == doctest::Approx(0.25));
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'setting' AND actor = 'sup'") == 1);
  // A share of 0.25 over 400 decisions: within a wide band (a binomial draw, p < 1e-6 outside).
  for (int i = 1; i <= 400; ++i) s.enqueue(test::order(i));
  decide_all(s, ann);
  const auto drawn = count(s, "SELECT COUNT(*) FROM second_reviews");
  CHECK(drawn > 55);
  CHECK(drawn < 150);
}

TEST_CASE("a second review is blind, never of one's own decision, issues nothing, and records agreement") {
  test::TempDb tmp;
  Store s(tmp.path, {.second_review_share = 1.0});
  for (int i = 1; i <= 2; ++i) s.enqueue(test::order(i));
  const auto ann = test::reviewer(s, "ann"), bob = test::reviewer(s, "bob");
  decide_all(s, ann);
  CHECK_FALSE(s.claim_second_review(ann, "ws"));  // both are ann's own
  const auto numbers = count(s, "SELECT COUNT(*) FROM image_numbers");
  const auto outbox = count(s, "SELECT COUNT(*) FROM outbox");
  const auto notices = count(s, "SELECT COUNT(*) FROM notices");

  auto first = s.claim_second_review(bob, "ws");
  REQUIRE(first);
  CHECK(first->order.order_no == "T100001");
  CHECK_FALSE(first->photo.empty());
  // The lease is bob's: ann cannot decide it with bob's token, nor can bob with a wrong one.
  CHECK_THROWS_AS(s.decide_second_review(ann, answer(*first, Outcome::Approve)), Refusal);
  auto wrong = answer(*first, Outcome::Approve);
  wrong.lease_token += 99;
  CHECK_THROWS_AS(s.decide_second_review(bob, wrong), Refusal);
  CHECK_THROWS_AS(s.decide_second_review(bob, answer(*first, Outcome::Reject)), Refusal);  // no reason
  const auto agreed = s.decide_second_review(bob, answer(*first, Outcome::Approve));
  CHECK(agreed.agrees == std::optional<bool>(true));
  CHECK_THROWS_AS(s.decide_second_review(bob, answer(*first, Outcome::Approve)), Refusal);  // twice

  auto second = s.claim_second_review(bob, "ws");
  REQUIRE(second);
  const auto disagreed = s.decide_second_review(bob, answer(*second, Outcome::Reject, {"HAIR_EARS", "HAIR_EARS"}));
  CHECK(disagreed.agrees == std::optional<bool>(false));
  CHECK(disagreed.first_decision == "approved");
  CHECK(disagreed.decision == "rejected");
  CHECK(disagreed.reasons == std::vector<std::string>{"HAIR_EARS"});
  CHECK_FALSE(s.claim_second_review(bob, "ws"));

  // Nothing reached the applicant-facing tables.
  CHECK(count(s, "SELECT COUNT(*) FROM image_numbers") == numbers);
  CHECK(count(s, "SELECT COUNT(*) FROM outbox") == outbox);
  CHECK(count(s, "SELECT COUNT(*) FROM notices") == notices);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'second_review' AND actor = 'bob'") == 2);
  // The table itself refuses a second review by the first reviewer, whatever the code does.
  CHECK_THROWS(Statement(s.database(), "UPDATE second_reviews SET reviewer = first_reviewer WHERE id = 1").run());
}

TEST_CASE("only reviewers and supervisors second-review; only supervisors read and resolve the inbox") {
  test::TempDb tmp;
  Store s(tmp.path, {.second_review_share = 1.0});
  s.enqueue(test::order(1));
  const auto ann = test::reviewer(s, "ann");
  decide_all(s, ann);
  const auto admin = s.sign_in("test-admin", "demo");
  s.add_user(admin, {.name = "tina", .display_name = {}, .roles = {accounts::Role::Trainer}, .password = "demo"});
  const auto tina = s.sign_in("tina", "demo");
  for (const auto* who : {&tina, &admin}) {
    try {
      s.claim_second_review(*who, "ws");
      FAIL("a " << who->roles().to_string() << " claimed a second review");
    } catch (const Refusal& e) {
      CHECK(e.why() == Refusal::Why::NotPermitted);
      CHECK(std::string(e.what()).find("reviewer or supervisor") != std::string::npos);
    }
  }
  CHECK(count(s, "SELECT COUNT(*) FROM second_reviews WHERE lease_owner IS NOT NULL") == 0);

  const auto sup = test::supervisor(s);
  auto c = s.claim_second_review(sup, "ws");
  REQUIRE(c);
  s.decide_second_review(sup, answer(*c, Outcome::Reject, {"BLURRED"}));
  CHECK_THROWS_AS(s.second_review_disagreements(ann, false), Refusal);
  auto inbox = s.second_review_disagreements(sup, false);
  REQUIRE(inbox.size() == 1);
  CHECK(inbox[0].first_reviewer == "ann");
  CHECK(inbox[0].reviewer == "sup");
  CHECK_THROWS_AS(s.resolve_disagreement(ann, inbox[0].id, "kept"), Refusal);
  CHECK_THROWS_AS(s.resolve_disagreement(sup, inbox[0].id, ""), Refusal);
  s.resolve_disagreement(sup, inbox[0].id, "kept the approval");
  CHECK_THROWS_AS(s.resolve_disagreement(sup, inbox[0].id, "again"), Refusal);
  CHECK(s.second_review_disagreements(sup, false).empty());
  const auto all = s.second_review_disagreements(sup, true);
  REQUIRE(all.size() == 1);
  CHECK(all[0].resolution == "kept the approval");
  CHECK(all[0].resolved_by == "sup");
}

TEST_CASE("a handed-back second review goes back to the waiting list at its place") {
  test::TempDb tmp;
  Store s(tmp.path, {.second_review_share = 1.0});
  s.enqueue(test::order(1));
  decide_all(s, test::reviewer(s, "ann"));
  const auto bob = test::reviewer(s, "bob"), cy = test::reviewer(s, "cy");
  auto c = s.claim_second_review(bob, "ws");
  REQUIRE(c);
  CHECK_FALSE(s.claim_second_review(cy, "ws"));  // leased to bob
  s.release_second_review(bob, c->id, c->lease_token);
  auto again = s.claim_second_review(cy, "ws");
  REQUIRE(again);
  CHECK(again->id == c->id);
  CHECK(again->lease_token > c->lease_token);
}

TEST_CASE("audit verify checks every second review against its rows: drawn, decided, resolved") {
  test::TempDb tmp;
  Store s(tmp.path, {.second_review_share = 1.0});
  for (int i = 1; i <= 3; ++i) s.enqueue(test::order(i));
  decide_all(s, test::reviewer(s, "ann"));
  const auto bob = test::reviewer(s, "bob");
  auto c = s.claim_second_review(bob, "ws");
  REQUIRE(c);
  s.decide_second_review(bob, answer(*c, Outcome::Reject, {"BLURRED"}));
  const auto sup = test::supervisor(s);
  s.resolve_disagreement(sup, c->id, "kept");
  {
    Store undrawn(tmp.path, {.second_review_share = 0.0});
    undrawn.enqueue(test::order(4));
    decide_all(undrawn, test::reviewer(undrawn, "ann"));
  }
  auto report = s.audit_verify();
  REQUIRE_FALSE(report.problem);
  CHECK(report.second_reviews == 3);  // one decided and resolved, two waiting
  // Each SUBCASE runs the test case from the top: a fresh database to tamper with.
  auto tampered = [&](const std::string& sql) {
    Statement(s.database(), sql.c_str()).run();
    return s.audit_verify().problem;
  };
  SUBCASE("agreement flipped to flatter a reviewer's kappa") {
    const auto p =
        tampered("UPDATE second_reviews SET agrees = 1, decision = 'approved' WHERE id = " + std::to_string(c->id));
    REQUIRE(p);
    CHECK(p->what.find("second review") != std::string::npos);
  }
  SUBCASE("a reason changed") { REQUIRE(tampered("UPDATE second_review_reasons SET code = 'HAIR_EARS'")); }
  SUBCASE("the second reviewer renamed") {
    REQUIRE(tampered("UPDATE second_reviews SET reviewer = 'cy' WHERE id = " + std::to_string(c->id)));
  }
  SUBCASE("a second review slipped in without being drawn") {
    // Order 4 was decided when nothing was drawn; a second review for it is put in by hand.
    REQUIRE(
        tampered("INSERT INTO second_reviews(decision_id, first_reviewer, queued_at, queued_ms) SELECT id, "
                 "reviewer, decided_at, decided_ms FROM decisions WHERE id NOT IN (SELECT decision_id FROM "
                 "second_reviews)"));
  }
  SUBCASE("the resolution rewritten") {
    REQUIRE(tampered("UPDATE second_reviews SET resolution = 'overturned' WHERE id = " + std::to_string(c->id)));
  }
  SUBCASE("a decided second review undone") {
    REQUIRE(
        tampered("UPDATE second_reviews SET reviewer = NULL, decision = NULL, decided_at = NULL, agrees = NULL "
                 "WHERE id = " +
                 std::to_string(c->id)));
  }
}
