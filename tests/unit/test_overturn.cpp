// Store::overturn: a supervisor turns an order's latest decision round in one transaction; every
// refusal writes nothing; the rejection's token stops working; `audit verify` pairs each overturn
// with its row and catches an edited overturn.
#include <doctest/doctest.h>

#include <sstream>

#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t one(Store& s, const std::string& sql) {
  Statement q(s.database(), sql.c_str());
  REQUIRE(q.step());
  return q.int64(0);
}

std::string text(Store& s, const std::string& sql) {
  Statement q(s.database(), sql.c_str());
  REQUIRE(q.step());
  return q.text(0);
}

// Every table an overturn writes, counted (the serial counters by their sum).
std::string counts(Store& s) {
  std::string out;
  for (const char* table :
       {"decisions", "image_numbers", "notices", "outbox", "audit_log", "overturns", "overturn_reasons", "attempts"})
    out += std::string(table) + "=" + std::to_string(one(s, std::string("SELECT COUNT(*) FROM ") + table)) + " ";
  out += "serials=" + std::to_string(one(s, "SELECT COALESCE(SUM(last_serial), 0) FROM serial_counters")) + " ";
  out += "revoked=" + std::to_string(one(s, "SELECT COUNT(*) FROM image_numbers WHERE revoked_at IS NOT NULL"));
  return out;
}

DecisionResult decide_next(Store& s, const accounts::Actor& who, Outcome outcome) {
  auto c = s.claim_next(who, "ws");
  REQUIRE(c);
  DecisionRequest r{c->attempt.id, c->lease.token, "ws", outcome};
  if (outcome == Outcome::Reject) r.reasons = {"BLURRED"};
  return s.decide(who, r);
}

OverturnRequest to_rejection(const std::string& order_no) {
  return {order_no, "申请人照片与身份证件不符", {"HAIR_EARS", "OTHER"}, "请露出双耳"};
}

void require_intact(Store& s) {
  const auto report = s.audit_verify();
  if (report.problem)
    MESSAGE(report.problem->kind << " at row " << report.problem->row << ": " << report.problem->what);
  CHECK_FALSE(report.problem);
}

struct Queue {
  test::TempDb db;
  Store s{db.path};
  accounts::Actor r1 = test::reviewer(s, "r1");
  accounts::Actor sup = test::supervisor(s, "sup");
  explicit Queue(int orders = 4) {
    for (int i = 0; i < orders; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  }
};
}  // namespace

TEST_CASE("overturn: an approval becomes a rejection with a notice and a free resubmission") {
  Queue q;
  const auto approved = decide_next(q.s, q.r1, Outcome::Approve);
  const auto r = q.s.overturn(q.sup, to_rejection(approved.order_no));
  CHECK(r.to == Outcome::Reject);
  CHECK(r.revoked_number == approved.image_number);
  CHECK(r.notice_token.size() == 32);
  CHECK(q.s.verify(approved.image_number, "深圳", "身份证").answer == VerifyAnswer::Revoked);
  CHECK(text(q.s, "SELECT status FROM attempts WHERE id = (SELECT attempt_id FROM decisions WHERE id = " +
                      std::to_string(approved.decision_id) + ")") == "rejected");
  CHECK(one(q.s, "SELECT COUNT(*) FROM notices WHERE kind = 'overturn'") == 1);
  CHECK(one(q.s, "SELECT COUNT(*) FROM overturn_reasons") == 2);
  CHECK(text(q.s, "SELECT idempotency_key FROM outbox WHERE kind = 'overturn_rejection'") ==
        approved.order_no + "/1/overturn_rejection");
  const std::string payload = text(q.s, "SELECT payload_json FROM outbox WHERE kind = 'overturn_rejection'");
  CHECK(payload.find(r.notice_token) != std::string::npos);
  CHECK(payload.find("请露出双耳") != std::string::npos);
  // The notice kept for the record holds only the token's digest.
  CHECK(text(q.s, "SELECT body_json FROM notices WHERE kind = 'overturn'").find(r.notice_token) == std::string::npos);
  CHECK(one(q.s, "SELECT COUNT(*) FROM audit_log WHERE action = 'overturn'") == 1);
  require_intact(q.s);
  CHECK(q.s.audit_verify().overturns == 1);

  const auto again = q.s.resubmit(r.notice_token, test::tiny_jpeg(77));
  CHECK(again.attempt_no == 2);
  require_intact(q.s);
  // The reviewer of the resubmission sees what the overturn asked the applicant to fix.
  const auto claim = q.s.claim_next(q.r1, "ws");
  REQUIRE(claim);
  REQUIRE(claim->previous);
  CHECK(claim->previous->reasons == std::vector<std::string>{"HAIR_EARS", "OTHER"});
  CHECK(claim->previous->reviewer == "sup");
  CHECK(claim->previous->other_text == "请露出双耳");

  std::ostringstream out;
  q.s.export_decisions(out);
  const std::string line = out.str().substr(0, out.str().find('\n'));
  CHECK(line.find("\"overturned\":{") != std::string::npos);
  CHECK(line.find("\"to\":\"rejected\"") != std::string::npos);
  CHECK(line.find("\"by\":\"sup\"") != std::string::npos);
}

