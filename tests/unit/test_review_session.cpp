// The reviewer's session without a window: prefetch, decisions, skips, leases, engine failure,
// and the display decoding it feeds the GPU with. A real temp SQLite queue; a small engine
// stand-in so the findings are known in advance.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <sstream>
#include <thread>

#include <opencv2/imgcodecs.hpp>

#include "core/i18n/text.hpp"
#include "core/review/display_image.hpp"
#include "core/review/duration_text.hpp"
#include "core/review/pending_decision.hpp"
#include "core/review/review_session.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::review;
using namespace std::chrono_literals;

namespace {

// Always finds one failing finding suggesting BLURRED, a face box and a passing one.
class KnownEngine : public findings::Engine {
 public:
  mutable std::atomic<int> calls{0};
  findings::Analysis analyse(std::span<const std::uint8_t> bytes, const std::string&) const override {
    ++calls;
    findings::Analysis a;
    a.width = 358;
    a.height = 441;
    a.assessable = !bytes.empty();
    a.face_count = 1;
    findings::FaceGeometry face;
    face.box = {findings::Point{100, 120}, findings::Point{260, 300}};
    a.face = face;
    findings::Finding blur;
    blur.rule_id = "quality.sharpness";
    blur.verdict = findings::Verdict::Fail;
    blur.reason_code = "BLURRED";
    blur.score = 12;
    findings::Finding width;
    width.rule_id = "geometry.face_width";
    width.verdict = findings::Verdict::Pass;
    width.score = 90;
    a.findings = {blur, width};
    a.spec_id = "id_card:00000000000000aa";
    return a;
  }
  std::vector<findings::Finding> compare_attempts(const findings::Analysis&, const findings::Analysis&,
                                                  const std::string&) const override {
    return {};
  }
  std::vector<std::string> rule_ids(const std::string&) const override {
    return {"quality.sharpness", "geometry.face_width"};
  }
  std::vector<findings::SpecText> spec_texts() const override {
    return {{"id_card", "00000000000000aa", R"({"rules":{"quality.sharpness":{},"geometry.face_width":{}}})"}};
  }
};

// `name` signed in as a reviewer (the account is made on first use).
accounts::Actor reviewer_in(const test::TempDb& db, const std::string& name) {
  store::Store s(db.path);
  return test::reviewer(s, name);
}

SessionConfig config_for(const test::TempDb& db, const std::string& reviewer, std::shared_ptr<KnownEngine> engine) {
  SessionConfig c;
  c.db_path = db.path;
  c.reviewer = reviewer_in(db, reviewer);
  c.workstation = "test-ws";
  c.engine_loader = [engine] { return std::shared_ptr<const findings::Engine>(engine); };
  return c;
}

void fill(const test::TempDb& db, int orders) {
  store::Store s(db.path);
  for (int i = 0; i < orders; ++i) REQUIRE(s.enqueue(test::order(i)).status == store::IngestItem::Status::Enqueued);
}

// Polls until `pred` holds on a snapshot (the worker runs on its own thread).
template <class Pred>
bool wait_for(const ReviewSession& s, Pred pred, std::chrono::milliseconds timeout = 10s) {
  auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred(s.snapshot())) return true;
    std::this_thread::sleep_for(2ms);
  }
  return false;
}

bool settled(const SessionSnapshot& s) { return s.current && s.current->analysis && s.next_ready; }

std::string exported(const std::string& path) {
  store::Store s(path);
  std::ostringstream out;
  s.export_decisions(out);
  return out.str();
}

}  // namespace

