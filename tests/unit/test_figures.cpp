// Figures per reviewer: Cohen's kappa against a hand-computed table, and the store's figures over
// a period (counts, rates, review-time percentiles, engine agreement, second reviews, kappa).
#include <doctest/doctest.h>

#include "core/figures/agreement.hpp"
#include "core/figures/reviewer_figures.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

TEST_CASE("Cohen's kappa matches a hand-computed example") {
  // 50 pairs: both approve 20, first approve / second reject 5, first reject / second approve 10,
  // both reject 15. p_o = 35/50 = 0.7; first approves 25/50, second approves 30/50;
  // p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
  const auto k = figures::cohen_kappa_2x2(20, 5, 10, 15);
  REQUIRE(k);
  CHECK(*k == doctest::Approx(0.4));
  CHECK(*figures::cohen_kappa_2x2(10, 0, 0, 10) == doctest::Approx(1.0));   // perfect agreement
  CHECK(*figures::cohen_kappa_2x2(0, 10, 10, 0) == doctest::Approx(-1.0));  // perfect disagreement
  CHECK_FALSE(figures::cohen_kappa_2x2(0, 0, 0, 0));                        // nothing to compare
  CHECK_FALSE(figures::cohen_kappa_2x2(12, 0, 0, 0));                       // chance explains all
  // Three categories, 100 pairs, computed by hand: p_o = (25 + 20 + 18) / 100 = 0.63,
  // rows 0.4/0.3/0.3, cols 0.3/0.4/0.3, p_e = 0.12 + 0.12 + 0.09 = 0.33, kappa = 0.30/0.67.
  const auto k3 = figures::cohen_kappa({{25, 10, 5}, {3, 20, 7}, {2, 10, 18}});
  REQUIRE(k3);
  CHECK(*k3 == doctest::Approx(0.30 / 0.67).epsilon(1e-9));
  CHECK_THROWS(figures::cohen_kappa({{1, 2}, {3}}));
}

namespace {
const char* kFail = R"({"v":2,"spec":"t","fail":{"geometry":[["face_width",0.4,20]]},"warn":{},"pass":{}})";
const char* kPass = R"({"v":2,"spec":"t","fail":{},"warn":{},"pass":{"geometry":[["face_width",0.7,90]]}})";

void decide(Store& s, const accounts::Actor& who, bool approve, const char* findings, Millis review_ms,
            std::vector<std::string> reasons = {"BLURRED"}) {
  auto c = s.claim_next(who, "ws");
  REQUIRE(c);
  DecisionRequest r{c->attempt.id, c->lease.token, "ws", approve ? Outcome::Approve : Outcome::Reject};
  if (!approve) r.reasons = std::move(reasons);
  r.findings_json = findings;
  r.shown_ms = now_ms() - review_ms;
  s.decide(who, r);
}
}  // namespace

