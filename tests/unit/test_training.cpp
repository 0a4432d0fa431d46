// Trainers (issue 16): training scores against a hand-computed example; a 20-case training session
// that leaves every live table as it was; certification and who may do what; building sets by
// filter, by hand and by import; the audit log keeps up with it all.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/figures/training_scores.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"
#include "table_dump.hpp"

using namespace rs;
using namespace rs::store;
using accounts::Role;
using test::dump;
using test::one;

namespace {
// The live tables a training session must not touch (the queue is attempts and orders).
std::string live_tables(Store& s) {
  std::string out;
  for (const char* t : {"decisions", "decision_reasons", "image_numbers", "notices", "outbox", "attempts", "orders",
                        "serial_counters", "second_reviews", "overturns", "photos", "fencing"})
    out += dump(s, t);
  return out;
}

void require_intact(Store& s) {
  const auto report = s.audit_verify();
  if (report.problem)
    MESSAGE(report.problem->kind << " at row " << report.problem->row << ": " << report.problem->what);
  CHECK_FALSE(report.problem);
}

// The demo history's findings records: the face-width rule failed or passed.
const char* kEngineFails =
    R"({"v":2,"spec":"demo","fail":{"geometry":[["face_width",0.52,35]]},"warn":{},"pass":{},"cannot_assess":{}})";

// A queue with `decided` orders decided by r1 (every third rejected for BLURRED, every fifth in
// 广州 as a social security card) and `pending` more waiting.
struct History {
  test::TempDb db;
  Store s{db.path, StoreOptions{.second_review_share = 0.0}};
  accounts::Actor r1 = test::reviewer(s, "r1");
  accounts::Actor sup = test::supervisor(s, "sup");
  accounts::Actor tr = test::signed_in(s, "tr", {Role::Trainer});

  explicit History(int decided, int pending = 3) {
    for (int i = 0; i < decided + pending; ++i) {
      auto o = i % 5 == 0 ? test::order(i, "广州市", "社保卡") : test::order(i);
      REQUIRE(s.enqueue(o).status == IngestItem::Status::Enqueued);
    }
    for (int i = 0; i < decided; ++i) {
      auto c = s.claim_next(r1, "ws");
      REQUIRE(c);
      DecisionRequest r{c->attempt.id, c->lease.token, "ws", i % 3 == 0 ? Outcome::Reject : Outcome::Approve};
      if (r.outcome == Outcome::Reject) r.reasons = {"BLURRED"};
      if (i == 1) r.findings_json = kEngineFails;  // approved although the engine failed it
      s.decide(r1, r);
    }
  }
  // A trainee: a reviewer account added with trainee = true.
  accounts::Actor trainee(const std::string& name) {
    const auto admin = s.sign_in("test-admin", "demo");
    s.add_user(admin, {.name = name, .roles = {Role::Reviewer}, .password = "demo", .trainee = true});
    return s.sign_in(name, "demo");
  }
};
}  // namespace

