// Quarantine of poison orders: an attempt whose analysis started twice without finishing (the
// workstation process died on its photo) leaves the queue at the next start, is listed, cannot be
// claimed or decided, and comes back when released. The session drops such an order and shows the
// next one, also when it is already on screen.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/domain/workstation_id.hpp"
#include "core/review/review_session.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;
using namespace std::chrono_literals;
using Start = Store::AnalysisStart;

namespace {

void fill(const test::TempDb& db, int orders) {
  Store s(db.path);
  for (int i = 0; i < orders; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
}

// A workstation run that claims the oldest order, records the start of its analysis and dies
// before the finish: the next run's start hands its lease back (as orphaned_leases does).
Start run_that_dies(Store& s, const accounts::Actor& reviewer, const std::string& workstation) {
  auto c = s.claim_next(reviewer, workstation);
  REQUIRE(c);
  Start start = s.analysis_started(c->attempt.id, c->lease.token);
  s.hand_back_all(reviewer, lease_owner(reviewer.name(), workstation));
  return start;
}

std::int64_t audit_count(Store& s, const char* action, const char* actor) {
  Statement q(s.database(), "SELECT COUNT(*) FROM audit_log WHERE action = ?1 AND actor = ?2");
  q.bind(1, action).bind(2, actor);
  q.step();
  return q.int64(0);
}

bool in_queue(Store& s, const std::string& order_no) {
  for (const auto& r : s.pending_queue())
    if (r.order_no == order_no) return true;
  return false;
}

}  // namespace

TEST_CASE("two analyses that never finished, then a third start: the order is quarantined, not claimable, listed") {
  test::TempDb db;
  fill(db, 2);
  Store s(db.path);
  const auto ann = test::reviewer(s, "ann");
  CHECK(run_that_dies(s, ann, "h:11") == Start::Proceed);
  CHECK(run_that_dies(s, ann, "h:12") == Start::Proceed);
  auto c = s.claim_next(ann, "h:13");
  REQUIRE(c);
  CHECK(c->order.order_no == "T100000");  // still the oldest: two deaths alone change nothing
  CHECK(s.analysis_started(c->attempt.id, c->lease.token) == Start::Quarantined);

  CHECK_FALSE(in_queue(s, "T100000"));
  CHECK(s.stats("ann").pending == 1);
  auto next = s.claim_next(ann, "h:13");
  REQUIRE(next);
  CHECK(next->order.order_no == "T100001");
  CHECK_FALSE(s.claim_next(ann, "h:14"));  // nothing else: the quarantined attempt is not claimable

  auto rows = s.quarantined();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].order_no == "T100000");
  CHECK(rows[0].attempt_no == 1);
  CHECK(rows[0].starts == 2);
  CHECK(rows[0].unfinished == 2);
  CHECK(rows[0].cause.find("did not finish 2 times") != std::string::npos);
  CHECK(rows[0].cause.find("ann@h:12") != std::string::npos);  // who died last
  CHECK(rows[0].quarantined_at.size() >= 19);
  CHECK(audit_count(s, "quarantine", "ann@h:13") == 1);
  // Asking again changes nothing and says so.
  CHECK(s.analysis_started(c->attempt.id, c->lease.token) == Start::Quarantined);
  CHECK(s.quarantined().size() == 1);
  CHECK(audit_count(s, "quarantine", "ann@h:13") == 1);
}

TEST_CASE("finished analyses never quarantine, and a finish never outnumbers its starts") {
  test::TempDb db;
  fill(db, 1);
  Store s(db.path);
  const auto bo = test::reviewer(s, "bo");
  // A finish recorded without a start (a stray call) must not cancel a later death.
  {
    auto c = s.claim_next(bo, "h:1");
    REQUIRE(c);
    s.analysis_finished(c->attempt.id);
    s.analysis_finished(c->attempt.id);
    s.hand_back_all(bo, "bo@h:1");
  }
  for (int run = 0; run < 10; ++run) {
    auto c = s.claim_next(bo, "h:2");
    REQUIRE(c);
    REQUIRE(s.analysis_started(c->attempt.id, c->lease.token) == Start::Proceed);
    s.analysis_finished(c->attempt.id);
    s.hand_back_all(bo, "bo@h:2");
  }
  CHECK(s.quarantined().empty());
  CHECK(in_queue(s, "T100000"));
  // One death among finished runs is not two.
  CHECK(run_that_dies(s, bo, "h:3") == Start::Proceed);
  for (int run = 0; run < 3; ++run) {
    auto c = s.claim_next(bo, "h:4");
    REQUIRE(c);
    REQUIRE(s.analysis_started(c->attempt.id, c->lease.token) == Start::Proceed);
    s.analysis_finished(c->attempt.id);
    s.hand_back_all(bo, "bo@h:4");
  }
  CHECK(s.quarantined().empty());
  // The second death makes two: the next start quarantines.
  CHECK(run_that_dies(s, bo, "h:5") == Start::Proceed);
  auto c = s.claim_next(bo, "h:6");
  REQUIRE(c);
  CHECK(s.analysis_started(c->attempt.id, c->lease.token) == Start::Quarantined);
  REQUIRE(s.quarantined().size() == 1);
  CHECK(s.quarantined()[0].starts == 15);  // 10 + 1 + 3 + 1: the refused start is not counted
  CHECK(s.quarantined()[0].unfinished == 2);
}