TEST_CASE("the session shows an analysed order, prefetches the next, and a decision moves to it at once") {
  test::TempDb db;
  fill(db, 3);
  auto engine = std::make_shared<KnownEngine>();
  ReviewSession session(config_for(db, "alice", engine));
  REQUIRE(wait_for(session, settled));

  SessionSnapshot before = session.snapshot();
  REQUIRE(before.current->photo.image);
  CHECK(before.current->photo.image->width == 358);
  CHECK(before.current->photo.image->height == 441);
  CHECK(before.current->photo.image->pixels.size() == std::size_t(358 * 441 * 4));
  CHECK(before.current->analysis->suggested_reasons() == std::vector<std::string>{"BLURRED"});
  CHECK(before.current->face_luma > 0);
  std::string first_order = before.current->claim.order.order_no;

  ActionOutcome out = session.approve();
  REQUIRE(out.ok);
  CHECK(out.moved_on);
  REQUIRE(out.result);
  CHECK(out.result->order_no == first_order);
  CHECK(out.result->image_number.size() == 16);

  // No waiting: the prefetched order is current as soon as approve() returns, already analysed.
  SessionSnapshot after = session.snapshot();
  REQUIRE(after.current);
  CHECK(after.current->claim.order.order_no != first_order);
  CHECK(after.current->analysis != nullptr);
  CHECK(after.current->serial != before.current->serial);

  std::string log = exported(db.path);
  CHECK(log.find(first_order) != std::string::npos);
  CHECK(log.find("alice") != std::string::npos);
  CHECK(log.find(R"("quality":[["sharpness")") != std::string::npos);  // the findings that were on screen
  CHECK(log.find("id_card:00000000000000aa") != std::string::npos);    // ... and the spec they were judged by
  // The session kept that spec when its engine loaded.
  store::Store s(db.path);
  auto kept = s.kept_spec("id_card:00000000000000aa");
  REQUIRE(kept);
  CHECK(kept->body.find("quality.sharpness") != std::string::npos);
}

TEST_CASE("a decision claims the order after next; the worker reads it and nothing is held twice") {
  test::TempDb db;
  fill(db, 4);
  auto engine = std::make_shared<KnownEngine>();
  std::string third;
  {
    ReviewSession session(config_for(db, "hana", engine));
    REQUIRE(wait_for(session, settled));
    ActionOutcome out = session.approve();
    REQUIRE(out.ok);
    REQUIRE(out.result->next_lease);  // taken in the decision's own transaction
    {
      store::Store s(db.path);
      int leased = 0;
      for (const auto& row : s.pending_queue()) leased += row.lease_owner.has_value();
      CHECK(leased == 2);  // the new current order and the one the decision claimed
    }
    session.mark_shown(session.snapshot().current->serial, now_ms());
    REQUIRE(wait_for(session, settled));
    auto snap = session.snapshot();
    third = snap.next->claim.order.order_no;
    CHECK(snap.next->claim.attempt.id == out.result->next_lease->attempt_id);
    CHECK(snap.next->claim.lease.token == out.result->next_lease->token);
  }
  // Closing hands back both, the one claimed by the decision included.
  store::Store s(db.path);
  for (const auto& row : s.pending_queue()) CHECK_FALSE(row.lease_owner.has_value());
  CHECK(third == "T100002");
}

TEST_CASE("after a decision the next prefetch waits until the new order has been on screen") {
  test::TempDb db;
  fill(db, 5);
  ReviewSession session(config_for(db, "alice", std::make_shared<KnownEngine>()));
  REQUIRE(wait_for(session, settled));

  // Shown at once: the prefetch starts as soon as the UI says the new order is on screen.
  REQUIRE(session.approve().ok);
  std::this_thread::sleep_for(50ms);
  SessionSnapshot held = session.snapshot();
  REQUIRE(held.current);
  CHECK_FALSE(held.next_ready);  // the new order's first frame has the CPU to itself
  CHECK(session.busy());         // the prefetch is still owed
  session.mark_shown(held.current->serial, now_ms());
  CHECK(wait_for(session, settled, 5s));

  // Never shown (no frames: a minimised window): the hold runs out by itself.
  REQUIRE(session.approve().ok);
  CHECK(wait_for(session, settled, 5s));
  CHECK(ReviewSession::kPrefetchHold < 1s);
}

TEST_CASE("a rejection needs a reason; the refusal is reported and the order stays") {
  test::TempDb db;
  fill(db, 2);
  ReviewSession session(config_for(db, "bob", std::make_shared<KnownEngine>()));
  REQUIRE(wait_for(session, settled));
  std::string order = session.snapshot().current->claim.order.order_no;

  ActionOutcome none = session.reject({}, "");
  CHECK_FALSE(none.ok);
  CHECK_FALSE(none.moved_on);
  CHECK_FALSE(none.message.empty());
  CHECK(session.snapshot().current->claim.order.order_no == order);
  CHECK(session.snapshot().error == none.message);

  ActionOutcome other_without_text = session.reject({"OTHER"}, "");
  CHECK_FALSE(other_without_text.ok);
  CHECK(session.snapshot().current->claim.order.order_no == order);

  ActionOutcome ok = session.reject({"BLURRED", "OTHER"}, "背景有其他人");
  REQUIRE(ok.ok);
  CHECK_FALSE(ok.result->notice_token.empty());
  std::string log = exported(db.path);
  CHECK(log.find("BLURRED") != std::string::npos);
  CHECK(log.find("rejected") != std::string::npos);
}