TEST_CASE("training scores match a hand-computed example") {
  // reference -> answer, time:
  //   1 approve            -> approve             1 s
  //   2 approve            -> approve             2 s
  //   3 approve            -> reject BLURRED      3 s
  //   4 reject LIGHTING    -> reject LIGHTING     4 s
  //   5 reject LIGHTING,BLURRED -> reject BLURRED 5 s
  //   6 reject HAIR_EARS   -> approve             9 s
  // 2x2 table (reference first): a = 2 (both approve), b = 1 (ref approve, answer reject),
  // c = 1 (ref reject, answer approve), d = 2 (both reject).
  // accuracy = (a + d) / n = 4/6 = 0.6667.
  // kappa: p_o = 4/6; the reference approves 3/6, the trainee approves (a + c)/6 = 3/6, so
  // p_e = 0.5 * 0.5 + 0.5 * 0.5 = 0.5 and kappa = (0.6667 - 0.5) / (1 - 0.5) = 0.3333.
  // Per reason: BLURRED named by the trainee in 3 (reference: no, fp) and 5 (yes, tp), by the
  //   reference in 5 only: tp 1, fp 1, fn 0 -> precision 1/2, recall 1/1.
  // LIGHTING named by the trainee in 4 (tp), by the reference in 4 and 5 (5 missed, fn):
  //   tp 1, fp 0, fn 1 -> precision 1/1, recall 1/2.
  // HAIR_EARS named by the reference in 6 only (fn): precision undefined (never named), recall 0.
  // Time per case: (1 + 2 + 3 + 4 + 5 + 9) s / 6 = 4 s.
  using figures::ScoredAnswer;
  const std::vector<ScoredAnswer> answers = {
      {true, {}, true, {}, 1000},
      {true, {}, true, {}, 2000},
      {true, {}, false, {"BLURRED"}, 3000},
      {false, {"LIGHTING"}, false, {"LIGHTING"}, 4000},
      {false, {"LIGHTING", "BLURRED"}, false, {"BLURRED"}, 5000},
      {false, {"HAIR_EARS"}, true, {}, 9000},
  };
  const auto s = figures::score_answers(answers);
  CHECK(s.cases == 6);
  CHECK(s.correct == 4);
  CHECK(s.accuracy == doctest::Approx(4.0 / 6.0));
  REQUIRE(s.kappa);
  CHECK(*s.kappa == doctest::Approx(1.0 / 3.0));
  CHECK(s.ms_per_case == doctest::Approx(4000.0));
  REQUIRE(s.per_reason.size() == 3);
  CHECK(*s.per_reason.at("BLURRED").precision() == doctest::Approx(0.5));
  CHECK(*s.per_reason.at("BLURRED").recall() == doctest::Approx(1.0));
  CHECK(*s.per_reason.at("LIGHTING").precision() == doctest::Approx(1.0));
  CHECK(*s.per_reason.at("LIGHTING").recall() == doctest::Approx(0.5));
  CHECK_FALSE(s.per_reason.at("HAIR_EARS").precision());
  CHECK(*s.per_reason.at("HAIR_EARS").recall() == doctest::Approx(0.0));
  // The JSON the CLI prints: nulls where a figure cannot be computed.
  const auto j = figures::to_json(s);
  CHECK(j["per_reason"]["HAIR_EARS"]["precision"].is_null());
  CHECK(j["per_reason"]["LIGHTING"]["recall"].get<double>() == doctest::Approx(0.5));
  CHECK(j["kappa"].get<double>() == doctest::Approx(1.0 / 3.0));
  // No answer: nothing to score, no kappa.
  CHECK_FALSE(figures::score_answers({}).kappa);
}

TEST_CASE("a 20-case training session changes no live table; the training tables hold every answer") {
  History h(22);
  // One approval overturned into a rejection: its reference is the overturn's.
  const auto overturned = h.s.overturn(h.sup, {"T100020", "耳朵被遮挡", {"HAIR_EARS"}, ""});
  REQUIRE(overturned.to == Outcome::Reject);
  const auto t1 = h.trainee("t1");
  const auto info = h.s.create_training_set(h.tr, "basics", Feedback::Immediate, {.limit = 20});
  REQUIRE(info.cases == 20);
  h.s.assign_training_set(h.tr, "basics", "t1");
  const auto set = h.s.training_set(h.tr, "basics");
  int seen = 0;
  for (const auto& c : set.cases)
    if (c.order_no == "T100020") {
      ++seen;
      CHECK(c.overturned);
      CHECK(c.original_decision == "approved");
      CHECK(c.reference == "rejected");
      CHECK(c.reference_reasons == std::vector<std::string>{"HAIR_EARS"});
    }
  CHECK(seen == 1);  // the 20 newest of 22 decisions: orders 2 to 21
  const std::string before = live_tables(h.s);
  const auto audit_before = one(h.s, "SELECT COUNT(*) FROM audit_log");

  int right = 0;
  std::vector<std::string> given;
  for (int i = 0; i < 20; ++i) {
    const auto task = h.s.next_training_case(t1, "basics");
    REQUIRE(task);
    CHECK(task->applicant_masked.find("测") == 0);  // masked: 测*...
    CHECK(task->applicant_masked.find('*') != std::string::npos);
    CHECK(task->id_number_masked.find("**") != std::string::npos);
    CHECK_FALSE(task->photo.empty());
    const Outcome o = i % 4 == 0 ? Outcome::Reject : Outcome::Approve;
    const auto res = h.s.answer_training_case(
        t1, {"basics", task->case_id, o,
             o == Outcome::Reject ? std::vector<std::string>{"BLURRED"} : std::vector<std::string>{}, 0});
    REQUIRE(res.reference);  // immediate feedback
    right += res.decision == res.reference->reference;
    given.push_back(res.decision);
    CHECK(res.answered == i + 1);
  }
  CHECK_FALSE(h.s.next_training_case(t1, "basics"));
  CHECK_THROWS_AS(h.s.answer_training_case(t1, {"basics", 0, Outcome::Approve, {}, 0}), Refusal);

  CHECK(live_tables(h.s) == before);
  CHECK(one(h.s, "SELECT COUNT(*) FROM training_answers") == 20);
  CHECK(one(h.s, "SELECT COUNT(*) FROM audit_log") == audit_before + 20);  // one training_answer row each
  CHECK(one(h.s, "SELECT COUNT(*) FROM training_answers WHERE decision = 'rejected' AND reasons = 'BLURRED,'") == 5);
  const auto scores = h.s.training_scores(h.tr, "t1");
  REQUIRE(scores.size() == 1);
  CHECK(scores[0].cases == 20);
  CHECK(scores[0].set_cases == 20);
  CHECK(scores[0].correct == right);
  const auto feedback = h.s.training_feedback(t1, "basics", "t1");
  REQUIRE(feedback.size() == 20);
  for (std::size_t i = 0; i < 20; ++i) CHECK(feedback[i].decision == given[i]);
  require_intact(h.s);
  // The answers are checked against the log: one deleted by hand is named.
  Statement(h.s.database(), "DELETE FROM training_answers WHERE id = (SELECT MAX(id) FROM training_answers)").run();
  const auto report = h.s.audit_verify();
  REQUIRE(report.problem);
  CHECK(report.problem->what.find("records a training answer the table does not hold") != std::string::npos);
}