TEST_CASE("overturn: a rejection becomes an approval; its token stops working") {
  Queue q;
  const auto rejected = decide_next(q.s, q.r1, Outcome::Reject);
  const auto r = q.s.overturn(q.sup, {rejected.order_no, "复核认为照片合格"});
  CHECK(r.to == Outcome::Approve);
  REQUIRE_FALSE(r.image_number.empty());
  CHECK(q.s.verify(r.image_number, "深圳", "身份证").answer == VerifyAnswer::Valid);
  const auto receipt = q.s.receipt_data(r.image_number);
  REQUIRE(receipt);
  CHECK(receipt->order_no == rejected.order_no);
  CHECK(r.voided_notice_id.has_value());
  CHECK(text(q.s, "SELECT status FROM attempts a JOIN orders o ON o.id = a.order_id WHERE o.order_no = '" +
                      rejected.order_no + "'") == "approved");
  CHECK(one(q.s, "SELECT COUNT(*) FROM outbox WHERE kind = 'overturn_approval'") == 1);

  const auto before = counts(q.s);
  try {
    q.s.resubmit(rejected.notice_token, test::tiny_jpeg(78));
    FAIL("a voided token was accepted");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::TokenVoided);
    CHECK(std::string(e.what()).find("overturned") != std::string::npos);
  }
  CHECK(counts(q.s) == before);
  require_intact(q.s);

  // The new number can be revoked like any other, and the log still holds.
  q.s.revoke(test::supervisor(q.s, "sup2"), r.image_number, "发现证件类型错误");
  CHECK(q.s.verify(r.image_number, "深圳", "身份证").answer == VerifyAnswer::Revoked);
  require_intact(q.s);
}