TEST_CASE("skipping releases the lease: another workstation gets the order at once, the skipper not straight away") {
  test::TempDb db;
  fill(db, 1);
  ReviewSession session(config_for(db, "carol", std::make_shared<KnownEngine>()));
  REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.current && s.current->analysis; }));
  auto first = session.snapshot().current;
  ActionOutcome out = session.skip();
  CHECK(out.ok);
  CHECK(out.moved_on);
  // Had the lease not been released, the other session would find nothing until it expired.
  ReviewSession other(config_for(db, "dave", std::make_shared<KnownEngine>()));
  REQUIRE(wait_for(other, [](const SessionSnapshot& s) { return s.current && s.current->analysis; }));
  auto taken = other.snapshot().current;
  CHECK(taken->claim.order.order_no == first->claim.order.order_no);
  CHECK(taken->claim.lease.token > first->claim.lease.token);
  CHECK_FALSE(session.snapshot().current);  // the skipper is not handed the same order again
}

TEST_CASE("two sessions on one file never hold the same order, and closing hands orders back") {
  test::TempDb db;
  fill(db, 5);
  std::set<std::string> held;
  {
    ReviewSession a(config_for(db, "dora", std::make_shared<KnownEngine>()));
    ReviewSession b(config_for(db, "emil", std::make_shared<KnownEngine>()));
    REQUIRE(wait_for(a, settled));
    REQUIRE(wait_for(b, settled));
    held.insert(a.snapshot().current->claim.order.order_no);
    held.insert(b.snapshot().current->claim.order.order_no);
    CHECK(held.size() == 2);
    store::Store s(db.path);
    int leased = 0;
    for (const auto& row : s.pending_queue()) leased += row.lease_owner.has_value();
    CHECK(leased == 4);  // current + prefetched, each
  }
  store::Store s(db.path);
  for (const auto& row : s.pending_queue()) CHECK_FALSE(row.lease_owner.has_value());
}

TEST_CASE("closing hands orders back without skipping them: reopening shows the same order again") {
  test::TempDb db;
  fill(db, 4);
  std::string first;
  {
    ReviewSession a(config_for(db, "gus", std::make_shared<KnownEngine>()));
    REQUIRE(wait_for(a, settled));
    first = a.snapshot().current->claim.order.order_no;
  }
  ReviewSession again(config_for(db, "gus", std::make_shared<KnownEngine>()));
  REQUIRE(wait_for(again, settled));
  CHECK(again.snapshot().current->claim.order.order_no == first);
}

TEST_CASE("a decision on a lease someone else took over is refused with a message, and the session moves on") {
  test::TempDb db;
  fill(db, 2);
  std::atomic<Millis> fake{1'800'000'000'000};
  set_clock_for_tests([&] { return fake.load(); });
  SessionConfig c = config_for(db, "fay", std::make_shared<KnownEngine>());
  c.store_options.lease_ms = 1000;
  c.renew_every_ms = 3'600'000;  // no renewal during the test
  {
    ReviewSession session(c);
    REQUIRE(wait_for(session, settled));
    std::string order = session.snapshot().current->claim.order.order_no;
    fake += 5000;  // both leases run out
    store::Store other(db.path);
    auto taken = other.claim_next(test::reviewer(other, "otto"), "ws-other");
    REQUIRE(taken);
    CHECK(taken->order.order_no == order);  // oldest first: the order this session was showing

    ActionOutcome out = session.approve();
    CHECK_FALSE(out.ok);
    CHECK(out.moved_on);
    CHECK_FALSE(out.message.empty());
    CHECK(session.snapshot().error_serial > 0);
  }
  set_clock_for_tests(nullptr);
}

