// Verification answers, revocation, the outbox drain's crash-replay, and unique image numbers
// under four processes approving at once.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/domain/image_number.hpp"
#include "core/issuing/outbox_drain.hpp"
#include "core/store/sqlite.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::string approve_one(Store& s) {
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws");
  REQUIRE(c);
  return s.decide(alice, {c->attempt.id, c->lease.token, "ws", Outcome::Approve}).image_number;
}
}  // namespace

TEST_CASE("verify gives every answer") {
  test::TempDb tmp;
  Millis fake = *parse_iso8601("2026-11-21T10:00:00+08:00");
  set_clock_for_tests([&] { return fake; });
  Store s(tmp.path);
  s.enqueue(test::order(1, "广州市", "身份证"));
  s.enqueue(test::order(2, "深圳", "社保卡"));
  std::string gz = approve_one(s);
  std::string sz = approve_one(s);

  CHECK(s.verify(gz, "广州", "身份证").answer == VerifyAnswer::Valid);
  CHECK(s.verify(gz, "广州市", "身份证").expires_on == "2027-05-20");
  CHECK(s.verify(gz, "深圳", "身份证").answer == VerifyAnswer::WrongCity);
  CHECK(s.verify(gz, "广州", "护照").answer == VerifyAnswer::WrongDocType);
  // Shenzhen's shared receipt serves the ID card, social security card and residence permit
  CHECK(s.verify(sz, "深圳", "身份证").answer == VerifyAnswer::Valid);
  CHECK(s.verify(sz, "深圳", "居住证").answer == VerifyAnswer::Valid);
  CHECK(s.verify(sz, "深圳", "驾驶证").answer == VerifyAnswer::WrongDocType);

  std::string unknown = format_image_number({'I', 'A', 2026, 11, 21, 500});
  CHECK(s.verify(unknown, "广州", "身份证").answer == VerifyAnswer::Unknown);
  std::string typo = gz;
  typo[11] = typo[11] == '0' ? '1' : '0';
  CHECK(s.verify(typo, "广州", "身份证").answer == VerifyAnswer::Malformed);  // never "unknown"
  CHECK(s.verify("GD123", "广州", "身份证").answer == VerifyAnswer::Malformed);
  CHECK_THROWS_AS(s.verify(gz, "广东省", "身份证"), store::Refusal);

  fake += 181LL * 86400000;
  CHECK(s.verify(gz, "广州", "身份证").answer == VerifyAnswer::Expired);
  fake -= 181LL * 86400000;

  CHECK_THROWS_AS(s.revoke(test::supervisor(s), gz, "  "), store::Refusal);
  std::string token = s.revoke(test::supervisor(s), gz, "照片与本人不符");
  CHECK(token.size() == 32);
  CHECK(s.verify(gz, "广州", "身份证").answer == VerifyAnswer::Revoked);
  CHECK_THROWS_AS(s.revoke(test::supervisor(s), gz, "again"), store::Refusal);
  // the revocation's token gives a free resubmission
  auto r = s.resubmit(token, test::tiny_jpeg(9));
  CHECK(r.attempt_no == 2);
  set_clock_for_tests(nullptr);
}

TEST_CASE("outbox drain: killed between write and mark, the rerun loses nothing") {
  test::TempDb tmp;
  {
    Store s(tmp.path);
    for (int i = 0; i < 5; ++i) s.enqueue(test::order(i));
    const auto a = test::reviewer(s, "a");
    while (auto c = s.claim_next(a, "ws"))
      s.decide(a, {c->attempt.id,
                   c->lease.token,
                   "ws",
                   c->order.order_no == "T100002" ? Outcome::Reject : Outcome::Approve,
                   {"BLURRED"}});
  }
  auto out = tmp.dir / "outbox";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    Store s(tmp.path);
    int n = 0;
    issuing::drain_outbox(s, out, [&](const OutboxMessage&) {
      if (++n == 3) _exit(42);  // the third file is on disk, its mark is not
    });
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WEXITSTATUS(status) == 42);
  int files_after_crash = 0;
  for (auto& e : std::filesystem::directory_iterator(out)) files_after_crash += e.path().extension() == ".json";
  CHECK(files_after_crash == 3);
  Store s(tmp.path);
  CHECK(s.undelivered_messages(100).size() == 3);  // the third was written but not marked
  auto report = issuing::drain_outbox(s, out);
  // The third message is published again under the same name (its id), which finds the killed
  // run's file there: delivered, and still one file per message.
  CHECK(report.written == 2);
  CHECK(report.already_there == 1);
  CHECK(s.undelivered_messages(100).empty());
  std::set<std::string> keys;
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(out)) {
    ++files;
    REQUIRE(e.path().extension() == ".json");
    auto j = nlohmann::json::parse(std::ifstream(e.path()));
    keys.insert(j["idempotency_key"].get<std::string>());
  }
  CHECK(files == 5);
  CHECK(keys.size() == 5);
  CHECK(keys.count("T100002/1/rejection") == 1);
  // Each batch was recorded (in a synced commit) before its files were written, and the
  // connection is back to unsynced commits afterwards.
  Statement batches(s.database(), "SELECT COUNT(*) FROM audit_log WHERE actor = 'outbox' AND action = 'deliver'");
  REQUIRE(batches.step());
  CHECK(batches.int64(0) == 2);  // the killed run's batch and the rerun's
  Statement sync(s.database(), "PRAGMA synchronous");
  REQUIRE(sync.step());
  CHECK(sync.int64(0) == 1);  // NORMAL
}

TEST_CASE("image numbers stay unique with four processes approving at once") {
  test::TempDb tmp;
  constexpr int kOrders = 400;
  {
    Store s(tmp.path);
    for (int i = 0; i < kOrders; ++i) s.enqueue(test::order(i, i % 2 ? "深圳" : "广州"));
    for (int k = 0; k < 4; ++k) test::account(s, "ws" + std::to_string(k), {accounts::Role::Reviewer});
  }
  std::vector<pid_t> kids;
  for (int k = 0; k < 4; ++k) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      try {
        Store s(tmp.path);
        std::string me = "ws" + std::to_string(k);
        const auto reviewer = s.sign_in(me, "demo");
        while (auto c = s.claim_next(reviewer, me))
          s.decide(reviewer, {c->attempt.id, c->lease.token, me, Outcome::Approve});
        _exit(0);
      } catch (...) {
        _exit(1);
      }
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WEXITSTATUS(status) == 0);
  }
  Store s(tmp.path);
  Statement q(s.database(), "SELECT number FROM image_numbers");
  std::set<std::string> numbers;
  std::map<char, std::set<int>> serials;
  int rows = 0;
  while (q.step()) {
    std::string n = q.text(0);
    numbers.insert(n);
    auto p = parse_image_number(n);
    REQUIRE(p.parts);
    serials[p.parts->city_letter].insert(p.parts->serial);
    ++rows;
  }
  CHECK(rows == kOrders);
  CHECK(numbers.size() == std::size_t(kOrders));
  // serials per city run 1..N without a gap or a repeat
  for (auto& [city, set] : serials) {
    CHECK(set.size() == kOrders / 2);
    CHECK(*set.begin() == 1);
    CHECK(*set.rbegin() == kOrders / 2);
  }
}