TEST_CASE("a trainee's claims on the live queue are refused until a trainer certifies them") {
  History h(4, 3);
  const auto t1 = h.trainee("t1");
  CHECK_FALSE(h.s.certified("t1"));
  CHECK(h.s.certified("r1"));
  try {
    h.s.claim_next(t1, "ws");
    FAIL("a trainee claimed from the live queue");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::NotCertified);
    CHECK(std::string(e.what()).find("t1 is a trainee") != std::string::npos);
  }
  CHECK_THROWS_AS(h.s.claim_second_review(t1, "ws"), Refusal);
  // A reviewer without the trainer or supervisor role can neither certify nor build a set.
  try {
    h.s.certify(h.r1, "t1");
    FAIL("a reviewer certified");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::NotPermitted);
  }
  CHECK_THROWS_AS(h.s.create_training_set(h.r1, "x", Feedback::End, {}), Refusal);
  CHECK_THROWS_AS(h.s.assign_training_set(h.r1, "x", "t1"), Refusal);
  CHECK(one(h.s, "SELECT COUNT(*) FROM training_sets") == 0);
  CHECK_FALSE(h.s.certified("t1"));
  // Refusals name the account: unknown, not a reviewer, certified already.
  CHECK_THROWS_WITH(h.s.certify(h.tr, "nobody"), doctest::Contains("no account named 'nobody'"));
  CHECK_THROWS_WITH(h.s.certify(h.tr, "sup"), doctest::Contains("not a reviewer"));
  CHECK_THROWS_WITH(h.s.certify(h.tr, "r1"), doctest::Contains("certified already"));
  h.s.certify(h.tr, "t1");
  CHECK(h.s.certified("t1"));
  CHECK(h.s.claim_next(t1, "ws"));
  require_intact(h.s);
  // The flag is checked against the log: a trainee certified by hand in the file is named.
  const auto t2 = h.trainee("t2");
  Statement(h.s.database(), "UPDATE users SET certified = 1 WHERE name = 't2'").run();
  const auto report = h.s.audit_verify();
  REQUIRE(report.problem);
  CHECK(report.problem->what.find("account 't2'") != std::string::npos);
  CHECK(report.problem->what.find("certified") != std::string::npos);
}