TEST_CASE("when the rule engine cannot load, the reviewer still sees photos and can decide") {
  test::TempDb db;
  fill(db, 2);
  SessionConfig c;
  c.db_path = db.path;
  c.reviewer = reviewer_in(db, "gus");
  c.engine_loader = []() -> std::shared_ptr<const findings::Engine> { throw std::runtime_error("model file missing"); };
  ReviewSession session(c);
  REQUIRE(wait_for(
      session, [](const SessionSnapshot& s) { return s.engine == EngineState::Failed && s.current && s.next_ready; }));
  auto snap = session.snapshot();
  CHECK(snap.engine_error.find("model file missing") != std::string::npos);
  CHECK(snap.current->photo.image != nullptr);
  CHECK(snap.current->analysis == nullptr);
  CHECK(session.approve().ok);
}

TEST_CASE("a photo that cannot be shown keeps its order: the cause is shown and the engine still runs") {
  test::TempDb db;
  {
    store::Store s(db.path);
    // Intake refuses such a photo now; one stored before intake decoded uploads can still be there.
    REQUIRE(s.enqueue(test::order(1)).status == store::IngestItem::Status::Enqueued);
    const std::string junk = "not a photo";
    store::Statement(s.database(), "UPDATE photos SET bytes = ?1")
        .bind_blob(1, {reinterpret_cast<const std::uint8_t*>(junk.data()), junk.size()})
        .run();
  }
  auto engine = std::make_shared<KnownEngine>();
  ReviewSession session(config_for(db, "ivy", engine));
  REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.current && s.current->analysis; }));
  auto item = session.snapshot().current;
  CHECK(item->photo.image == nullptr);
  CHECK(item->photo.error.find("JPEG") != std::string::npos);
  CHECK(engine->calls.load() >= 1);
  CHECK(session.reject({"OTHER"}, "照片文件损坏").ok);
}

TEST_CASE("an empty queue is reported, and orders arriving later are picked up") {
  test::TempDb db;
  { store::Store s(db.path); }
  ReviewSession session(config_for(db, "hana", std::make_shared<KnownEngine>()));
  REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.queue_empty && !s.current; }));
  fill(db, 1);
  CHECK(wait_for(session, [](const SessionSnapshot& s) { return s.current != nullptr; }));
}

TEST_CASE("display decoding: JPEG to RGBA, and clear refusals for what cannot be shown") {
  auto jpeg = test::tiny_jpeg(3);
  DisplayImage ok = decode_for_display(jpeg);
  REQUIRE(ok.image);
  CHECK(ok.error.empty());
  CHECK(ok.image->width == 358);
  CHECK(ok.image->height == 441);
  const auto* corner = &ok.image->pixels[0];
  CHECK(corner[3] == 255);
  CHECK(ok.stats.background_rgb[0] > 0.9f);  // the fixture's background is near white

  CHECK(decode_for_display({}).error.find("0 bytes") != std::string::npos);
  std::vector<std::uint8_t> text{'h', 'e', 'l', 'l', 'o'};
  CHECK_FALSE(decode_for_display(text).image);
  std::vector<std::uint8_t> cut(jpeg.begin(), jpeg.begin() + std::ptrdiff_t(jpeg.size() / 3));
  DisplayImage truncated = decode_for_display(cut);
  CHECK((truncated.image == nullptr || truncated.image->width == 358));  // never a crash

  // A 30000 x 30000 PNG header: refused from the header, nothing decoded.
  cv::Mat small(4, 4, CV_8UC3, cv::Scalar(1, 2, 3));
  std::vector<std::uint8_t> png;
  cv::imencode(".png", small, png);
  auto sz = sniff_pixel_size(png);
  REQUIRE(sz);
  CHECK(sz->width == 4);
  for (int i : {16, 20}) {
    png[std::size_t(i)] = 0;
    png[std::size_t(i + 1)] = 0;
    png[std::size_t(i + 2)] = 0x75;
    png[std::size_t(i + 3)] = 0x30;
  }
  DisplayImage bomb = decode_for_display(png);
  CHECK_FALSE(bomb.image);
  CHECK(bomb.error.find("30000") != std::string::npos);
  auto jsz = sniff_pixel_size(jpeg);
  REQUIRE(jsz);
  CHECK(jsz->width == 358);
  CHECK(jsz->height == 441);
}

