// Outbox files: names that two messages can never share, whatever their order numbers hold;
// two drains at once deliver every message once; stored payloads with invalid UTF-8 still leave as
// valid UTF-8 JSON. (The crash-replay case is in test_issuing.cpp.)
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/issuing/outbox_drain.hpp"
#include "core/store/sqlite.hpp"
#include "core/util/utf8.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every file in the folder, name -> content (temporary files included, so a leftover shows).
std::map<std::string, std::string> files_in(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = slurp(e.path());
  return out;
}

// Orders whose numbers intake would refuse today, as rows stored before it checked them: the
// order is enqueued with a plain number, renamed in the database, then decided, so the store
// builds the message and its idempotency key from the hostile number itself.
// Returns order number -> the notice token (rejections) or image number (approvals).
std::map<std::string, std::string> decide_with_numbers(Store& s, const std::vector<std::string>& numbers,
                                                       Outcome outcome = Outcome::Reject) {
  std::map<std::string, std::string> issued;
  const auto alice = test::reviewer(s, "alice");
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    auto o = test::order(static_cast<int>(i));
    s.enqueue(o);
    Statement rename(s.database(), "UPDATE orders SET order_no = ?1 WHERE order_no = ?2");
    rename.bind(1, numbers[i]).bind(2, o.order_no).run();
    auto c = s.claim_next(alice, "ws");
    REQUIRE(c);
    REQUIRE(c->order.order_no == numbers[i]);
    auto r = s.decide(alice, {c->attempt.id, c->lease.token, "ws", outcome, {"BLURRED"}});
    issued[numbers[i]] = outcome == Outcome::Reject ? r.notice_token : r.image_number;
  }
  return issued;
}

const std::regex kSafeName(R"(^[0-9]{9}-[A-Za-z0-9_-]{1,40}-[A-Za-z0-9_-]{1,24}\.json$)");
}  // namespace

TEST_CASE("outbox file names: id first, the order number in safe form, the kind") {
  OutboxMessage m{123, "A/1/1/rejection", "rejection", "{}"};
  CHECK(issuing::outbox_file_name(m) == "000000123-A_2F1-rejection.json");
  m.idempotency_key = "A_1/2/approval";
  m.kind = "approval";
  CHECK(issuing::outbox_file_name(m) == "000000123-A_1-approval.json");
  m.id = 1234567890;  // past nine digits the number just grows
  CHECK(issuing::outbox_file_name(m).rfind("1234567890-A_1-", 0) == 0);

  CHECK(issuing::safe_name_part(std::string("a\0b", 3), 40) == "a_00b");
  CHECK(issuing::safe_name_part("a\nb", 40) == "a_0Ab");
  CHECK(issuing::safe_name_part("../x", 40) == "_2E_2E_2Fx");
  CHECK(issuing::safe_name_part("深", 40) == "_E6_B7_B1");
  // The cap falls on an escape boundary, never inside one.
  CHECK(issuing::safe_name_part("ab/cd", 4) == "ab");
  CHECK(issuing::safe_name_part("ab/cd", 5) == "ab_2F");
  CHECK(issuing::safe_name_part(std::string(100, 'x'), 40).size() == 40);
}

TEST_CASE("outbox drain: orders A/1 and A_1 get two files, each with its own token") {
  test::TempDb tmp;
  Store s(tmp.path);
  auto tokens = decide_with_numbers(s, {"A/1", "A_1"});
  REQUIRE(tokens.size() == 2);
  REQUIRE(tokens["A/1"] != tokens["A_1"]);
  auto out = tmp.dir / "outbox";
  auto report = issuing::drain_outbox(s, out);
  CHECK(report.written == 2);
  CHECK(report.problems.empty());
  auto files = files_in(out);
  REQUIRE(files.size() == 2);
  std::set<std::string> orders_seen;
  for (const auto& [name, text] : files) {
    CHECK(std::regex_match(name, kSafeName));
    auto j = nlohmann::json::parse(text);
    const std::string order = j["order_no"];
    orders_seen.insert(order);
    CHECK(j["resubmit_token"] == tokens[order]);  // the applicant's own token, not the other's
    CHECK(name.find(order == "A/1" ? "-A_2F1-" : "-A_1-") != std::string::npos);
  }
  CHECK(orders_seen == std::set<std::string>{"A/1", "A_1"});
}

