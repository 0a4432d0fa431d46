// The review session's training mode without a window: a trainee's cases come one by one from the
// assigned set, analysed like queue orders; an answer goes to the training tables with the time the
// case was on screen; immediate feedback keeps the case on screen with its reference until the
// trainee goes on (the next case prefetched meanwhile), end feedback moves straight on; a finished
// set lists the answers and opens any case again. No live table changes.
#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "core/review/review_session.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"
#include "table_dump.hpp"

using namespace rs;
using namespace rs::review;
using namespace std::chrono_literals;
using accounts::Role;

namespace {

// Every photo: a failing finding for BLURRED, one for HAIR_EARS and a passing one.
class FixedEngine : public findings::Engine {
 public:
  findings::Analysis analyse(std::span<const std::uint8_t>, const std::string&) const override {
    findings::Analysis a;
    a.assessable = true;
    for (auto [rule, verdict, reason] : {std::tuple{"quality.sharpness", findings::Verdict::Fail, "BLURRED"},
                                         std::tuple{"hair.ears", findings::Verdict::Warn, "HAIR_EARS"},
                                         std::tuple{"geometry.face_width", findings::Verdict::Pass, ""}}) {
      findings::Finding f;
      f.rule_id = rule;
      f.verdict = verdict;
      f.reason_code = reason;
      a.findings.push_back(f);
    }
    return a;
  }
  std::vector<findings::Finding> compare_attempts(const findings::Analysis&, const findings::Analysis&,
                                                  const std::string&) const override {
    return {};
  }
  std::vector<std::string> rule_ids(const std::string&) const override { return {}; }
  std::vector<findings::SpecText> spec_texts() const override { return {{"id_card", "00000000000000bb", "{}"}}; }
};

// Every row of the live tables (and the kept specs), for a before/after comparison.
std::string live_tables(store::Store& s) {
  std::string out;
  for (const char* t : {"decisions", "decision_reasons", "image_numbers", "notices", "outbox", "attempts", "orders",
                        "serial_counters", "second_reviews", "overturns", "photos", "fencing", "specs"})
    out += test::dump(s, t);
  return out;
}

// Five orders of which r1 decided three (the second rejected for BLURRED), two left in the queue;
// tr's set "basics" of those three cases, assigned to the trainee t1.
struct Training {
  test::TempDb db;
  std::optional<accounts::Actor> t1;
  explicit Training(store::Feedback feedback) {
    store::Store s(db.path, store::StoreOptions{.second_review_share = 0.0});
    const auto r1 = test::reviewer(s, "r1");
    for (int i = 0; i < 5; ++i) REQUIRE(s.enqueue(test::order(i)).status == store::IngestItem::Status::Enqueued);
    for (int i = 0; i < 3; ++i) {
      auto c = s.claim_next(r1, "ws");
      REQUIRE(c);
      store::DecisionRequest r{c->attempt.id, c->lease.token, "ws",
                               i == 1 ? store::Outcome::Reject : store::Outcome::Approve};
      if (i == 1) r.reasons = {"BLURRED"};
      s.decide(r1, r);
    }
    const auto tr = test::signed_in(s, "tr", {Role::Trainer});
    REQUIRE(s.create_training_set(tr, "basics", feedback, {.limit = 3}).cases == 3);
    const auto admin = s.sign_in("test-admin", "demo");
    s.add_user(admin, {.name = "t1", .roles = {Role::Reviewer}, .password = "demo", .trainee = true});
    s.assign_training_set(tr, "basics", "t1");
    t1.emplace(s.sign_in("t1", "demo"));
  }
  SessionConfig config() const {
    SessionConfig c;
    c.db_path = db.path;
    c.reviewer = t1;
    c.workstation = "test-ws";
    c.training_set = "basics";
    c.engine_loader = [] { return std::make_shared<const FixedEngine>(); };
    return c;
  }
  std::string live() const {
    store::Store s(db.path);
    return live_tables(s);
  }
};

template <class Pred>
bool wait_for(const ReviewSession& s, Pred pred, std::chrono::milliseconds timeout = 10s) {
  auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred(s.snapshot())) return true;
    std::this_thread::sleep_for(2ms);
  }
  return false;
}

auto analysed_case(int position) {
  return [position](const SessionSnapshot& s) {
    return s.current && s.current->analysis && s.current->training_position == position;
  };
}

}  // namespace