TEST_CASE("durations read the way a reviewer says them") {
  CHECK(duration_text(42'000) == "42秒");
  CHECK(duration_text(3 * 60'000 + 5'000) == "3分05秒");
  CHECK(duration_text(3'600'000 + 5 * 60'000) == "1小时05分");
  CHECK(duration_text(2 * 86'400'000LL + 3 * 3'600'000) == "2天3小时");
  CHECK(duration_text(-5) == "0秒");
  CHECK(stopwatch_text(42'000) == "0:42");
  CHECK(stopwatch_text(12 * 60'000 + 5'000) == "12:05");
  CHECK(stopwatch_text(3'723'000) == "1:02:03");
}

TEST_CASE("after a crash the reviewer's restarted workstation gets back the orders its last run held") {
  test::TempDb db;
  fill(db, 3);
  std::string held;
  {
    store::Store s(db.path);  // the crashed run: it claimed and never handed back
    auto c = s.claim_next(test::reviewer(s, "ida"), "test-ws");
    REQUIRE(c);
    held = c->order.order_no;
  }
  ReviewSession restarted(config_for(db, "ida", std::make_shared<KnownEngine>()));
  REQUIRE(wait_for(restarted, settled));
  CHECK(restarted.snapshot().current->claim.order.order_no == held);
}

TEST_CASE(
    "a session needs a signed-in reviewer: none, or an account without the role, opens nothing (a supervisor's second "
    "reviews aside)") {
  test::TempDb db;
  fill(db, 2);
  SessionConfig none = config_for(db, "jo", std::make_shared<KnownEngine>());
  none.reviewer.reset();
  CHECK_THROWS_AS(ReviewSession{none}, std::invalid_argument);
  SessionConfig supervisor = config_for(db, "jo", std::make_shared<KnownEngine>());
  {
    store::Store s(db.path);
    supervisor.reviewer = test::supervisor(s, "kim");
  }
  try {
    ReviewSession session(supervisor);
    FAIL("a supervisor opened a review session");
  } catch (const store::Refusal& e) {
    CHECK(e.why() == store::Refusal::Why::NotPermitted);
    CHECK(std::string(e.what()).find("reviewer") != std::string::npos);
  }
  store::Store s(db.path);
  for (const auto& row : s.pending_queue()) CHECK_FALSE(row.lease_owner.has_value());
  // ... but second reviews are a supervisor's work too: that session opens.
  supervisor.second_review = true;
  CHECK_NOTHROW(ReviewSession{supervisor});
}

TEST_CASE("a session in second-review mode shows drawn decisions of others, blind, and issues nothing") {
  test::TempDb db;
  fill(db, 3);
  {
    // ann decides all three; every decision is drawn for a second review.
    store::Store s(db.path, {.second_review_share = 1.0});
    const auto ann = test::reviewer(s, "ann");
    while (auto c = s.claim_next(ann, "ws"))
      s.decide(ann, {c->attempt.id, c->lease.token, "ws", store::Outcome::Approve});
  }
  auto engine = std::make_shared<KnownEngine>();
  {
    // ann herself gets nothing to second-review.
    auto own = config_for(db, "ann", engine);
    own.second_review = true;
    ReviewSession session(own);
    REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.queue_empty; }));
    CHECK_FALSE(session.snapshot().current);
  }
  auto config = config_for(db, "bob", engine);
  config.second_review = true;
  ReviewSession session(config);
  REQUIRE(wait_for(session, settled));
  const auto first = session.snapshot().current;
  CHECK(first->second_review_id > 0);
  CHECK(first->claim.order.order_no == "T100000");
  CHECK_FALSE(first->claim.previous);  // nothing of the first decision comes along
  CHECK(first->analysis);              // the same findings as any order
  auto out = session.reject({"BLURRED"}, "");
  REQUIRE(out.ok);
  CHECK(out.result->image_number.empty());
  CHECK(out.result->notice_token.empty());
  REQUIRE(wait_for(session, [&](const SessionSnapshot& s) { return s.current && s.current != first; }));
  CHECK(session.skip().ok);  // a skip hands the second review back to its list
  store::Store s(db.path);
  const auto sup = test::supervisor(s);
  const auto inbox = s.second_review_disagreements(sup, false);
  REQUIRE(inbox.size() == 1);  // bob rejected what ann approved
  CHECK(inbox[0].reviewer == "bob");
  CHECK(inbox[0].order_no == "T100000");
  store::Statement q(s.database(), "SELECT COUNT(*) FROM image_numbers");
  q.step();
  CHECK(q.int64(0) == 3);  // ann's three approvals, nothing more
}

TEST_CASE("a gold case goes through the session like an order: analysed, answered, nothing issued; a pause says why") {
  test::TempDb db;
  {
    // Three orders bob rejected, marked gold; three more waiting. One wrong gold answer pauses.
    store::Store s(db.path, {.second_review_share = 0.0});
    fill(db, 6);
    const auto bob = test::reviewer(s, "bob");
    for (int i = 0; i < 3; ++i) {
      auto c = s.claim_next(bob, "ws");
      REQUIRE(c);
      s.decide(bob, {c->attempt.id, c->lease.token, "ws", store::Outcome::Reject, {"BLURRED"}});
    }
    const auto sup = test::supervisor(s);
    s.add_gold_cases(sup, {"T100000", "T100001", "T100002"});
    s.set_setting(sup, "gold.min_cases", "1");
  }
  auto engine = std::make_shared<KnownEngine>();
  auto config = config_for(db, "alice", engine);
  config.store_options.gold_rate = 1.0;  // every claim with a real order waiting takes a gold case
  config.store_options.gold_seed = 1;
  config.store_options.second_review_share = 0.0;
  ReviewSession session(config);
  REQUIRE(wait_for(session, settled));
  const auto gold = session.snapshot().current;
  CHECK(gold->claim.attempt.id < 0);
  CHECK(gold->claim.order.order_no.rfind("T", 0) == 0);
  CHECK(gold->analysis->suggested_reasons() == std::vector<std::string>{"BLURRED"});  // the same panels
  const ActionOutcome out = session.approve();  // the reference is a rejection: wrong
  REQUIRE(out.ok);
  CHECK(out.result->order_no == gold->claim.order.order_no);
  CHECK(out.result->image_number.size() == 16);  // the feedback line looks like an approval's
  // The next claim is refused: alice is paused, and the workstation says so in her language.
  REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.error == tr("ui.session.paused"); }));
  store::Store s(db.path);
  store::Statement q(
      s.database(),
      "SELECT (SELECT COUNT(*) FROM decisions), (SELECT COUNT(*) FROM image_numbers), (SELECT COUNT(*) FROM "
      "outbox), (SELECT COUNT(*) FROM gold_answers), (SELECT COUNT(*) FROM attempts WHERE analysis_starts > 0)");
  REQUIRE(q.step());
  CHECK(q.int64(0) == 3);  // bob's three
  CHECK(q.int64(1) == 0);
  CHECK(q.int64(2) == 3);
  CHECK(q.int64(3) == 1);
  CHECK(q.int64(4) == 0);  // the gold case's analysis counted nothing on any attempt
  CHECK(s.paused("alice"));
}

