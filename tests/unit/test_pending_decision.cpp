// A decision kept on the workstation's disk while the queue server was away (pending_decision.hpp):
// its file reads back as written and refuses damage by name, and the reviewer's next session sends
// it before anything else, once, or reports why not. On SQLite and on PostgreSQL (unit_pg); the
// quit during a real outage is test_review_session's and e2e_pg_reconnect's.
#include <doctest/doctest.h>

#include <fstream>

#include "core/review/pending_decision.hpp"
#include "core/review/review_session.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::review;

namespace {
PendingDecision sample() {
  PendingDecision p;
  p.db_path = "postgresql://reviewstation@queue.centre/rs";
  p.reviewer = "alice";
  p.order_no = "GD20261206000123";
  p.attempt_no = 2;
  p.request.attempt_id = 41;
  p.request.lease_token = 907;
  p.request.workstation = "desk-7:4711";
  p.request.outcome = store::Outcome::Reject;
  p.request.reasons = {"BLURRED", "OTHER"};
  p.request.other_text = "请摘下眼镜\n再拍一张";
  p.request.shown_ms = 1765000000123;
  p.request.findings_json = R"([{"rule":"quality.sharpness","verdict":"fail"}])";
  p.request.screen = ScreenRecord{3, 1, true, false, true, 2.5, 0.25, 0.75};
  p.request.claim_next = true;
  p.request.request_key = "0123456789abcdef0123456789abcdef";
  return p;
}

std::string refusal_of(const std::string& text) {
  try {
    parse_pending_decision(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A session whose engine never loads: these tests look at what the session does before any order.
SessionConfig config_for(const test::TempDb& db, const accounts::Actor& reviewer) {
  SessionConfig c;
  c.db_path = db.path;
  c.reviewer = reviewer;
  c.workstation = "new-ws";
  c.pending_dir = db.dir / "state";
  c.engine_loader = []() -> std::shared_ptr<const findings::Engine> { throw std::runtime_error("no engine here"); };
  return c;
}

std::int64_t count(store::Store& s, const std::string& sql) {
  store::Statement q(s.database(), sql.c_str());
  REQUIRE(q.step());
  return q.int64(0);
}

// alice claims an order at an earlier session's workstation and decides it there, but the server
// never confirmed: what that session left on disk.
struct EarlierSession {
  test::TempDb db;
  store::Store store{db.path};
  accounts::Actor alice = test::reviewer(store, "alice");
  store::Claim claim;
  PendingDecision kept;
  std::filesystem::path file;

  EarlierSession() {
    for (int i = 0; i < 3; ++i) REQUIRE(store.enqueue(test::order(i)).status == store::IngestItem::Status::Enqueued);
    auto c = store.claim_next(alice, "old-ws");
    REQUIRE(c);
    claim = *c;
    kept.db_path = db.path;
    kept.reviewer = "alice";
    kept.order_no = claim.order.order_no;
    kept.attempt_no = claim.attempt.attempt_no;
    kept.request.attempt_id = claim.attempt.id;
    kept.request.lease_token = claim.lease.token;
    kept.request.workstation = "old-ws";
    kept.request.outcome = store::Outcome::Approve;
    kept.request.claim_next = true;
    kept.request.request_key = "kept-decision-key-1";
    file = pending_decision_file(db.dir / "state", db.path, "alice", kept.request.request_key);
    save_pending_decision(file, kept);
  }
};
}  // namespace

TEST_CASE("a kept decision reads back as written, and a damaged one is refused by name") {
  const PendingDecision p = sample();
  const std::string text = pending_decision_json(p);
  const PendingDecision back = parse_pending_decision(text);
  CHECK(pending_decision_json(back) == text);  // every field, written the same again
  CHECK(back.db_path == p.db_path);
  CHECK(back.attempt_no == 2);
  CHECK(back.request.attempt_id == 41);
  CHECK(back.request.lease_token == 907);
  CHECK(back.request.outcome == store::Outcome::Reject);
  CHECK(back.request.reasons == p.request.reasons);
  CHECK(back.request.other_text == p.request.other_text);
  CHECK(back.request.shown_ms == p.request.shown_ms);
  CHECK(back.request.screen == p.request.screen);
  CHECK(back.request.request_key == p.request.request_key);
  PendingDecision no_screen = p;
  no_screen.request.screen.reset();
  CHECK_FALSE(parse_pending_decision(pending_decision_json(no_screen)).request.screen);

  CHECK(refusal_of(text.substr(0, text.size() / 2)).find("not JSON") != std::string::npos);
  CHECK(refusal_of("[1,2]").find("not a JSON object") != std::string::npos);
  CHECK(refusal_of(replaced(text, "\"lease_token\": 907", "\"lease_token\": \"907\"")) ==
        "'request.lease_token' is not an integer");
  CHECK(refusal_of(replaced(text, "\"outcome\": \"reject\"", "\"outcome\": \"maybe\"")) ==
        "'request.outcome' is neither approve nor reject");
  CHECK(refusal_of(replaced(text, "\"BLURRED\"", "7")) == "'request.reasons' holds something other than reason codes");
  CHECK(refusal_of(replaced(text, "\"request_key\": \"0123456789abcdef0123456789abcdef\"", "\"request_key\": \"\"")) ==
        "'request.request_key' is empty");
  CHECK(refusal_of(replaced(text, "\"mirrored\": true", "\"mirrored\": 1")) ==
        "'request.screen.mirrored' is not true or false");
  CHECK(refusal_of(replaced(text, "\"overlays\": 3", "\"overlays\": -3")) ==
        "'request.screen.overlays' is out of range");
  CHECK(refusal_of(replaced(text, "\"reviewer\": \"alice\",", "")) == "'reviewer' is missing");
  CHECK(refusal_of(replaced(text, "reviewstation pending decision", "something else")).find("'kind'") == 0);

  // One file per kept decision, named by a digest of reviewer and queue (a URL cannot be a file
  // name) and the decision's key.
  const auto a = pending_decision_file("/s", p.db_path, "alice", "k1");
  CHECK(a.parent_path() == "/s");
  CHECK(a.filename().string().starts_with("pending-"));
  CHECK(a.filename().string().ends_with("-k1.json"));
  CHECK(a != pending_decision_file("/s", p.db_path, "alice", "k2"));
  CHECK(a != pending_decision_file("/s", p.db_path, "bob", "k1"));
  CHECK(a != pending_decision_file("/s", "/var/lib/rs/queue.db", "alice", "k1"));
}

TEST_CASE("the next session sends a kept decision first, under its lease and key, and the file goes") {
  EarlierSession earlier;
  {
    ReviewSession session(config_for(earlier.db, earlier.alice));
    const SessionSnapshot s = session.snapshot();  // sent by the constructor, before any claim
    CHECK(s.resumed_serial == 1);
    CHECK(s.resumed_from_disk);
    REQUIRE(s.resumed_result);
    CHECK(s.resumed_result->order_no == earlier.kept.order_no);
    CHECK(s.resumed_result->image_number.size() == 16);
    CHECK_FALSE(s.resumed_result->next_lease);  // not claimed for the earlier workstation's id
    CHECK_FALSE(s.waiting_decision);
    CHECK_FALSE(std::filesystem::exists(earlier.file));
  }
  CHECK(count(earlier.store, "SELECT COUNT(*) FROM decisions WHERE request_key = 'kept-decision-key-1'") == 1);
  CHECK(count(earlier.store, "SELECT COUNT(*) FROM decisions") == 1);

  // The same file again (a copy restored, a second quit before the delete): made once, answered.
  save_pending_decision(earlier.file, earlier.kept);
  {
    ReviewSession session(config_for(earlier.db, earlier.alice));
    const SessionSnapshot s = session.snapshot();
    REQUIRE(s.resumed_result);
    CHECK(s.resumed_result->replayed);
    CHECK_FALSE(std::filesystem::exists(earlier.file));
  }
  CHECK(count(earlier.store, "SELECT COUNT(*) FROM decisions") == 1);
  // Nothing kept: a session starts as always.
  ReviewSession session(config_for(earlier.db, earlier.alice));
  CHECK(session.snapshot().resumed_serial == 0);
  CHECK(session.snapshot().error.empty());
}

TEST_CASE("a kept decision on an order another workstation took meanwhile is refused, and the reviewer told") {
  EarlierSession earlier;
  store::Statement up(earlier.store.database(),
                      "UPDATE attempts SET lease_owner = 'bob@ws-b', lease_token = lease_token + 1000 WHERE id = ?1");
  up.bind(1, earlier.claim.attempt.id).run();
  ReviewSession session(config_for(earlier.db, earlier.alice));
  const SessionSnapshot s = session.snapshot();
  CHECK(s.resumed_serial == 0);
  CHECK(s.error.find(earlier.kept.order_no) != std::string::npos);
  CHECK(s.error.find("bob@ws-b") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(earlier.file));  // answered: nothing left to send
  CHECK(count(earlier.store, "SELECT COUNT(*) FROM decisions") == 0);
}

TEST_CASE("an unreadable kept decision is put aside and named, and the session starts") {
  EarlierSession earlier;
  std::ofstream(earlier.file, std::ios::trunc) << "{\"kind\": \"reviewstation pending decision\", \"db\":";
  ReviewSession session(config_for(earlier.db, earlier.alice));
  const SessionSnapshot s = session.snapshot();
  CHECK(s.error.find(earlier.file.filename().string()) != std::string::npos);
  CHECK(s.error.find("not JSON") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(earlier.file));
  CHECK(std::filesystem::exists(earlier.file.string() + ".unreadable"));
  CHECK(count(earlier.store, "SELECT COUNT(*) FROM decisions") == 0);
}

TEST_CASE("two workstations of one reviewer each keep their own decision, and the next session sends both") {
  EarlierSession earlier;  // alice's first decision, kept at old-ws
  auto second = earlier.store.claim_next(earlier.alice, "old-ws-2");
  REQUIRE(second);
  PendingDecision other = earlier.kept;
  other.order_no = second->order.order_no;
  other.request.attempt_id = second->attempt.id;
  other.request.lease_token = second->lease.token;
  other.request.workstation = "old-ws-2";
  other.request.outcome = store::Outcome::Reject;
  other.request.reasons = {"BLURRED"};
  other.request.request_key = "kept-decision-key-2";
  save_pending_decision(
      pending_decision_file(earlier.db.dir / "state", earlier.db.path, "alice", "kept-decision-key-2"), other);
  REQUIRE(pending_decision_files(earlier.db.dir / "state", earlier.db.path, "alice").size() == 2);
  CHECK(pending_decision_files(earlier.db.dir / "state", earlier.db.path, "bob").empty());
  {
    ReviewSession session(config_for(earlier.db, earlier.alice));
    CHECK(session.snapshot().resumed_serial == 2);
  }
  CHECK(pending_decision_files(earlier.db.dir / "state", earlier.db.path, "alice").empty());
  CHECK(count(earlier.store, "SELECT COUNT(*) FROM decisions WHERE request_key LIKE 'kept-decision-key-%'") == 2);
  CHECK(count(earlier.store, "SELECT COUNT(*) FROM decisions WHERE decision = 'rejected'") == 1);
}
