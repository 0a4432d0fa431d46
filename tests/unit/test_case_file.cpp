// One order's case file (store_case.cpp): every attempt with its photo and decision, the second
// review and the overturn, the audit rows about the case and no others, the applicant in full,
// and the supervisor role.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/store/case_file.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
const char* kRecord = R"({"v":2,"spec":"id_card:0011223344556677","fail":{"geometry":[["face_width",0.4,20]]}})";

DecisionResult decide(Store& s, const accounts::Actor& who, bool approve, std::vector<std::string> reasons = {}) {
  auto c = s.claim_next(who, "ws");
  REQUIRE(c);
  DecisionRequest r{c->attempt.id, c->lease.token, "ws", approve ? Outcome::Approve : Outcome::Reject};
  r.reasons = std::move(reasons);
  if (std::find(r.reasons.begin(), r.reasons.end(), "OTHER") != r.reasons.end()) r.other_text = "衣领遮挡";
  r.findings_json = kRecord;
  r.shown_ms = now_ms() - 4000;
  return s.decide(who, r);
}

bool has_action(const CaseFile& c, const std::string& action) {
  return std::any_of(c.audit.begin(), c.audit.end(), [&](const CaseAuditRow& r) { return r.action == action; });
}
}  // namespace

TEST_CASE("case file: attempts, decisions, second review, overturn and the case's audit trail") {
  test::TempDb db;
  Store s{db.path, {.second_review_share = 1.0}};
  const auto r1 = test::reviewer(s, "r1"), r2 = test::reviewer(s, "r2");
  const auto sup = test::supervisor(s, "sup");
  REQUIRE(s.enqueue(test::order(1)).status == IngestItem::Status::Enqueued);
  REQUIRE(s.enqueue(test::order(2)).status == IngestItem::Status::Enqueued);
  // Order 1: r1 rejects attempt 1 (other text), the applicant resubmits, r1 approves attempt 2.
  const auto first = decide(s, r1, false, {"BLURRED", "OTHER"});
  decide(s, r1, true);  // order 2, in the way of nothing
  s.resubmit(first.notice_token, test::tiny_jpeg(7));
  decide(s, r1, true);
  // r2 second-reviews all three, rejecting the approval of attempt 2 (a disagreement).
  while (auto c = s.claim_second_review(r2, "ws")) {
    SecondReviewRequest r{.id = c->id, .lease_token = c->lease_token, .workstation = "ws"};
    r.outcome = c->order.order_no == first.order_no ? Outcome::Reject : Outcome::Approve;
    if (r.outcome == Outcome::Reject) r.reasons = {"BACKGROUND"};
    s.decide_second_review(r2, r);
  }
  s.overturn(sup, {first.order_no, "背景不合格", {"BACKGROUND"}});

  const auto c = s.case_file(sup, first.order_no);
  REQUIRE(c);
  CHECK(c->order.applicant_name == "测试1");  // in full: the supervisor opened it deliberately
  CHECK(c->order.id_number == test::valid_id(1));
  REQUIRE(c->attempts.size() == 2);
  CHECK(c->attempts[0].attempt.attempt_no == 1);
  CHECK(!c->attempts[0].photo.empty());
  CHECK(c->attempts[1].photo == test::tiny_jpeg(7));
  const auto& d1 = *c->attempts[0].decision;
  CHECK(d1.decision == "rejected");
  CHECK(d1.reviewer == "r1");
  CHECK(d1.reasons == std::vector<std::string>{"BLURRED", "OTHER"});
  CHECK(d1.other_text == "衣领遮挡");
  CHECK(d1.findings_json == kRecord);
  CHECK(d1.review_ms >= 3000);
  CHECK(!d1.shown_at.empty());
  REQUIRE(d1.second_review);
  CHECK(d1.second_review->agrees);
  CHECK(!d1.overturn);
  const auto& d2 = *c->attempts[1].decision;
  CHECK(d2.decision == "approved");  // as the reviewer decided it; the overturn beside it
  CHECK(!d2.image_number.empty());
  REQUIRE(d2.second_review);
  CHECK(!d2.second_review->agrees);
  CHECK(d2.second_review->reviewer == "r2");
  CHECK(d2.second_review->reasons == std::vector<std::string>{"BACKGROUND"});
  REQUIRE(d2.overturn);
  CHECK(d2.overturn->supervisor == "sup");
  CHECK(d2.overturn->to_decision == "rejected");
  CHECK(d2.overturn->justification == "背景不合格");
  CHECK(d2.overturn->reasons == std::vector<std::string>{"BACKGROUND"});
  CHECK(d2.overturn->revoked_number == d2.image_number);

  // The trail: intake, claims (by attempt id), decisions, draws, second reviews, the overturn; in order.
  for (const char* action : {"enqueue", "claim", "decide", "resubmit", "second_review_drawn", "second_review_claim",
                             "second_review", "overturn"})
    CHECK_MESSAGE(has_action(*c, action), action);
  for (std::size_t i = 1; i < c->audit.size(); ++i) CHECK(c->audit[i - 1].id < c->audit[i].id);
  const auto other = s.case_file(sup, "T100002");
  REQUIRE(other);
  for (const auto& row : c->audit) CHECK(row.subject != "T100002");
  CHECK(other->attempts.size() == 1);
  CHECK(!has_action(*other, "overturn"));
}

TEST_CASE("case file: supervisors only; an unknown order has none") {
  test::TempDb db;
  Store s{db.path};
  REQUIRE(s.enqueue(test::order(1)).status == IngestItem::Status::Enqueued);
  const auto r1 = test::reviewer(s, "r1");
  CHECK_THROWS_AS(s.case_file(r1, "T100001"), Refusal);
  const auto sup = test::supervisor(s, "sup");
  CHECK(!s.case_file(sup, "NOPE"));
  const auto c = s.case_file(sup, "T100001");
  REQUIRE(c);
  CHECK(!c->attempts.at(0).decision);  // pending: nothing decided yet
  CHECK(has_action(*c, "enqueue"));
}