// Issue 18: an idle workstation on an empty PostgreSQL queue waits for intake's notification
// instead of asking the queue every second; on SQLite it asks every second. Either way a new
// order is on screen soon after it comes in, and the session's decisions carry a request key.
TEST_CASE("an idle session on an empty queue: notified on PostgreSQL, polling on SQLite") {
  test::TempDb db;
  auto engine = std::make_shared<KnownEngine>();
  ReviewSession session(config_for(db, "alice", engine));
  REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.queue_empty && s.empty_claims >= 1; }));
  const auto idle_from = session.snapshot().empty_claims;
  std::this_thread::sleep_for(3s);
  const auto idle_claims = session.snapshot().empty_claims - idle_from;
  if (db.postgresql())
    CHECK(idle_claims <= 1);  // the claim right after LISTEN started, and no other
  else
    CHECK(idle_claims >= 2);  // once a second
  const auto t0 = std::chrono::steady_clock::now();
  fill(db, 1);
  REQUIRE(wait_for(
      session, [](const SessionSnapshot& s) { return s.current != nullptr; }, 5s));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  MESSAGE("new order on screen after " << ms.count() << " ms ("
                                       << std::string(db.postgresql() ? "PostgreSQL" : "SQLite") << "), " << idle_claims
                                       << " claims in 3 s idle");
  CHECK(ms < (db.postgresql() ? 500ms : 1500ms));
  REQUIRE(session.approve().ok);
  store::Store s(db.path);
  store::Statement q(s.database(), "SELECT COUNT(*) FROM decisions WHERE length(request_key) = 32");
  q.step();
  CHECK(q.int64(0) == 1);
}