TEST_CASE("a start with a lease that is no longer the caller's is refused without counting") {
  test::TempDb db;
  fill(db, 1);
  Store s(db.path);
  const auto cy = test::reviewer(s, "cy");
  auto c = s.claim_next(cy, "h:1");
  REQUIRE(c);
  s.hand_back_all(cy, "cy@h:1");
  auto again = s.claim_next(cy, "h:2");
  REQUIRE(again);
  CHECK(s.analysis_started(c->attempt.id, c->lease.token) == Start::NotHeld);  // the old token
  CHECK(s.analysis_started(c->attempt.id + 100, 1) == Start::NotHeld);         // no such attempt
  CHECK(s.analysis_started(again->attempt.id, again->lease.token) == Start::Proceed);
}

TEST_CASE("release puts a quarantined order back at its place, with a clean count; other orders are refused by name") {
  test::TempDb db;
  fill(db, 3);
  Store s(db.path);
  const auto di = test::reviewer(s, "di");
  run_that_dies(s, di, "h:1");
  run_that_dies(s, di, "h:2");
  auto c = s.claim_next(di, "h:3");
  REQUIRE(c);
  REQUIRE(s.analysis_started(c->attempt.id, c->lease.token) == Start::Quarantined);

  CHECK_THROWS_WITH_AS(s.release_quarantined(test::supervisor(s), "T100001"),
                       doctest::Contains("T100001 is not quarantined"), Refusal);
  CHECK_THROWS_WITH_AS(s.release_quarantined(test::supervisor(s), "NOPE42"), doctest::Contains("NOPE42 is unknown"),
                       Refusal);
  CHECK(audit_count(s, "release_quarantine", "sup") == 0);

  auto row = s.release_quarantined(test::supervisor(s), "T100000");
  CHECK(row.order_no == "T100000");
  CHECK(row.starts == 2);
  CHECK(s.quarantined().empty());
  CHECK(audit_count(s, "release_quarantine", "sup") == 1);
  auto queue = s.pending_queue();
  REQUIRE(queue.size() == 3);
  CHECK(queue[0].order_no == "T100000");  // its old place: the oldest
  auto back = s.claim_next(di, "h:4");
  REQUIRE(back);
  CHECK(back->order.order_no == "T100000");
  // The count starts again: one death is not enough any more.
  CHECK(s.analysis_started(back->attempt.id, back->lease.token) == Start::Proceed);
  s.hand_back_all(di, "di@h:4");
  auto again = s.claim_next(di, "h:5");
  REQUIRE(again);
  CHECK(s.analysis_started(again->attempt.id, again->lease.token) == Start::Proceed);
  // Released twice: the second is refused, nothing changes.
  CHECK_THROWS_AS(s.release_quarantined(test::supervisor(s), "T100000"), Refusal);
}

TEST_CASE("a decision on a quarantined attempt is refused and records nothing; its lease cannot be renewed") {
  test::TempDb db;
  fill(db, 1);
  Store s(db.path);
  const auto ed = test::reviewer(s, "ed");
  run_that_dies(s, ed, "h:1");
  run_that_dies(s, ed, "h:2");
  auto c = s.claim_next(ed, "h:3");
  REQUIRE(c);
  REQUIRE(s.analysis_started(c->attempt.id, c->lease.token) == Start::Quarantined);
  CHECK_FALSE(s.renew_lease(ed, c->attempt.id, c->lease.token));
  DecisionRequest req;
  req.attempt_id = c->attempt.id;
  req.lease_token = c->lease.token;
  req.workstation = "h:3";
  req.outcome = Outcome::Approve;
  try {
    s.decide(ed, req);
    FAIL("a quarantined attempt was decided");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::NotPending);
    CHECK(std::string(e.what()).find("T100000") != std::string::npos);
  }
  Statement q(s.database(), "SELECT COUNT(*) FROM decisions");
  q.step();
  CHECK(q.int64(0) == 0);
  REQUIRE(s.quarantined().size() == 1);
}

