// Session replay and trainees' progress (issue 16): what was on screen is kept with a workstation's
// decision (decision_screens, migration 017) and nothing changes for a decision without it; a
// reviewer's decisions split into working sessions at pauses over 30 minutes; a trainee's answers
// scored per session. Hand-computed examples; trainers and supervisors only.
#include <doctest/doctest.h>

#include "core/figures/work_sessions.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;
using accounts::Role;

namespace {
constexpr Millis kMinute = 60'000;
constexpr Millis kT0 = 1'796'000'000'000;  // 2026-11-30 (after the test orders' submission): one fixed moment

// The store's clock, moved by hand.
struct FakeClock {
  Millis now = kT0;
  FakeClock() {
    set_clock_for_tests([this] { return now; });
  }
  ~FakeClock() { set_clock_for_tests(nullptr); }
};

std::int64_t one(Store& s, const std::string& sql) {
  Statement q(s.database(), sql.c_str());
  REQUIRE(q.step());
  return q.int64(0);
}

ScreenRecord some_screen() {
  ScreenRecord v;
  v.overlays = screen_bits::kFaceBox | screen_bits::kLandmarks | screen_bits::kFindingShapes;
  v.layers = screen_bits::kBackground;
  v.mirrored = true;
  v.zoom = 2.5;
  v.centre_x = 0.4;
  v.centre_y = 0.35;
  return v;
}

struct Queue {
  FakeClock clock;
  test::TempDb db;
  Store s{db.path, StoreOptions{.second_review_share = 0.0}};
  accounts::Actor r1 = test::reviewer(s, "r1");
  accounts::Actor sup = test::supervisor(s, "sup");
  accounts::Actor tr = test::signed_in(s, "tr", {Role::Trainer});