TEST_CASE("overturn: every refusal names the problem and writes nothing") {
  Queue q(8);
  const auto boss = test::signed_in(q.s, "boss", {accounts::Role::Reviewer, accounts::Role::Supervisor});
  const auto approved = decide_next(q.s, q.r1, Outcome::Approve);
  const auto rejected = decide_next(q.s, q.r1, Outcome::Reject);
  const auto own = decide_next(q.s, boss, Outcome::Approve);
  const auto revoked = decide_next(q.s, q.r1, Outcome::Approve);
  q.s.revoke(q.sup, revoked.image_number, "撤销");
  const auto resubmitted = decide_next(q.s, q.r1, Outcome::Reject);
  const auto twice = decide_next(q.s, q.r1, Outcome::Reject);
  q.s.overturn(q.sup, {twice.order_no, "合格"});
  q.s.resubmit(resubmitted.notice_token, test::tiny_jpeg(90));  // after the decisions: it jumps the queue
  const std::string pending = test::order(7).order_no;

  struct Case {
    const char* what;
    const accounts::Actor* who;
    OverturnRequest request;
    Refusal::Why why;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"a reviewer", &q.r1, to_rejection(approved.order_no), Refusal::Why::NotPermitted, "supervisor role"},
      {"own decision", &boss, to_rejection(own.order_no), Refusal::Why::NotPermitted, "own decision"},
      {"unknown order", &q.sup, to_rejection("NOPE"), Refusal::Why::UnknownOrder, "NOPE"},
      {"pending", &q.sup, to_rejection(pending), Refusal::Why::NotPending, "pending"},
      {"resubmitted", &q.sup, {resubmitted.order_no, "合格"}, Refusal::Why::NotPending, "attempt 2"},
      {"revoked", &q.sup, to_rejection(revoked.order_no), Refusal::Why::AlreadyRevoked, "revoked"},
      {"no justification", &q.sup, {approved.order_no, " \n", {"BLURRED"}}, Refusal::Why::BadText, "justification"},
      {"no reasons", &q.sup, {approved.order_no, "不合格"}, Refusal::Why::NoReason, "reason"},
      {"unknown reason", &q.sup, {approved.order_no, "不合格", {"NOPE"}}, Refusal::Why::UnknownReason, "NOPE"},
      {"OTHER without text", &q.sup, {approved.order_no, "不合格", {"OTHER"}}, Refusal::Why::OtherNeedsText, "OTHER"},
      {"reasons on a rejection", &q.sup, {rejected.order_no, "合格", {"BLURRED"}}, Refusal::Why::BadQuery, "reasons"},
      {"overturned already", &q.sup, to_rejection(twice.order_no), Refusal::Why::AlreadyOverturned, "already"},
      {"control character", &q.sup, {rejected.order_no, "合格\x1b[2J"}, Refusal::Why::BadText, "justification"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    const auto before = counts(q.s);
    try {
      q.s.overturn(*c.who, c.request);
      FAIL("not refused");
    } catch (const Refusal& e) {
      CHECK(e.why() == c.why);
      const std::string what = e.what();
      CHECK(what.find(c.says) != std::string::npos);
      CHECK(what.find("nothing was written") != std::string::npos);
    }
    CHECK(counts(q.s) == before);
  }
  require_intact(q.s);
}

TEST_CASE("overturn: audit verify catches an edited overturn and what it issued") {
  Queue q;
  const auto approved = decide_next(q.s, q.r1, Outcome::Approve);
  const auto rejected = decide_next(q.s, q.r1, Outcome::Reject);
  q.s.overturn(q.sup, to_rejection(approved.order_no));
  const auto to_approval = q.s.overturn(q.sup, {rejected.order_no, "复核认为照片合格"});
  require_intact(q.s);
  CHECK_THROWS_AS(q.s.database().exec("UPDATE overturns SET justification = 'x'"), SqliteError);
  CHECK_THROWS_AS(q.s.database().exec("DELETE FROM overturn_reasons"), SqliteError);

  SUBCASE("justification edited") {
    test::tamper(q.s, "DROP TRIGGER overturns_no_update");
    q.s.database().exec("UPDATE overturns SET justification = 'nothing to see' WHERE id = 1");
  }
  SUBCASE("a reason deleted") {
    test::tamper(q.s, "DROP TRIGGER overturn_reasons_no_delete");
    q.s.database().exec("DELETE FROM overturn_reasons WHERE position = 1");
  }
  SUBCASE("the new number's expiry moved") {
    q.s.database().exec(
        ("UPDATE image_numbers SET expires_on = '2099-01-01' WHERE number = '" + to_approval.image_number + "'")
            .c_str());
  }
  SUBCASE("the revoked number un-revoked") {
    q.s.database().exec(
        ("UPDATE image_numbers SET revoked_at = NULL, revoked_by = NULL, revoked_reason = NULL WHERE number = '" +
         approved.image_number + "'")
            .c_str());
  }
  SUBCASE("the overturn deleted with its reasons") {
    test::tamper(q.s, "DROP TRIGGER overturns_no_delete");
    test::tamper(q.s, "DROP TRIGGER overturn_reasons_no_delete");
    test::tamper(q.s, "PRAGMA foreign_keys=OFF");
    q.s.database().exec("DELETE FROM overturn_reasons WHERE overturn_id = 2");
    q.s.database().exec("DELETE FROM overturns WHERE id = 2");
  }
  const auto report = q.s.audit_verify();
  REQUIRE(report.problem);
  MESSAGE(report.problem->what);
  CHECK(report.problem->kind == "mismatch");
}