namespace {
// Cuts every connection to the test database but the caller's, as a server restart does to the
// workstation's (PostgreSQL only: the connections get "terminating connection").
void cut_connections(store::Store& s) {
  store::Statement q(s.database(),
                     "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
                     "current_database() AND pid <> pg_backend_pid()");
  q.step();
  REQUIRE(q.int64(0) >= 2);  // the session's caller and worker connections at least
}

std::int64_t count(store::Store& s, const std::string& sql) {
  store::Statement q(s.database(), sql.c_str());
  q.step();
  return q.int64(0);
}
}  // namespace

TEST_CASE("a decision cut off by a lost connection is kept, sent again with its key, and the session goes on" *
          doctest::skip(test::test_server_url().empty())) {
  test::TempDb db;
  fill(db, 4);
  auto engine = std::make_shared<KnownEngine>();
  ReviewSession session(config_for(db, "alice", engine));
  REQUIRE(wait_for(session, settled));
  const std::string first = session.snapshot().current->claim.order.order_no;
  store::Store admin(db.path);
  cut_connections(admin);
  ActionOutcome out = session.approve();
  CHECK_FALSE(out.ok);
  CHECK(out.waiting);
  CHECK_FALSE(out.moved_on);
  SessionSnapshot kept = session.snapshot();
  REQUIRE(kept.current);
  CHECK(kept.current->claim.order.order_no == first);  // the photo stays on screen
  CHECK(kept.waiting_decision == store::Outcome::Approve);
  CHECK(kept.reconnect_retry >= 1);
  CHECK_FALSE(session.skip().ok);  // the order waits for its decision
  REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.resumed_serial == 1; }));
  SessionSnapshot after = session.snapshot();
  REQUIRE(after.resumed_result);
  CHECK(after.resumed_result->order_no == first);
  CHECK(after.resumed_result->image_number.size() == 16);
  CHECK(after.reconnect_retry == 0);
  CHECK_FALSE(after.waiting_decision);
  REQUIRE(after.current);
  CHECK(after.current->claim.order.order_no != first);
  CHECK(count(admin, "SELECT COUNT(*) FROM decisions") == 1);
  // The caller's own connection is opened again at its next decision.
  REQUIRE(wait_for(session, settled));
  ActionOutcome next = session.approve();
  CHECK(next.ok);
  CHECK(count(admin, "SELECT COUNT(*) FROM decisions") == 2);
  CHECK(count(admin, "SELECT COUNT(DISTINCT image_number) FROM decisions") == 2);
}

TEST_CASE("a kept decision whose lease another workstation took meanwhile is refused and the order left to it" *
          doctest::skip(test::test_server_url().empty())) {
  test::TempDb db;
  fill(db, 3);
  auto engine = std::make_shared<KnownEngine>();
  ReviewSession session(config_for(db, "alice", engine));
  REQUIRE(wait_for(session, settled));
  const auto item = session.snapshot().current;
  store::Store admin(db.path);
  cut_connections(admin);
  // While the server was away the lease ran out and another workstation claimed the order.
  store::Statement up(admin.database(),
                      "UPDATE attempts SET lease_owner = 'bob@ws-b', lease_token = lease_token + 1000 WHERE id = ?1");
  up.bind(1, item->claim.attempt.id).run();
  ActionOutcome out = session.approve();
  CHECK(out.waiting);
  REQUIRE(wait_for(session, [&](const SessionSnapshot& s) { return s.current != item && s.reconnect_retry == 0; }));
  SessionSnapshot after = session.snapshot();
  CHECK(after.error.find(item->claim.order.order_no) != std::string::npos);
  CHECK(after.error.find("bob@ws-b") != std::string::npos);
  CHECK_FALSE(after.resumed_result);
  CHECK(count(admin, "SELECT COUNT(*) FROM decisions") == 0);
  CHECK(count(admin, "SELECT COUNT(*) FROM attempts WHERE lease_owner = 'bob@ws-b' AND status = 'pending'") == 1);
}