TEST_CASE("a trainee's session: cases blind, answers into the training tables, immediate feedback, no live change") {
  Training t(store::Feedback::Immediate);
  const std::string before = t.live();
  {
    ReviewSession session(t.config());
    REQUIRE(wait_for(session, analysed_case(1)));
    auto first = session.snapshot().current;
    CHECK(first->training_case_id > 0);
    CHECK(first->training_total == 3);
    CHECK(first->claim.order.applicant_name.find('*') != std::string::npos);  // masked
    CHECK(first->claim.order.id_number.find('*') != std::string::npos);
    CHECK_FALSE(first->training_feedback);  // blind
    CHECK(first->analysis->findings.size() == 3);
    // The next case is not known before this one is answered: nothing is prefetched.
    std::this_thread::sleep_for(300ms);
    CHECK_FALSE(session.snapshot().next);

    auto skipped = session.skip();
    CHECK_FALSE(skipped.ok);
    CHECK_FALSE(skipped.message.empty());
    CHECK(session.snapshot().current == first);

    session.mark_shown(first->serial, now_ms() - 1500);  // on screen for 1.5 s
    auto out = session.approve();
    REQUIRE(out.ok);
    REQUIRE(out.training);
    CHECK(out.training->position == 1);
    CHECK(out.training->answered == 1);
    CHECK(out.training->ms_spent >= 1500);
    CHECK(out.training->ms_spent < 60'000);
    CHECK_FALSE(out.moved_on);
    // The case stays with its reference; a second answer is refused.
    auto shown = session.snapshot().current;
    REQUIRE(shown);
    CHECK(shown->serial == first->serial);
    REQUIRE(shown->training_feedback);
    CHECK(shown->training_feedback->decision == "approved");
    CHECK(shown->training_feedback->reference.reference == "approved");  // r1 approved the first
    CHECK(shown->training_feedback->reference.original_reviewer == "r1");
    CHECK_FALSE(session.approve().ok);
    // Meanwhile the next case is prefetched, and going on shows it at once.
    REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.next && s.next->analysis; }));
    CHECK(session.snapshot().next->training_position == 2);
    REQUIRE(session.continue_training());
    CHECK(session.snapshot().current->training_position == 2);
    CHECK_FALSE(session.continue_training());  // not answered yet

    CHECK_FALSE(session.reject({}, "").ok);  // a rejection needs a reason, as in the queue
    auto rejected = session.reject({"BLURRED", "HAIR_EARS"}, "");
    REQUIRE(rejected.ok);
    const auto& ref = session.snapshot().current->training_feedback->reference;
    CHECK(ref.reference == "rejected");
    CHECK(ref.reference_reasons == std::vector<std::string>{"BLURRED"});
    REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.next != nullptr; }));
    REQUIRE(session.continue_training());
    REQUIRE(wait_for(session, analysed_case(3)));
    REQUIRE(session.reject({"LIGHTING"}, "").ok);
    CHECK(session.snapshot().current->training_feedback->reference.reference == "approved");
    REQUIRE(session.continue_training());

    // Finished: the answers with their references, and any case opens again with its photo.
    REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.training_finished; }));
    auto done = session.snapshot();
    CHECK_FALSE(done.current);
    REQUIRE(done.training_rows.size() == 3);
    CHECK(done.training_rows[1].decision == "rejected");
    CHECK(done.training_rows[2].reasons == std::vector<std::string>{"LIGHTING"});
    CHECK(done.training_answered == 3);
    session.show_training_case(2);
    REQUIRE(wait_for(session, analysed_case(2)));
    auto again = session.snapshot().current;
    REQUIRE(again->training_feedback);
    CHECK(again->training_feedback->reasons == std::vector<std::string>{"BLURRED", "HAIR_EARS"});
    CHECK(again->photo.image);
    REQUIRE(session.continue_training());  // back to the list
    CHECK_FALSE(session.snapshot().current);
  }
  CHECK(t.live() == before);  // no decision, lease, number, notice, outbox message or kept spec
  store::Store s(t.db.path);
  store::Statement q(s.database(), "SELECT COUNT(*), MIN(ms_spent) FROM training_answers");
  REQUIRE(q.step());
  CHECK(q.int64(0) == 3);
  CHECK(q.int64(1) >= 0);
}

TEST_CASE("end feedback: an answer moves straight on, the references come once the set is finished") {
  Training t(store::Feedback::End);
  const std::string before = t.live();
  {
    ReviewSession session(t.config());
    for (int position = 1; position <= 3; ++position) {
      REQUIRE(wait_for(session, analysed_case(position)));
      auto out = session.approve();
      REQUIRE(out.ok);
      CHECK(out.moved_on);
      CHECK_FALSE(out.training->reference);  // blind until the end
      CHECK_FALSE(session.continue_training());
    }
    REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.training_finished; }));
    auto done = session.snapshot();
    REQUIRE(done.training_rows.size() == 3);
    CHECK(done.training_rows[1].reference.reference == "rejected");
    session.show_training_case(3);
    REQUIRE(wait_for(session, analysed_case(3)));
    CHECK(session.snapshot().current->training_feedback->decision == "approved");
  }
  CHECK(t.live() == before);
}

TEST_CASE("a training session needs the set assigned to the account") {
  Training t(store::Feedback::Immediate);
  store::Store s(t.db.path);
  auto config = t.config();
  config.reviewer = test::reviewer(s, "r2");  // certified, but the set is not assigned to r2
  ReviewSession session(config);
  REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return !s.error.empty(); }));
  CHECK(session.snapshot().error.find("not assigned to r2") != std::string::npos);
  CHECK_FALSE(session.snapshot().current);
}