TEST_CASE("outbox drain: NUL, newline, ../ and long or Chinese order numbers give safe names in the folder") {
  test::TempDb tmp;
  Store s(tmp.path);
  const std::vector<std::string> numbers = {
      std::string("x\0y", 3),          "a\nb", "../../etc/passwd", "..", "/abs/path", "广州-2026-001",
      std::string(300, 'L') + "/tail", "-rf",  ".hidden"};
  auto tokens = decide_with_numbers(s, numbers);
  auto out = tmp.dir / "outbox";
  auto report = issuing::drain_outbox(s, out);
  CHECK(report.written == static_cast<int>(numbers.size()));
  auto files = files_in(out);
  CHECK(files.size() == numbers.size());  // nothing went elsewhere, nothing was merged
  std::set<std::string> orders_seen;
  for (const auto& file : files) {
    const std::string& name = file.first;
    const std::string& text = file.second;
    INFO("file " << name);  // a named reference: clang cannot capture a structured binding here
    CHECK(std::regex_match(name, kSafeName));
    CHECK(name.size() <= 9 + 1 + 40 + 1 + 24 + 5);
    auto j = nlohmann::json::parse(text);  // the order number travels intact inside the JSON
    orders_seen.insert(j["order_no"].get<std::string>());
    CHECK(j["resubmit_token"] == tokens[j["order_no"]]);
  }
  CHECK(orders_seen == std::set<std::string>(numbers.begin(), numbers.end()));
  // Nothing was written beside the folder (../ stayed a name, not a path).
  std::set<std::string> beside;
  for (const auto& e : fs::directory_iterator(tmp.dir)) beside.insert(e.path().filename().string());
  for (const auto& name : beside) CHECK((name == "outbox" || name.rfind("queue.db", 0) == 0));
}

TEST_CASE("outbox drain: a second drain that runs while the first is between publishing and marking") {
  // Deterministic interleaving: the first drain's hook, after it published message 1 and before it
  // marked it, runs a whole second drain on its own connection.
  test::TempDb tmp;
  constexpr int kOrders = 6;
  {
    Store s(tmp.path);
    for (int i = 0; i < kOrders; ++i) s.enqueue(test::order(i));
    const auto a = test::reviewer(s, "a");
    while (auto c = s.claim_next(a, "ws")) s.decide(a, {c->attempt.id, c->lease.token, "ws", Outcome::Approve});
  }
  auto out = tmp.dir / "outbox";
  Store first(tmp.path);
  issuing::DrainReport second_report;
  bool ran_second = false;
  auto first_report = issuing::drain_outbox(first, out, [&](const OutboxMessage&) {
    if (ran_second) return;
    ran_second = true;
    Store second(tmp.path);
    second_report = issuing::drain_outbox(second, out);
  });
  CHECK(first_report.written == 1);
  CHECK(first_report.already_there == kOrders - 1);
  CHECK(second_report.written == kOrders - 1);
  CHECK(second_report.already_there == 1);  // message 1: published by the first, not yet marked
  auto files = files_in(out);
  CHECK(files.size() == kOrders);
  CHECK(first.undelivered_messages(100).empty());
}

TEST_CASE("outbox drain: two processes draining at once deliver every message exactly once") {
  test::TempDb tmp;
  constexpr int kOrders = 120;
  {
    Store s(tmp.path);
    for (int i = 0; i < kOrders; ++i) s.enqueue(test::order(i));
    int n = 0;
    const auto a = test::reviewer(s, "a");
    while (auto c = s.claim_next(a, "ws"))
      s.decide(a, {c->attempt.id, c->lease.token, "ws", ++n % 3 ? Outcome::Approve : Outcome::Reject, {"BLURRED"}});
  }
  auto out = tmp.dir / "outbox";
  int go[2];
  REQUIRE(::pipe(go) == 0);
  std::vector<pid_t> kids;
  for (int k = 0; k < 2; ++k) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int code = 1;
      try {
        ::close(go[1]);
        Store s(tmp.path);
        char byte;
        if (::read(go[0], &byte, 1) != 0) _exit(2);  // both start when the parent closes the pipe
        auto r = issuing::drain_outbox(s, out);
        std::ofstream(tmp.dir / ("report" + std::to_string(k)))
            << r.written << ' ' << r.already_there << ' ' << r.problems.size();
        code = 0;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "drain %d: %s\n", k, e.what());
      }
      _exit(code);
    }
    kids.push_back(pid);
  }
  ::close(go[0]);
  ::close(go[1]);
  for (pid_t pid : kids) {
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  int written = 0, already = 0;
  for (int k = 0; k < 2; ++k) {
    std::ifstream in(tmp.dir / ("report" + std::to_string(k)));
    int w = -1, a = -1, problems = -1;
    in >> w >> a >> problems;
    MESSAGE("drain " << k << ": " << w << " written, " << a << " already there");
    CHECK(problems == 0);
    written += w;
    already += a;
  }
  CHECK(written == kOrders);  // each message published by exactly one of them
  auto files = files_in(out);
  CHECK(files.size() == kOrders);  // no file lost, none twice, no temporary file left
  std::set<std::string> keys;
  for (const auto& [name, text] : files) {
    CHECK(std::regex_match(name, kSafeName));
    keys.insert(nlohmann::json::parse(text)["idempotency_key"].get<std::string>());
  }
  CHECK(keys.size() == kOrders);
  Store s(tmp.path);
  CHECK(s.undelivered_messages(1000).empty());
}