TEST_CASE("a decision the server never confirmed survives the reviewer quitting: the next session sends it" *
          doctest::skip(test::test_server_url().empty())) {
  test::TempDb db;
  fill(db, 3);
  auto engine = std::make_shared<KnownEngine>();
  SessionConfig config = config_for(db, "alice", engine);
  config.pending_dir = db.dir / "state";
  auto kept_files = [&] { return pending_decision_files(config.pending_dir, db.path, "alice"); };
  store::Database server(db.server);
  const std::string refuse = "ALTER DATABASE " + db.name + " ALLOW_CONNECTIONS false";
  const std::string allow = "ALTER DATABASE " + db.name + " ALLOW_CONNECTIONS true";
  store::Store admin(db.path);  // connected before the database refuses new connections
  std::string first;
  {
    ReviewSession session(config);
    REQUIRE(wait_for(session, settled));
    first = session.snapshot().current->claim.order.order_no;
    // The server away for good: no new connection let in, and the workstation's cut.
    server.exec(refuse.c_str());
    cut_connections(admin);
    ActionOutcome out = session.approve();
    CHECK(out.waiting);
    REQUIRE(kept_files().size() == 1);  // on disk before the reviewer hears it is kept
    CHECK(load_pending_decision(kept_files().front())->order_no == first);
  }  // the reviewer quits while it waits
  REQUIRE(kept_files().size() == 1);
  server.exec(allow.c_str());
  CHECK(count(admin, "SELECT COUNT(*) FROM decisions") == 0);
  ReviewSession again(config);
  const SessionSnapshot s = again.snapshot();
  REQUIRE(s.resumed_result);
  CHECK(s.resumed_from_disk);
  CHECK(s.resumed_result->order_no == first);
  CHECK(kept_files().empty());
  CHECK(count(admin, "SELECT COUNT(*) FROM decisions") == 1);
  CHECK(count(admin, "SELECT COUNT(*) FROM decisions WHERE length(request_key) = 32") == 1);
  REQUIRE(wait_for(again, settled));
  CHECK(again.snapshot().current->claim.order.order_no != first);
}

TEST_CASE(
    "while the worker cannot reach the server, the reviewer's actions do not try to connect from the screen's "
    "thread" *
    doctest::skip(test::test_server_url().empty())) {
  test::TempDb db;
  fill(db, 4);
  auto engine = std::make_shared<KnownEngine>();
  SessionConfig config = config_for(db, "alice", engine);
  config.stats_every_ms = 200;  // the worker meets the loss soon
  store::Database server(db.server);
  store::Store admin(db.path);
  {
    ReviewSession session(config);
    REQUIRE(wait_for(session, settled));
    server.exec(("ALTER DATABASE " + db.name + " ALLOW_CONNECTIONS false").c_str());
    cut_connections(admin);
    REQUIRE(wait_for(session, [](const SessionSnapshot& s) { return s.reconnect_retry >= 1; }));
    // The caller's own connection is found dead by its first use...
    ActionOutcome first = session.skip();
    CHECK_FALSE(first.ok);
    CHECK(first.moved_on);
    // ...and then not opened again from this thread while the worker is still trying: a host that
    // drops packets would freeze the screen for the whole connect timeout.
    ActionOutcome second = session.skip();
    CHECK_FALSE(second.ok);
    CHECK(second.message.find("the workstation is connecting again") != std::string::npos);
    CHECK(second.message.find("not currently accepting connections") == std::string::npos);
    server.exec(("ALTER DATABASE " + db.name + " ALLOW_CONNECTIONS true").c_str());
    REQUIRE(wait_for(
        session, [](const SessionSnapshot& s) { return s.reconnect_retry == 0 && s.current; }, 20s));
    REQUIRE(wait_for(session, settled));
    CHECK(session.approve().ok);  // connected again: the caller's connection is opened at its next action
  }
  CHECK(count(admin, "SELECT COUNT(*) FROM decisions") == 1);
}