  explicit Queue(int orders) {
    for (int i = 0; i < orders; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  }
  // r1 decides the next order at `at`, the photo on screen since `shown_for` before.
  DecisionResult decide(Millis at, Millis shown_for, Outcome o, std::optional<ScreenRecord> screen = std::nullopt) {
    clock.now = at;
    auto c = s.claim_next(r1, "ws");
    REQUIRE(c);
    DecisionRequest r{c->attempt.id, c->lease.token, "ws", o};
    if (o == Outcome::Reject) r.reasons = {"BLURRED", "LIGHTING"};
    r.shown_ms = at - shown_for;
    r.screen = screen;
    return s.decide(r1, r);
  }
};
}  // namespace

TEST_CASE("a workstation's decision keeps what was on screen; a decision without it keeps nothing more") {
  Queue q(3);
  const auto with = q.decide(kT0, 4000, Outcome::Approve, some_screen());
  const auto without = q.decide(kT0 + 10'000, 3000, Outcome::Reject);  // the command line gives none
  CHECK(with.decision_id > 0);
  CHECK(without.decision_id > 0);
  CHECK(one(q.s, "SELECT COUNT(*) FROM decision_screens") == 1);
  CHECK(one(q.s, "SELECT overlays FROM decision_screens WHERE decision_id = " + std::to_string(with.decision_id)) ==
        (1 | 2 | 64));
  CHECK(one(q.s, "SELECT flags FROM decision_screens") == 1);  // mirrored only
  CHECK(one(q.s, "SELECT COUNT(*) FROM decisions") == 2);

  // Read back through the replay's call, exactly as given.
  const auto sessions = q.s.work_sessions(q.tr, "r1");
  REQUIRE(sessions.size() == 1);
  const auto cases = q.s.session_cases(q.tr, sessions[0]);
  REQUIRE(cases.size() == 2);
  REQUIRE(cases[0].screen);
  CHECK(*cases[0].screen == some_screen());
  CHECK_FALSE(cases[1].screen);
  CHECK(cases[1].reasons == std::vector<std::string>{"BLURRED", "LIGHTING"});

  // The row is kept as written.
  CHECK_THROWS(Statement(q.s.database(), "UPDATE decision_screens SET zoom = 1").run());
  CHECK_THROWS(Statement(q.s.database(), "DELETE FROM decision_screens").run());
  const auto report = q.s.audit_verify();
  CHECK_FALSE(report.problem);

  // The decision's audit row holds the record: one changed behind the triggers' back is named.
  test::tamper(q.s, "DROP TRIGGER decision_screens_no_update");
  Statement(q.s.database(), "UPDATE decision_screens SET zoom = 1.0").run();
  const auto tampered = q.s.audit_verify();
  REQUIRE(tampered.problem);
  CHECK(tampered.problem->what.find("decision " + std::to_string(with.decision_id)) != std::string::npos);
  CHECK(tampered.problem->what.find("screen") != std::string::npos);
}

TEST_CASE("a screen record that cannot be right is refused with the decision, naming the problem") {
  Queue q(1);
  q.clock.now = kT0;
  const auto c = q.s.claim_next(q.r1, "ws");
  REQUIRE(c);
  DecisionRequest r{c->attempt.id, c->lease.token, "ws", Outcome::Approve};
  r.shown_ms = kT0 - 1000;
  r.screen = some_screen();
  r.screen->zoom = -1;
  try {
    q.s.decide(q.r1, r);
    FAIL("decided with a negative zoom");
  } catch (const Refusal& e) {
    CHECK(std::string(e.what()).find("zoom") != std::string::npos);
  }
  r.screen = some_screen();
  r.screen->overlays = 1u << 9;
  CHECK_THROWS_AS(q.s.decide(q.r1, r), Refusal);
  CHECK(one(q.s, "SELECT COUNT(*) FROM decisions") == 0);
  CHECK(one(q.s, "SELECT COUNT(*) FROM decision_screens") == 0);
  r.screen = some_screen();
  CHECK(q.s.decide(q.r1, r).decision_id > 0);  // the order and its lease were still there
  CHECK(one(q.s, "SELECT COUNT(*) FROM decision_screens") == 1);
}

TEST_CASE("sessions split where the pause is longer than 30 minutes") {
  using figures::split_sessions;
  CHECK(split_sessions({}).empty());
  // 0, 1, 2 min; 32 min (a pause of exactly 30 minutes stays in the session); 62 min + 1 ms
  // (30 min + 1 ms later: a new session); 63 min.
  const std::vector<std::int64_t> t = {0, kMinute, 2 * kMinute, 32 * kMinute, 62 * kMinute + 1, 63 * kMinute};
  const auto s = split_sessions(t);
  REQUIRE(s.size() == 2);
  CHECK(s[0].first == 0);
  CHECK(s[0].last == 3);
  CHECK(s[1].first == 4);
  CHECK(s[1].last == 5);
  CHECK(s[1].count() == 2);
  CHECK(split_sessions(t, 10 * kMinute).size() == 3);
}

TEST_CASE("a trainee's scores per session match a hand-computed example") {
  // Session 1 (reference -> answer, ms): A->A 1000, A->R 2000, R->R 3000, R->R 6000.
  //   2x2 (reference first): a 1, b 1, c 0, d 2. accuracy 3/4. p_o 0.75; the reference approves
  //   2/4, the trainee 1/4: p_e = 0.5 * 0.25 + 0.5 * 0.75 = 0.5; kappa = (0.75 - 0.5) / 0.5 = 0.5.
  //   ms per case (1000 + 2000 + 3000 + 6000) / 4 = 3000.
  // Session 2, 45 minutes later: A->A 500, R->R 1500: accuracy 1, p_e 0.5, kappa 1, 1000 ms.
  using figures::TimedAnswer;
  const std::set<std::string> blur = {"BLURRED"};
  const std::vector<TimedAnswer> answers = {
      {0, {true, {}, true, {}, 1000}},
      {kMinute, {true, {}, false, blur, 2000}},
      {2 * kMinute, {false, blur, false, blur, 3000}},
      {3 * kMinute, {false, blur, false, blur, 6000}},
      {48 * kMinute, {true, {}, true, {}, 500}},
      {49 * kMinute, {false, blur, false, blur, 1500}},
  };
  const auto p = figures::progress_by_session(answers);
  REQUIRE(p.size() == 2);
  CHECK(p[0].cases == 4);
  CHECK(p[0].first_ms == 0);
  CHECK(p[0].last_ms == 3 * kMinute);
  CHECK(p[0].accuracy == doctest::Approx(0.75));
  REQUIRE(p[0].kappa);
  CHECK(*p[0].kappa == doctest::Approx(0.5));
  CHECK(p[0].ms_per_case == doctest::Approx(3000));
  CHECK(p[1].cases == 2);
  CHECK(p[1].accuracy == doctest::Approx(1.0));
  REQUIRE(p[1].kappa);
  CHECK(*p[1].kappa == doctest::Approx(1.0));
  CHECK(p[1].ms_per_case == doctest::Approx(1000));
}

TEST_CASE("a reviewer's working sessions and their cases, in order, for trainers and supervisors") {
  Queue q(6);
  // Session 1: 09:00, 09:01, 09:02 (shown 5 s, 8 s, 20 s before); a 2-hour pause; session 2:
  // 11:02 and 11:20 (an 18-minute pause stays in it); session 3 after 40 minutes: 12:00.
  const Millis d[] = {
      kT0, kT0 + kMinute, kT0 + 2 * kMinute, kT0 + 122 * kMinute, kT0 + 140 * kMinute, kT0 + 180 * kMinute};
  const Millis shown[] = {5000, 8000, 20'000, 7000, 9000, 11'000};
  std::vector<std::string> orders;
  for (int i = 0; i < 6; ++i) {
    const auto o = i == 1 ? Outcome::Reject : Outcome::Approve;
    orders.push_back(
        q.decide(d[i], shown[i], o, i < 4 ? std::optional<ScreenRecord>(some_screen()) : std::nullopt).order_no);
  }
  const auto sessions = q.s.work_sessions(q.tr, "r1");
  REQUIRE(sessions.size() == 3);
  CHECK(sessions[0].decisions == 3);
  CHECK(sessions[0].started_ms == kT0 - 5000);  // the first order appeared 5 s before its decision
  CHECK(sessions[0].first_decided_ms == kT0);
  CHECK(sessions[0].last_decided_ms == kT0 + 2 * kMinute);
  CHECK(sessions[0].recorded == 3);
  CHECK(sessions[1].decisions == 2);
  CHECK(sessions[1].recorded == 1);  // 11:02 with a record, 11:20 without
  CHECK(sessions[1].started_ms == kT0 + 122 * kMinute - 7000);
  CHECK(sessions[2].decisions == 1);
  CHECK(sessions[2].recorded == 0);

  const auto cases = q.s.session_cases(q.sup, sessions[0]);  // a supervisor may replay too
  REQUIRE(cases.size() == 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(cases[std::size_t(i)].order_no == orders[std::size_t(i)]);
    CHECK(cases[std::size_t(i)].review_ms == shown[i]);
    CHECK(cases[std::size_t(i)].decided_ms == d[i]);
  }
  CHECK(cases[1].decision == "rejected");
  CHECK(cases[1].reasons == std::vector<std::string>{"BLURRED", "LIGHTING"});
  CHECK(cases[0].decision == "approved");
  CHECK(cases[0].reasons.empty());
  CHECK_FALSE(q.s.decided_photo(q.tr, cases[0].attempt_id).empty());

  CHECK(q.s.session_cases(q.tr, sessions[1]).size() == 2);
  CHECK(q.s.work_sessions(q.tr, "r1", 10 * kMinute).size() == 4);  // 11:02 -> 11:20 now splits
  CHECK(q.s.reviewers_with_decisions(q.tr) == std::vector<std::string>{"r1"});

  // A reviewer cannot replay anybody; an unknown name is named.
  CHECK_THROWS_AS(q.s.work_sessions(q.r1, "r1"), Refusal);
  CHECK_THROWS_AS(q.s.session_cases(q.r1, sessions[0]), Refusal);
  CHECK_THROWS_AS(q.s.decided_photo(q.r1, cases[0].attempt_id), Refusal);
  CHECK_THROWS_AS(q.s.reviewers_with_decisions(q.r1), Refusal);
  try {
    q.s.work_sessions(q.tr, "nobody");
    FAIL("an unknown reviewer was accepted");
  } catch (const Refusal& e) {
    CHECK(std::string(e.what()).find("nobody") != std::string::npos);
  }
}

TEST_CASE("a trainee's progress: answers across sessions scored per session") {
  Queue q(6);
  for (int i = 0; i < 6; ++i) q.decide(kT0 + i * 1000, 1000, i % 2 == 0 ? Outcome::Approve : Outcome::Reject);
  const auto admin = q.s.sign_in("test-admin", "demo");
  q.s.add_user(admin, {.name = "t1", .roles = {Role::Reviewer}, .password = "demo", .trainee = true});
  const auto t1 = q.s.sign_in("t1", "demo");
  q.s.create_training_set(q.tr, "basics", Feedback::End, TrainingPick{.limit = 6});
  q.s.assign_training_set(q.tr, "basics", "t1");
  const auto set = q.s.training_set(q.tr, "basics");
  REQUIRE(set.cases.size() == 6);

  // Session 1 at +1 h: positions 1-4, the third answered wrong (4 s each). Session 2 at +3 h:
  // positions 5-6, both right (2 s each). Accuracy 3/4 then 2/2; time 4000 then 2000 ms.
  Millis at = kT0 + 60 * kMinute;
  for (int i = 0; i < 6; ++i) {
    if (i == 4) at = kT0 + 180 * kMinute;
    const auto& c = set.cases[std::size_t(i)];
    const bool right = i != 2;
    const bool approve = (c.reference == "approved") == right;
    q.clock.now = at;
    q.s.answer_training_case(
        t1, {"basics", c.id, approve ? Outcome::Approve : Outcome::Reject,
             approve ? std::vector<std::string>{} : std::vector<std::string>{"BLURRED"}, at - (i < 4 ? 4000 : 2000)});
    at += kMinute;
  }
  const auto all = q.s.training_progress(q.tr, "");
  REQUIRE(all.size() == 1);
  CHECK(all[0].trainee == "t1");
  const auto& p = all[0].sessions;
  REQUIRE(p.size() == 2);
  CHECK(p[0].cases == 4);
  CHECK(p[0].accuracy == doctest::Approx(0.75));
  CHECK(p[0].ms_per_case == doctest::Approx(4000));
  CHECK(p[0].first_ms == kT0 + 60 * kMinute);
  CHECK(p[0].last_ms == kT0 + 63 * kMinute);
  CHECK(p[1].cases == 2);
  CHECK(p[1].accuracy == doctest::Approx(1.0));
  CHECK(p[1].ms_per_case == doctest::Approx(2000));
  CHECK(q.s.training_progress(q.sup, "t1").size() == 1);
  CHECK(q.s.training_progress(q.tr, "r1").empty());  // no answers: left out
  CHECK_THROWS_AS(q.s.training_progress(t1, "t1"), Refusal);
  CHECK_THROWS_AS(q.s.training_progress(q.tr, "nobody"), Refusal);
}