// ---- the workstation's session ----
namespace {

// Findings known in advance; when `gate` is set, loading waits until it is opened, so orders are on
// screen before their analysis (as in a workstation whose engine is still loading).
class PlainEngine : public findings::Engine {
 public:
  mutable std::atomic<int> calls{0};
  findings::Analysis analyse(std::span<const std::uint8_t>, const std::string&) const override {
    ++calls;
    findings::Analysis a;
    a.width = 358;
    a.height = 441;
    a.assessable = true;
    return a;
  }
  std::vector<findings::Finding> compare_attempts(const findings::Analysis&, const findings::Analysis&,
                                                  const std::string&) const override {
    return {};
  }
  std::vector<std::string> rule_ids(const std::string&) const override { return {}; }
  std::vector<findings::SpecText> spec_texts() const override { return {}; }
};

struct Gate {
  std::mutex m;
  std::condition_variable cv;
  bool open = false;
  void release() {
    {
      std::lock_guard lk(m);
      open = true;
    }
    cv.notify_all();
  }
  void wait() {
    std::unique_lock lk(m);
    cv.wait_for(lk, 20s, [&] { return open; });
  }
};

review::SessionConfig session_config(const test::TempDb& db, std::shared_ptr<PlainEngine> engine,
                                     Gate* gate = nullptr) {
  review::SessionConfig c;
  c.db_path = db.path;
  {
    Store s(db.path);
    c.reviewer = test::reviewer(s, "fay");
  }
  c.workstation = "q-ws";
  c.engine_loader = [engine, gate] {
    if (gate) gate->wait();
    return std::shared_ptr<const findings::Engine>(engine);
  };
  return c;
}

template <class Pred>
bool wait_for(const review::ReviewSession& s, Pred pred, std::chrono::milliseconds timeout = 10s) {
  auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred(s.snapshot())) return true;
    std::this_thread::sleep_for(2ms);
  }
  return false;
}

std::string current_order(const review::SessionSnapshot& s) { return s.current ? s.current->claim.order.order_no : ""; }

}  // namespace

TEST_CASE("a workstation never shows an order two runs died on: it quarantines it and shows the next") {
  test::TempDb db;
  fill(db, 3);
  {
    Store s(db.path);
    const auto fay = test::reviewer(s, "fay");
    run_that_dies(s, fay, "q-ws-old:1");
    run_that_dies(s, fay, "q-ws-old:2");
  }
  auto engine = std::make_shared<PlainEngine>();
  review::ReviewSession session(session_config(db, engine));
  REQUIRE(wait_for(session, [](const auto& s) { return s.current && s.current->analysis && s.next_ready; }));
  auto snap = session.snapshot();
  CHECK(current_order(snap) == "T100001");
  CHECK(snap.next->claim.order.order_no == "T100002");
  CHECK(snap.error.find("T100000") != std::string::npos);
  REQUIRE(wait_for(session, [](const auto& s) { return s.quarantined.size() == 1; }));
  snap = session.snapshot();
  CHECK(snap.quarantined[0].order_no == "T100000");
  CHECK(snap.stats.pending == 2);
  for (const auto& row : snap.queue) CHECK(row.order_no != "T100000");
  CHECK(session.approve().ok);  // the session works on
}

TEST_CASE("an order quarantined while it is on screen is dropped: the prefetched one takes its place") {
  test::TempDb db;
  fill(db, 3);
  auto engine = std::make_shared<PlainEngine>();
  Gate gate;
  review::ReviewSession session(session_config(db, engine, &gate));
  // The engine is still loading: both orders are on screen / prefetched, decoded, not analysed.
  REQUIRE(wait_for(session, [](const auto& s) { return s.current && s.next_ready; }));
  auto snap = session.snapshot();
  REQUIRE(current_order(snap) == "T100000");
  CHECK_FALSE(snap.current->analysis);
  {
    // Two earlier deaths on it (recorded through the session's own lease, as if it had crashed twice).
    Store s(db.path);
    const auto& lease = snap.current->claim.lease;
    REQUIRE(s.analysis_started(lease.attempt_id, lease.token) == Start::Proceed);
    REQUIRE(s.analysis_started(lease.attempt_id, lease.token) == Start::Proceed);
  }
  gate.release();
  REQUIRE(wait_for(session, [](const auto& s) { return current_order(s) == "T100001" && s.current->analysis; }));
  snap = session.snapshot();
  CHECK(snap.error.find("T100000") != std::string::npos);
  REQUIRE(wait_for(session, [](const auto& s) { return s.quarantined.size() == 1 && s.next_ready; }));
  CHECK(session.snapshot().next->claim.order.order_no == "T100002");
  auto out = session.approve();
  REQUIRE(out.ok);
  CHECK(out.result->order_no == "T100001");
  Store s(db.path);
  REQUIRE(s.quarantined().size() == 1);
  CHECK(s.quarantined()[0].order_no == "T100000");
}

TEST_CASE(
    "every analysis the session runs is recorded as started and finished: nothing is quarantined by a healthy run") {
  test::TempDb db;
  fill(db, 4);
  auto engine = std::make_shared<PlainEngine>();
  {
    review::ReviewSession session(session_config(db, engine));
    for (int i = 0; i < 4; ++i) {
      REQUIRE(wait_for(session, [](const auto& s) { return s.current && s.current->analysis; }));
      REQUIRE(session.skip().ok);
    }
  }
  Store s(db.path);
  Statement q(s.database(),
              "SELECT COUNT(*), SUM(analysis_starts), SUM(analysis_starts - analysis_finishes) FROM attempts");
  q.step();
  CHECK(q.int64(0) == 4);
  CHECK(q.int64(1) >= 4);  // each order analysed at least once
  CHECK(q.int64(2) == 0);  // and every start finished
  CHECK(s.quarantined().empty());
}
