// The atomic decision: everything or nothing, even when the process dies mid-transaction.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/domain/image_number.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t count(Store& s, const char* sql) {
  Statement q(s.database(), sql);
  q.step();
  return q.int64(0);
}
}  // namespace

TEST_CASE("an approval writes decision, image number, outbox message and audit record together") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1, "广州市"));
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws-a");
  REQUIRE(c);
  DecisionRequest r{c->attempt.id, c->lease.token, "ws-a", Outcome::Approve};
  r.shown_ms = now_ms() - 1234;
  r.findings_json = R"([{"rule_id":"geometry.face_width","verdict":"pass"}])";
  auto result = s.decide(alice, r);
  CHECK(result.image_number.substr(0, 4) == "GDIA");
  CHECK(parse_image_number(result.image_number).parts);
  CHECK(result.review_ms >= 1234);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM image_numbers") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM outbox WHERE kind = 'approval'") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'decide'") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'decide' AND actor = 'alice'") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions WHERE reviewer = 'alice' AND workstation = 'ws-a'") == 1);
  CHECK(count(s, "SELECT COUNT(*) FROM attempts WHERE status = 'approved'") == 1);
  // deciding twice is refused
  CHECK_THROWS_AS(s.decide(alice, r), Refusal);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 1);
}

TEST_CASE("a rejection needs reasons, OTHER needs text, and it issues a notice with a token") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws-a");
  DecisionRequest r{c->attempt.id, c->lease.token, "ws-a", Outcome::Reject};
  CHECK_THROWS_AS(s.decide(alice, r), Refusal);
  r.reasons = {"NOT_A_REASON"};
  CHECK_THROWS_AS(s.decide(alice, r), Refusal);
  r.reasons = {"BLURRED", "OTHER"};
  try {
    s.decide(alice, r);
    FAIL("OTHER without text was accepted");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::OtherNeedsText);
  }
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 0);
  r.other_text = "照片有水印";
  auto result = s.decide(alice, r);
  CHECK(result.notice_token.size() == 32);
  std::ostringstream out;
  s.export_decisions(out);
  auto j = nlohmann::json::parse(out.str());
  CHECK(j["decision"] == "rejected");
  CHECK(j["reasons"] == nlohmann::json::array({"BLURRED", "OTHER"}));
  // The notice kept for the record holds no usable token (only its digest is stored).
  CHECK(j["notice"]["resubmit_token"] == "redacted");
  CHECK(out.str().find(result.notice_token) == std::string::npos);
  CHECK(j["notice"]["reasons"][1]["what_to_do"] == "照片有水印");
  CHECK(j["notice"]["reasons"][0]["what_to_do"].get<std::string>().size() > 10);
}

TEST_CASE("a crash in the middle of a decision leaves none of it") {
  test::TempDb tmp;
  std::int64_t attempt_id = 0, token = 0;
  {
    Store s(tmp.path);
    s.enqueue(test::order(1));
    auto c = s.claim_next(test::reviewer(s, "alice"), "ws-a");
    attempt_id = c->attempt.id;
    token = c->lease.token;
  }
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // The child dies the moment the outbox row is written: after the decision row, its image
    // number and the serial counter, before the commit.
    Store s(tmp.path);
    const auto alice = s.sign_in("alice", "demo");
    sqlite3_update_hook(
        s.database().handle(),
        [](void*, int, const char*, const char* table, sqlite3_int64) {
          if (std::strcmp(table, "outbox") == 0) _exit(42);
        },
        nullptr);
    s.decide(alice, {attempt_id, token, "ws-a", Outcome::Approve});
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 42);
  Store s(tmp.path);
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 0);
  CHECK(count(s, "SELECT COUNT(*) FROM image_numbers") == 0);
  CHECK(count(s, "SELECT COUNT(*) FROM serial_counters") == 0);
  CHECK(count(s, "SELECT COUNT(*) FROM outbox") == 0);
  CHECK(count(s, "SELECT COUNT(*) FROM attempts WHERE status = 'pending'") == 1);
  // the same reviewer can still decide with the lease it holds
  auto result = s.decide(s.sign_in("alice", "demo"), {attempt_id, token, "ws-a", Outcome::Approve});
  CHECK(result.image_number.substr(10, 5) == "00001");
}

TEST_CASE("image numbers count per city and day, and a full day refuses cleanly") {
  test::TempDb tmp;
  Store s(tmp.path);
  for (int i = 0; i < 3; ++i) s.enqueue(test::order(i, "深圳"));
  s.enqueue(test::order(10, "珠海市", "护照"));
  std::vector<std::string> numbers;
  const auto a = test::reviewer(s, "a");
  while (auto c = s.claim_next(a, "ws"))
    numbers.push_back(s.decide(a, {c->attempt.id, c->lease.token, "ws", Outcome::Approve}).image_number);
  REQUIRE(numbers.size() == 4);
  CHECK(numbers[0].substr(0, 4) == "GDXB");  // Shenzhen's shared receipt
  CHECK(numbers[0].substr(10, 5) == "00001");
  CHECK(numbers[1].substr(10, 5) == "00002");
  CHECK(numbers[3].substr(0, 4) == "GDPC");
  CHECK(numbers[3].substr(10, 5) == "00001");

  s.enqueue(test::order(20, "深圳"));
  s.database().exec("UPDATE serial_counters SET last_serial = 99999 WHERE city_letter = 'B'");
  auto c = s.claim_next(a, "ws");
  try {
    s.decide(a, {c->attempt.id, c->lease.token, "ws", Outcome::Approve});
    FAIL("serial 100000 was issued");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::SerialsExhausted);
    CHECK(std::string(e.what()).find("深圳") != std::string::npos);
  }
  CHECK(count(s, "SELECT COUNT(*) FROM decisions") == 4);
  CHECK(count(s, "SELECT last_serial FROM serial_counters WHERE city_letter = 'B'") == 99999);
  // a rejection of the same order still works: nothing was half-written
  DecisionRequest reject{c->attempt.id, c->lease.token, "ws", Outcome::Reject, {"BLURRED"}};
  CHECK_NOTHROW(s.decide(a, reject));
}

TEST_CASE("the audit log is a hash chain") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  s.enqueue(test::order(2));
  Statement q(s.database(), "SELECT prev_hash, hash FROM audit_log ORDER BY id");
  std::string last(64, '0');
  int rows = 0;
  while (q.step()) {
    CHECK(q.text(0) == last);
    last = q.text(1);
    ++rows;
  }
  CHECK(rows == 2);
}