TEST_CASE("outbox drain: a stored payload with invalid UTF-8 leaves as valid UTF-8 JSON, and says so") {
  test::TempDb tmp;
  Store s(tmp.path);
  decide_with_numbers(s, {"U1", "U2", "U3"});
  // Rows from before intake checked UTF-8: a lone 0xFF and an overlong '/' (C0 AF) in a string.
  {
    Statement bad(s.database(),
                  "UPDATE outbox SET payload_json = replace(payload_json, '\"U1\"', CAST(X'225531FF22' AS TEXT)) "
                  "WHERE idempotency_key LIKE 'U1/%'");
    bad.run();
    Statement overlong(
        s.database(),
        "UPDATE outbox SET payload_json = replace(payload_json, '\"U2\"', CAST(X'2255C0AF3222' AS TEXT)) "
        "WHERE idempotency_key LIKE 'U2/%'");
    overlong.run();
    Statement not_json(s.database(), "UPDATE outbox SET payload_json = '{\"cut' WHERE idempotency_key LIKE 'U3/%'");
    not_json.run();
  }
  auto out = tmp.dir / "outbox";
  auto report = issuing::drain_outbox(s, out);
  CHECK(report.written == 2);
  CHECK(report.repaired == 2);
  REQUIRE(report.notes.size() == 2);
  CHECK(report.notes[0].find("U1/1/rejection") != std::string::npos);
  REQUIRE(report.problems.size() == 1);  // not JSON at all: named, left undelivered, not written
  CHECK(report.problems[0].find("U3/1/rejection") != std::string::npos);
  auto files = files_in(out);
  REQUIRE(files.size() == 2);
  for (const auto& [name, text] : files) {
    CHECK(utf8::valid(text));
    auto j = nlohmann::json::parse(text);
    CHECK(j["order_no"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
  }
  CHECK(s.undelivered_messages(10).size() == 1);
  // The message left behind is reported again next time, without looping over it.
  auto again = issuing::drain_outbox(s, out);
  CHECK(again.written == 0);
  CHECK(again.problems.size() == 1);
}

TEST_CASE("outbox drain: a file of the same name with other content is not taken for the message") {
  // A folder drained from another database (ids restart at 1) must not swallow this one's messages.
  test::TempDb tmp;
  Store s(tmp.path);
  decide_with_numbers(s, {"K1", "K2"});
  auto out = tmp.dir / "outbox";
  fs::create_directories(out);
  auto pending = s.undelivered_messages(10);
  REQUIRE(pending.size() == 2);
  std::ofstream(out / issuing::outbox_file_name(pending[0])) << "{\"other\":\"database\"}\n";
  auto report = issuing::drain_outbox(s, out);
  CHECK(report.written == 1);
  REQUIRE(report.problems.size() == 1);
  CHECK(report.problems[0].find("other content") != std::string::npos);
  auto left = s.undelivered_messages(10);
  REQUIRE(left.size() == 1);
  CHECK(left[0].id == pending[0].id);
}

TEST_CASE("outbox drain: old temporary files of a dead drain are removed, young ones left") {
  test::TempDb tmp;
  Store s(tmp.path);
  auto out = tmp.dir / "outbox";
  fs::create_directories(out);
  std::ofstream(out / ".outbox-7-0123456789ab.tmp") << "half";
  std::ofstream(out / ".outbox-8-ba9876543210.tmp") << "in progress";
  fs::last_write_time(out / ".outbox-7-0123456789ab.tmp", fs::file_time_type::clock::now() - std::chrono::hours(2));
  issuing::drain_outbox(s, out);
  CHECK_FALSE(fs::exists(out / ".outbox-7-0123456789ab.tmp"));
  CHECK(fs::exists(out / ".outbox-8-ba9876543210.tmp"));
}