TEST_CASE("training sets by reason, document type, city, difficulty, by hand, and through export/import") {
  History h(30, 0);
  h.s.overturn(h.sup, {"T100003", "照片清晰", {}, ""});  // a BLURRED rejection turned into an approval
  // By reason: the final reasons count, so the overturned rejection is left out.
  const auto blurred = h.s.create_training_set(h.tr, "blurred", Feedback::End, {.reason = "BLURRED", .limit = 100});
  CHECK(blurred.cases == 9);  // 10 rejections (0, 3, ..., 27), one overturned
  for (const auto& c : h.s.training_set(h.tr, "blurred").cases) {
    CHECK(c.reference == "rejected");
    CHECK(c.reference_reasons == std::vector<std::string>{"BLURRED"});
  }
  const auto social =
      h.s.create_training_set(h.tr, "social", Feedback::End, {.doc_type = "社保卡", .city = "广州", .limit = 100});
  CHECK(social.cases == 6);  // orders 0, 5, ..., 25
  const auto few = h.s.create_training_set(h.tr, "few", Feedback::End, {.limit = 4});
  CHECK(few.cases == 4);
  // Difficult: the overturned decision and the approval the engine had failed (order 1).
  const auto hard = h.s.create_training_set(h.tr, "hard", Feedback::End, {.difficult = true, .limit = 100});
  CHECK(hard.cases == 2);
  std::set<std::string> hard_orders;
  for (const auto& c : h.s.training_set(h.tr, "hard").cases) hard_orders.insert(c.order_no);
  CHECK(hard_orders == std::set<std::string>{"T100001", "T100003"});
  // By hand, and the refusals that name the item.
  const auto picked = h.s.create_training_set(h.tr, "picked", Feedback::End, {.orders = {"T100007", "T100008#1"}});
  CHECK(picked.cases == 2);
  CHECK_THROWS_WITH(h.s.create_training_set(h.tr, "bad", Feedback::End, {.orders = {"T100007", "NOPE"}}),
                    doctest::Contains("line 2: order 'NOPE': no such order"));
  CHECK_THROWS_WITH(h.s.create_training_set(h.tr, "bad", Feedback::End, {.reason = "NOT_A_REASON"}),
                    doctest::Contains("unknown reason code 'NOT_A_REASON'"));
  CHECK_THROWS_WITH(h.s.create_training_set(h.tr, "few", Feedback::End, {}), doctest::Contains("exists already"));
  CHECK_THROWS_WITH(h.s.assign_training_set(h.tr, "few", "ghost"), doctest::Contains("no account named 'ghost'"));
  CHECK_THROWS_WITH(h.s.assign_training_set(h.tr, "nope", "r1"), doctest::Contains("no training set named 'nope'"));
  // The trainer edits a reference and a note.
  h.s.edit_training_case(h.tr, "picked", 1, Outcome::Reject, {"LIGHTING"}, std::string("看左耳"));
  const auto edited = h.s.training_set(h.tr, "picked").cases.at(0);
  CHECK(edited.reference == "rejected");
  CHECK(edited.note == "看左耳");
  CHECK_THROWS_AS(h.s.edit_training_case(h.r1, "picked", 1, std::nullopt, {}, std::string("x")), Refusal);
  // Export and import (under another name): the same cases, references and notes.
  auto file = nlohmann::json::parse(h.s.export_training_set(h.tr, "picked"));
  file["name"] = "picked-again";
  const auto again = h.s.import_training_set(h.tr, file.dump());
  CHECK(again.cases == 2);
  CHECK(h.s.training_set(h.tr, "picked-again").cases.at(0).note == "看左耳");
  file["name"] = "broken";
  file["cases"][1]["order_no"] = "GONE";
  CHECK_THROWS_WITH(h.s.import_training_set(h.tr, file.dump()), doctest::Contains("case 2: order 'GONE'"));
  CHECK_THROWS_WITH(h.s.import_training_set(h.tr, "{not json"), doctest::Contains("not a JSON object"));
  // Only the assigned trainee answers.
  const auto t1 = h.trainee("t1");
  CHECK_THROWS_WITH(h.s.next_training_case(t1, "picked"), doctest::Contains("not assigned to t1"));
  h.s.assign_training_set(h.tr, "picked", "t1");
  CHECK(h.s.next_training_case(t1, "picked"));
  CHECK_THROWS_AS(h.s.answer_training_case(h.r1, {"picked", 0, Outcome::Approve, {}, 0}), Refusal);
  // End feedback: no reference until the last answer; the trainee's own feedback only then.
  auto first = h.s.answer_training_case(t1, {"picked", 0, Outcome::Reject, {"LIGHTING"}, 0});
  CHECK_FALSE(first.reference);
  CHECK_THROWS_AS(h.s.training_feedback(t1, "picked", "t1"), Refusal);
  auto last = h.s.answer_training_case(t1, {"picked", 0, Outcome::Approve, {}, 0});
  CHECK(last.finished);
  CHECK(h.s.training_feedback(t1, "picked", "t1").size() == 2);
  CHECK(h.s.training_sets(t1).size() == 1);  // a trainee lists the sets assigned to them
  CHECK(h.s.training_sets(h.tr).size() == 6);
  require_intact(h.s);
  CHECK(h.s.audit_verify().training == 6 + 9 + 6 + 4 + 2 + 2 + 2 + 1 + 2);  // sets, cases, assignment, answers
  // A reference changed by hand in the file is named.
  Statement(h.s.database(),
            "UPDATE training_cases SET reference = 'approved', reference_reasons = '' WHERE position = 1 AND "
            "set_id = (SELECT id FROM training_sets WHERE name = 'blurred')")
      .run();
  const auto report = h.s.audit_verify();
  REQUIRE(report.problem);
  CHECK(report.problem->what.find("training set 'blurred' case 1") != std::string::npos);
}