TEST_CASE("the store's figures per reviewer: counts, rates, percentiles, engine agreement, kappa") {
  test::TempDb tmp;
  Store s(tmp.path, {.second_review_share = 1.0});
  for (int i = 1; i <= 14; ++i) s.enqueue(test::order(i));
  const auto ann = test::reviewer(s, "ann"), bob = test::reviewer(s, "bob");
  // ann: 12 decisions, 8 approvals; review times 1..12 s; the engine failed 4 photos, ann rejected 3
  // of them and approved 1 (disagreeing), and rejected 1 photo the engine passed.
  for (int i = 1; i <= 12; ++i) {
    const bool engine_fails = i <= 4;
    const bool approve = !(i <= 3 || i == 5);  // rejects 1, 2, 3 and 5; approves the failed 4
    decide(s, ann, approve, engine_fails ? kFail : kPass, i * 1000LL, {i == 5 ? "HAIR_EARS" : "BLURRED"});
  }
  decide(s, bob, true, "[]", 5000);
  decide(s, bob, false, "[]", 5000);
  // bob second-reviews ann's 12: agrees on all but two (a = 7, b = 1, c = 1, d = 3).
  int n = 0;
  while (auto c = s.claim_second_review(bob, "ws")) {
    ++n;
    SecondReviewRequest r;
    r.id = c->id;
    r.lease_token = c->lease_token;
    r.workstation = "ws";
    const bool first_approved = !(n <= 3 || n == 5);  // the order ann decided them in
    bool approve = first_approved;
    if (n == 6 || n == 1) approve = !approve;  // one approval and one rejection disagree
    r.outcome = approve ? Outcome::Approve : Outcome::Reject;
    if (!approve) r.reasons = {"BLURRED"};
    s.decide_second_review(bob, r);
  }
  CHECK(n == 12);
  const auto sup = test::supervisor(s);
  CHECK_THROWS_AS(s.figures(ann, {}), Refusal);
  CHECK_THROWS_AS(s.figures(sup, {"2026-02-30", ""}), Refusal);
  const auto report = s.figures(sup, {});
  REQUIRE(report.reviewers.size() == 2);
  const auto& a = report.reviewers[0];
  CHECK(a.reviewer == "ann");
  CHECK(a.decisions == 12);
  CHECK(a.approvals == 8);
  CHECK(a.approval_rate == doctest::Approx(8.0 / 12));
  CHECK(a.review_ms_p50 >= 6000);
  CHECK(a.review_ms_p50 < 7000);  // nearest rank: the 6th of 12 (plus a few ms of test time)
  CHECK(a.review_ms_p90 >= 11000);
  CHECK(a.engine_judged == 12);
  CHECK(a.engine_agreed == 10);  // all but the approved failure (4) and the rejected pass (5)
  CHECK(*a.engine_agreement == doctest::Approx(10.0 / 12));
  CHECK(a.reasons.at("BLURRED") == 3);
  CHECK(a.reasons.at("HAIR_EARS") == 1);
  CHECK(a.second_reviews == 12);
  CHECK(a.second_agreements == 10);
  REQUIRE(a.kappa);
  // ann approved 8, rejected 4; bob: a = 7, b = 1, c = 1, d = 3. p_o = 10/12;
  // p_e = (8/12)(8/12) + (4/12)(4/12) = 80/144; kappa = (120/144 - 80/144) / (64/144) = 0.625.
  CHECK(*a.kappa == doctest::Approx(0.625));
  CHECK(a.per_hour > 0);
  const auto& b = report.reviewers[1];
  CHECK(b.reviewer == "bob");
  CHECK(b.decisions == 2);
  CHECK_FALSE(b.engine_agreement);  // no findings were on screen
  CHECK_FALSE(b.kappa);             // fewer than 10 second reviews (none)
  REQUIRE(report.pairs.size() == 1);
  CHECK(report.pairs[0].first == "ann");
  CHECK(report.pairs[0].second == "bob");
  CHECK(report.pairs[0].agreements == 10);
  // The face-width rule failed four photos and ann approved one of them (order 4).
  CHECK_THROWS_AS(s.overruled_rules(ann, {}), Refusal);
  const auto rules = s.overruled_rules(sup, {});
  REQUIRE_FALSE(rules.empty());
  CHECK(rules[0].rule == "geometry.face_width");
  CHECK(rules[0].failed == 4);
  CHECK(rules[0].approved_anyway == 1);
  CHECK(rules[0].cases == std::vector<std::string>{"T100004#1"});
  // A period before anything was decided holds nobody.
  CHECK(s.figures(sup, {"2020-01-01", "2020-01-31"}).reviewers.empty());
  // The CSV has the header's columns in every row.
  const auto commas = [](const std::string& t) { return std::count(t.begin(), t.end(), ','); };
  CHECK(commas(figures::csv_row(a)) == commas(figures::csv_header()));
}

TEST_CASE("rules reviewers overrule: approvals of failed photos, rejections for the reason of passed ones") {
  using figures::JudgedDecision;
  auto reason_of = [](const std::string& rule) -> std::string {
    if (rule == "hair.ears") return "HAIR_EARS";
    if (rule == "background.colour" || rule == "background.uniformity") return "BACKGROUND";
    return "";
  };
  std::vector<JudgedDecision> d(5);
  d[0] = {"A", 1, true, {}, {"hair.ears"}, {"background.colour"}};                           // approved a failure
  d[1] = {"B", 1, false, {"HAIR_EARS"}, {}, {"hair.ears", "background.colour"}};             // rejected a pass
  d[2] = {"C", 1, false, {"HAIR_EARS"}, {"hair.ears"}, {}};                                  // followed the rule
  d[3] = {"D", 1, false, {"BACKGROUND"}, {"background.colour"}, {"background.uniformity"}};  // the failed rule's
  d[4] = {"E", 2, true, {}, {"hair.ears", "file.size"}, {}};                                 // approved two failures
  const auto rules = figures::overruled_rules(d, reason_of);
  REQUIRE(rules.size() == 4);
  CHECK(rules[0].rule == "hair.ears");  // most overruled first
  CHECK(rules[0].reason == "HAIR_EARS");
  CHECK(rules[0].failed == 3);
  CHECK(rules[0].approved_anyway == 2);
  CHECK(rules[0].passed == 1);
  CHECK(rules[0].rejected_anyway == 1);
  CHECK(rules[0].cases == std::vector<std::string>{"A#1", "B#1", "E#2"});
  CHECK(rules[0].overrule_rate() == doctest::Approx(3.0 / 4));
  for (const auto& r : rules) {
    if (r.rule == "background.uniformity") {
      CHECK(r.passed == 1);
      CHECK(r.rejected_anyway == 0);  // BACKGROUND was background.colour's failure, not an overruling
    }
    if (r.rule == "file.size") {
      CHECK(r.approved_anyway == 1);
      CHECK(r.reason.empty());
    }
  }
}
