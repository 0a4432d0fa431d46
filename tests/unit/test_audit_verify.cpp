// Store::audit_verify on a real queue file that someone holding it has changed: they drop the
// append-only triggers first, as they could, then edit, delete, insert or swap rows, rewrite the
// tail with every hash recomputed, or change the tables behind the log's back.
#include <doctest/doctest.h>

#include "core/audit/chain.hpp"
#include "core/store/migrations.hpp"
#include "core/store/sqlite.hpp"
#include "core/util/sha256.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t one(Store& s, const std::string& sql) {
  Statement q(s.database(), sql.c_str());
  REQUIRE(q.step());
  return q.int64(0);
}

void exec(Store& s, const std::string& sql) { test::tamper(s, sql); }

void drop_triggers(Store& s) {
  exec(s, "DROP TRIGGER audit_log_no_update");
  exec(s, "DROP TRIGGER audit_log_no_delete");
}

// `orders` orders, every one decided: every fourth rejected (every eighth with 其他 text), a few
// rejected ones resubmitted and decided again, two approvals revoked and one of those resubmitted.
void fill(Store& s, int orders) {
  for (int i = 0; i < orders; ++i) REQUIRE(s.enqueue(test::order(i)).status == IngestItem::Status::Enqueued);
  std::vector<std::string> tokens, numbers;
  const std::vector<accounts::Actor> reviewers = {test::reviewer(s, "r0"), test::reviewer(s, "r1"),
                                                  test::reviewer(s, "r2")};
  int n = 0;
  while (auto c = s.claim_next(reviewers[n % 3], "host:" + std::to_string(n % 3))) {
    const auto& reviewer = reviewers[n % 3];
    DecisionRequest r{c->attempt.id, c->lease.token, "host:" + std::to_string(n % 3)};
    r.shown_ms = now_ms() - 1000 - n;
    r.findings_json = R"([{"rule":"geometry.face_width","verdict":"pass","n":)" + std::to_string(n) + "}]";
    if (++n % 4 == 0) {
      r.outcome = Outcome::Reject;
      r.reasons = n % 8 == 0 ? std::vector<std::string>{"BLURRED", "OTHER"} : std::vector<std::string>{"HAIR_EARS"};
      if (n % 8 == 0) r.other_text = "背景有人\n请重拍";
    }
    auto result = s.decide(reviewer, r);
    if (!result.notice_token.empty()) tokens.push_back(result.notice_token);
    if (!result.image_number.empty()) numbers.push_back(result.image_number);
    if (n % 40 == 0 && !tokens.empty()) {
      s.resubmit(tokens.back(), test::tiny_jpeg(n));
      tokens.pop_back();
    }
  }
  REQUIRE(numbers.size() >= 2);
  s.revoke(test::supervisor(s), numbers[0], "照片与本人不符");
  const std::string token = s.revoke(test::supervisor(s), numbers[1], "证件类型错误");
  s.resubmit(token, test::tiny_jpeg(7));
  const auto r9 = test::reviewer(s, "r9");
  while (auto c = s.claim_next(r9, "ws")) s.decide(r9, {c->attempt.id, c->lease.token, "ws", Outcome::Approve});
}

Store::AuditProblem problem_of(Store& s, const std::optional<std::string>& head = std::nullopt) {
  auto report = s.audit_verify(head);
  REQUIRE(report.problem);
  MESSAGE(report.problem->kind << " at row " << report.problem->row << ": " << report.problem->what);
  return *report.problem;
}

// The audit row of a decision (form 2 rows name their decision first).
std::int64_t decide_row(Store& s, std::int64_t decision_id) {
  return one(s, "SELECT id FROM audit_log WHERE action = 'decide' AND " + test::json_text(s, "detail", "decision_id") +
                    " = '" + std::to_string(decision_id) + "'");
}

std::vector<audit::Row> read_rows(Store& s) {
  Statement q(s.database(),
              "SELECT id, form, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY id");
  std::vector<audit::Row> rows;
  while (q.step())
    rows.push_back(
        {q.int64(0), int(q.int64(1)), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7), q.text(8)});
  return rows;
}

// A forger who knows the form: every hash from row `from` on recomputed.
void rechain_from(Store& s, std::int64_t from) {
  auto rows = read_rows(s);
  Statement up(s.database(), "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].id < from) continue;
    rows[i].prev_hash = i == 0 ? std::string(audit::kGenesis) : rows[i - 1].hash;
    rows[i].hash = audit::row_hash(rows[i]);
    up.bind(1, rows[i].prev_hash).bind(2, rows[i].hash).bind(3, rows[i].id).run();
  }
}

struct Filled {
  test::TempDb tmp;
  Store s{tmp.path};
  Filled(int orders = 40) { fill(s, orders); }
};
}  // namespace

TEST_CASE("audit verify: an intact log of a few hundred decisions verifies, and its head is kept") {
  Filled f(300);
  auto& s = f.s;
  const auto report = s.audit_verify();
  CHECK_FALSE(report.problem);
  if (report.problem) MESSAGE(report.problem->what);
  const auto decisions = one(s, "SELECT COUNT(*) FROM decisions");
  CHECK(decisions > 300);
  CHECK(report.decisions == decisions);
  CHECK(report.attempts == one(s, "SELECT COUNT(*) FROM attempts"));
  CHECK(report.revocations == 2);
  CHECK(report.rows == one(s, "SELECT COUNT(*) FROM audit_log"));
  CHECK(report.legacy_rows == 0);
  const auto head = s.audit_head();
  CHECK(head.rows == report.rows);
  CHECK(head.head == report.head);
  CHECK(one(s, "SELECT COUNT(*) FROM audit_log WHERE form != 2") == 0);
  // The head printed now is still there after more work.
  s.enqueue(test::order(900));
  auto later = s.audit_verify(std::to_string(head.rows) + ":" + head.head);
  CHECK_FALSE(later.problem);
  CHECK(later.kept_head_row == head.rows);
  CHECK(s.audit_verify(head.head).kept_head_row == head.rows);
  CHECK_THROWS_AS(s.audit_verify(std::string("not a head")), Refusal);
}

TEST_CASE("audit verify: the triggers refuse to change or delete a row of the log") {
  Filled f(4);
  auto& s = f.s;
  try {
    exec(f.s, "UPDATE audit_log SET actor = 'mallory' WHERE id = 2");
    FAIL("the update went through");
  } catch (const SqliteError& e) {
    CHECK(std::string(e.what()).find("append-only") != std::string::npos);
  }
  CHECK_THROWS_AS(exec(s, "DELETE FROM audit_log WHERE id = 2"), SqliteError);
  CHECK_THROWS_AS(exec(s, "DELETE FROM audit_log"), SqliteError);
  CHECK(one(s, "SELECT COUNT(*) FROM audit_log WHERE actor = 'mallory'") == 0);
  CHECK_FALSE(s.audit_verify().problem);
}

TEST_CASE("audit verify: rows edited, deleted, inserted or swapped are named") {
  Filled f;
  auto& s = f.s;
  drop_triggers(s);
  const std::int64_t rows = one(s, "SELECT MAX(id) FROM audit_log");
  SUBCASE("an edited row") {
    exec(s, "UPDATE audit_log SET actor = 'mallory' WHERE id = 17");
    auto p = problem_of(s);
    CHECK(p.kind == "edited");
    CHECK(p.row == 17);
  }
  SUBCASE("a deleted row in the middle") {
    exec(s, "DELETE FROM audit_log WHERE id = 23");
    auto p = problem_of(s);
    CHECK(p.kind == "deleted");
    CHECK(p.row == 23);
  }
  SUBCASE("a tail of ten deleted: the decisions they recorded have no row") {
    const auto head = s.audit_head();
    exec(s, "DELETE FROM audit_log WHERE id > " + std::to_string(rows - 10));
    auto p = problem_of(s);
    CHECK(p.kind == "mismatch");
    CHECK(p.what.find("has no audit row") != std::string::npos);
    auto with_head = problem_of(s, head.head);
    CHECK(with_head.kind == "kept head missing");
    with_head = problem_of(s, std::to_string(head.rows) + ":" + head.head);
    CHECK(with_head.what.find("were deleted") != std::string::npos);
  }
  SUBCASE("a row inserted with a correct hash, the later rows renumbered") {
    exec(s, "UPDATE audit_log SET id = -id WHERE id >= 30");
    exec(s, "UPDATE audit_log SET id = 1 - id WHERE id < 0");
    audit::Row forged{30,        audit::kForm, "2026-11-21T09:00:00.000+08:00", "mallory", "revoke",
                      "T100001", "{}",         read_rows(s)[28].hash,           ""};
    forged.hash = audit::row_hash(forged);
    Statement ins(s.database(),
                  "INSERT INTO audit_log(id, at, actor, action, subject, detail, prev_hash, hash, form) "
                  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 2)");
    ins.bind(1, forged.id).bind(2, forged.at).bind(3, forged.actor).bind(4, forged.action).bind(5, forged.subject);
    ins.bind(6, forged.detail).bind(7, forged.prev_hash).bind(8, forged.hash).run();
    auto p = problem_of(s);
    CHECK(p.kind == "inserted");
    CHECK(p.row == 30);
  }
  SUBCASE("two rows swapped") {
    exec(s, "UPDATE audit_log SET id = -1 WHERE id = 12");
    exec(s, "UPDATE audit_log SET id = 12 WHERE id = 13");
    exec(s, "UPDATE audit_log SET id = 13 WHERE id = -1");
    auto p = problem_of(s);
    CHECK(p.kind == "reordered");
    CHECK(p.row == 12);
  }
}

TEST_CASE("audit verify: a tail rewritten with every hash recomputed is caught by the kept head") {
  Filled f;
  auto& s = f.s;
  const auto head = s.audit_head();
  s.enqueue(test::order(500));
  drop_triggers(s);
  // Only the time of a row is changed, which no table holds: the chain alone cannot tell.
  exec(s, "UPDATE audit_log SET at = '2026-01-01T00:00:00.000+08:00' WHERE id = 20");
  rechain_from(s, 20);
  CHECK_FALSE(s.audit_verify().problem);
  auto p = problem_of(s, head.head);
  CHECK(p.kind == "kept head missing");
  p = problem_of(s, std::to_string(head.rows) + ":" + head.head);
  CHECK(p.kind == "kept head missing");
  CHECK(p.row == head.rows);
}

TEST_CASE("audit verify: the tables are checked against their rows") {
  Filled f;
  auto& s = f.s;
  drop_triggers(s);
  const std::int64_t approved = one(s, "SELECT MIN(decision_id) FROM image_numbers WHERE revoked_at IS NULL");
  const std::int64_t rejected = one(s, "SELECT MIN(id) FROM decisions WHERE decision = 'rejected'");
  const std::string approved_row = std::to_string(decide_row(s, approved));
  SUBCASE("a decision's reviewer") {
    exec(s, "UPDATE decisions SET reviewer = 'mallory' WHERE id = " + std::to_string(approved));
    auto p = problem_of(s);
    CHECK(p.row == decide_row(s, approved));
    CHECK(p.what.find("does not match audit row " + approved_row + ": reviewer: \"mallory\" in the tables") !=
          std::string::npos);
  }
  SUBCASE("a decision's outcome, reasons, findings, time or workstation") {
    const auto id = std::to_string(rejected);
    // Each change is undone from a copy before the next (verify runs its own transaction).
    exec(s, "PRAGMA foreign_keys = OFF");
    exec(s, "CREATE TEMP TABLE saved_decision AS SELECT * FROM decisions WHERE id = " + id);
    exec(s, "CREATE TEMP TABLE saved_reasons AS SELECT * FROM decision_reasons WHERE decision_id = " + id);
    for (const std::string sql : {"UPDATE decisions SET decision = 'approved' WHERE id = " + id,
                                  "UPDATE decision_reasons SET code = 'BLURRED' WHERE decision_id = " + id,
                                  "DELETE FROM decision_reasons WHERE decision_id = " + id,
                                  "UPDATE decisions SET findings_json = '[]' WHERE id = " + id,
                                  "UPDATE decisions SET decided_at = '2026-01-01T00:00:00+08:00' WHERE id = " + id,
                                  "UPDATE decisions SET workstation = 'elsewhere' WHERE id = " + id,
                                  "UPDATE decisions SET other_text = 'x' WHERE id = " + id}) {
      exec(s, sql);
      auto p = problem_of(s);
      CHECK(p.kind == "mismatch");
      CHECK(p.what.find("decision " + id + " ") != std::string::npos);
      exec(s, "DELETE FROM decisions WHERE id = " + id);
      exec(s, "INSERT INTO decisions SELECT * FROM saved_decision");
      exec(s, "DELETE FROM decision_reasons WHERE decision_id = " + id);
      exec(s, "INSERT INTO decision_reasons SELECT * FROM saved_reasons");
    }
    CHECK_FALSE(s.audit_verify().problem);
  }
  SUBCASE("an image number's expiry, or a number moved to another decision") {
    exec(s, "UPDATE image_numbers SET expires_on = '2099-12-31' WHERE decision_id = " + std::to_string(approved));
    CHECK(problem_of(s).what.find("expires_on") != std::string::npos);
    exec(s, "UPDATE image_numbers SET expires_on = (SELECT " + test::json_text(s, "detail", "expires_on") +
                " FROM audit_log WHERE id = " + approved_row + ") WHERE decision_id = " + std::to_string(approved));
    CHECK_FALSE(s.audit_verify().problem);
    exec(s, "PRAGMA foreign_keys = OFF");
    exec(s, "UPDATE image_numbers SET decision_id = " + std::to_string(rejected) +
                " WHERE decision_id = " + std::to_string(approved));
    CHECK(problem_of(s).what.find("is not the number of the decision it names") != std::string::npos);
  }
  SUBCASE("a revoked number made valid again") {
    exec(s,
         "UPDATE image_numbers SET revoked_at = NULL, revoked_by = NULL, revoked_reason = NULL "
         "WHERE revoked_at IS NOT NULL AND number = (SELECT MIN(number) FROM image_numbers WHERE revoked_at IS NOT "
         "NULL)");
    CHECK(problem_of(s).what.find("show that number not revoked") != std::string::npos);
  }
  SUBCASE("a notice's token replaced by one the forger knows") {
    exec(s, "UPDATE notices SET token_sha256 = '" + sha256_hex(std::string("mine")) +
                "' WHERE decision_id = " + std::to_string(rejected));
    auto p = problem_of(s);
    CHECK(p.what.find("notice_token_sha256") != std::string::npos);
  }
  SUBCASE("a used token made usable again") {
    exec(s,
         "UPDATE notices SET used_at = NULL, used_by_attempt_id = NULL WHERE id = (SELECT MIN(id) FROM notices WHERE "
         "used_at IS NOT NULL)");
    auto p = problem_of(s);
    CHECK(p.what.find("notice_id") != std::string::npos);
    CHECK(p.what.find("attempt ") != std::string::npos);
  }
  SUBCASE("an applicant's name on an order") {
    exec(s, "UPDATE orders SET applicant_name = '李四' WHERE id = 3");
    CHECK(problem_of(s).what.find("applicant_sha256") != std::string::npos);
  }
  SUBCASE("a decision deleted, or one added without its row") {
    exec(s, "PRAGMA foreign_keys = OFF");
    exec(s, "DELETE FROM decisions WHERE id = " + std::to_string(rejected));
    CHECK(problem_of(s).what.find("is missing from the tables") != std::string::npos);
  }
  SUBCASE("a decided attempt put back in the queue") {
    exec(s, "UPDATE attempts SET status = 'pending' WHERE id = (SELECT attempt_id FROM decisions WHERE id = " +
                std::to_string(approved) + ")");
    CHECK(problem_of(s).what.find("has status 'pending'") != std::string::npos);
  }
  SUBCASE("a second rejection notice for a decision") {
    exec(s,
         "INSERT INTO notices(decision_id, attempt_id, kind, token_sha256, body_json, issued_at) SELECT decision_id, "
         "attempt_id, kind, '" +
             sha256_hex(std::string("forged")) +
             "', body_json, issued_at FROM notices WHERE decision_id = " + std::to_string(rejected));
    CHECK(problem_of(s).what.find("is not the one rejection notice") != std::string::npos);
  }
}

// On PostgreSQL a decision's id is drawn before its transaction takes the chain's lock, so two
// workstations committing together may log their decisions in the other order.
TEST_CASE("audit verify: decisions logged out of id order pair by the id each row names") {
  Filled f(12);
  auto& s = f.s;
  drop_triggers(s);
  const std::int64_t first = one(s, "SELECT MIN(id) FROM decisions");
  const std::int64_t a = decide_row(s, first), b = decide_row(s, first + 1), c = decide_row(s, first + 2);
  REQUIRE(a < b);
  REQUIRE(b < c);
  // Decision first+2's row goes before first's, and first's after first+2's.
  exec(s, "UPDATE audit_log SET id = -1 WHERE id = " + std::to_string(a));
  exec(s, "UPDATE audit_log SET id = " + std::to_string(a) + " WHERE id = " + std::to_string(c));
  exec(s, "UPDATE audit_log SET id = " + std::to_string(c) + " WHERE id = -1");
  rechain_from(s, a);
  const auto report = s.audit_verify();
  CHECK_FALSE(report.problem);
  CHECK(report.decisions == one(s, "SELECT COUNT(*) FROM decisions"));
  SUBCASE("a decision whose row came early is still missed when deleted") {
    exec(s, "PRAGMA foreign_keys = OFF");
    exec(s, "DELETE FROM decision_reasons WHERE decision_id = " + std::to_string(first + 2));
    exec(s, "DELETE FROM decisions WHERE id = " + std::to_string(first + 2));
    const auto p = problem_of(s);
    CHECK(p.row == a);
    CHECK(p.what.find("records decision " + std::to_string(first + 2)) != std::string::npos);
    CHECK(p.what.find("missing from the tables") != std::string::npos);
  }
  SUBCASE("a decision whose row was made another action is named") {
    exec(s, "UPDATE audit_log SET action = 'claim' WHERE id = " + std::to_string(c));
    rechain_from(s, c);
    const auto p = problem_of(s);
    CHECK(p.what.find("decision " + std::to_string(first)) != std::string::npos);
    CHECK(p.what.find("has no audit row") != std::string::npos);
  }
}

TEST_CASE("an unreadable upload after other work is rejected on its own attempt") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.enqueue(test::order(1));
  s.enqueue(test::order(2));
  const auto alice = test::reviewer(s, "alice");
  auto c = s.claim_next(alice, "ws");
  REQUIRE(c);
  s.decide(alice, {c->attempt.id, c->lease.token, "ws", Outcome::Approve});
  // The audit log now has more rows than attempts: the rejection once took the audit row's id.
  auto bad = test::order(3);
  bad.photo = {'n', 'o', 't', ' ', 'a', ' ', 'p', 'h', 'o', 't', 'o'};
  CHECK(s.enqueue(bad).status == IngestItem::Status::PhotoRefused);
  CHECK(one(s,
            "SELECT COUNT(*) FROM decisions d JOIN attempts a ON a.id = d.attempt_id JOIN orders o ON o.id = "
            "a.order_id WHERE o.order_no = 'T100003' AND d.reviewer = 'system'") == 1);
  CHECK(one(s, "SELECT COUNT(*) FROM attempts WHERE status = 'pending'") == 1);
  CHECK_FALSE(s.audit_verify().problem);
}

namespace {
// A queue file as builds before migration 009 left it: two orders, one approved, and their audit
// rows in the old form (fields joined by newlines; the oldest builds wrote details with sorted keys).
void old_database(const std::string& path) {
  Database db(path);
  db.exec("PRAGMA foreign_keys=ON");
  schema_version(db);
  for (const auto& m : embedded_migrations()) {
    if (m.version >= 9) break;
    db.exec(std::string(m.sql).c_str());
    Statement ins(db, "INSERT INTO schema_migrations(version, name) VALUES(?1, ?2)");
    ins.bind(1, m.version).bind(2, m.name).run();
  }
  db.exec("INSERT INTO photos(id, sha256, bytes, byte_count, created_at) VALUES(1, 'x', x'00', 1, 't')");
  db.exec(
      "INSERT INTO orders(id, order_no, applicant_name, id_number, doc_type, city, city_letter, channel, created_at) "
      "VALUES(1, 'OLD1', '旧', '1', 'id_card', '深圳', 'B', 'wechat', 't'), "
      "(2, 'OLD2', '旧', '2', 'id_card', '深圳', 'B', 'wechat', 't')");
  db.exec(
      "INSERT INTO attempts(id, order_id, attempt_no, photo_id, submitted_at, submitted_ms, status) "
      "VALUES(1, 1, 1, 1, 't', 1, 'approved'), (2, 2, 1, 1, 't', 2, 'pending')");
  db.exec(
      "INSERT INTO decisions(id, attempt_id, decision, reviewer, workstation, lease_token, decided_at, decided_ms, "
      "review_ms, image_number) VALUES(1, 1, 'approved', 'alice', 'ws', 3, 't', 1, 5, 'GDIB261121000011')");
  db.exec(
      "INSERT INTO image_numbers(number, decision_id, attempt_id, doc_group, city_letter, issue_date, expires_on) "
      "VALUES('GDIB261121000011', 1, 1, 'I', 'B', '2026-11-21', '2027-05-20')");
  const std::vector<audit::Row> old = {
      {1, audit::kLegacyForm, "2026-11-21T08:00:00.000+08:00", "intake", "enqueue", "OLD1",
       R"({"attempt":1,"channel":"wechat"})", "", ""},
      {2, audit::kLegacyForm, "2026-11-21T08:00:01.000+08:00", "intake", "enqueue", "OLD2",
       R"({"attempt":1,"channel":"wechat"})", "", ""},
      {3, audit::kLegacyForm, "2026-11-21T08:01:00.000+08:00", "alice", "decide", "OLD1",
       R"({"attempt":1,"decision":"approved","image_number":"GDIB261121000011","lease_token":3,"reasons":[],)"
       R"("review_ms":5,"workstation":"ws"})",
       "", ""}};
  std::string prev(audit::kGenesis);
  Statement ins(db,
                "INSERT INTO audit_log(id, at, actor, action, subject, detail, prev_hash, hash) "
                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (audit::Row r : old) {
    r.prev_hash = prev;
    r.hash = prev = audit::row_hash(r);
    ins.bind(1, r.id).bind(2, r.at).bind(3, r.actor).bind(4, r.action).bind(5, r.subject).bind(6, r.detail);
    ins.bind(7, r.prev_hash).bind(8, r.hash).run();
  }
}
}  // namespace

TEST_CASE("audit verify: old-form rows migrate; each row is verified by its form") {
  test::TempDb tmp;
  old_database(tmp.path);
  Store s(tmp.path);
  // Migration 009 wrote the switch row, hashed in SQL exactly as the store hashes in C++.
  CHECK(one(s, "SELECT COUNT(*) FROM audit_log WHERE form = 1") == 3);
  CHECK(one(s, "SELECT id FROM audit_log WHERE form = 2 AND action = 'audit_form'") == 4);
  CHECK(one(s, "SELECT json_extract(detail, '$.decisions') FROM audit_log WHERE id = 4") == 1);
  auto report = s.audit_verify();
  CHECK_FALSE(report.problem);
  CHECK(report.rows == 4);
  CHECK(report.legacy_rows == 3);
  CHECK(report.decisions == 1);
  CHECK(report.attempts == 2);
  // New work goes on in form 2 and still verifies: bob's account (alice's, migrated from her
  // decision, is disabled), his claim and his decision.
  const auto bob = test::reviewer(s, "bob");
  auto c = s.claim_next(bob, "ws");
  REQUIRE(c);
  const auto claim_row = one(s, "SELECT id FROM audit_log WHERE action = 'claim'");
  s.decide(bob, {c->attempt.id, c->lease.token, "ws", Outcome::Reject, {"BLURRED"}});
  report = s.audit_verify();
  CHECK_FALSE(report.problem);
  CHECK(report.decisions == 2);
  CHECK(report.legacy_rows == 3);
  CHECK(claim_row > 4);
  drop_triggers(s);
  SUBCASE("an old decision's reviewer edited: the old row's actor names who decided") {
    exec(s, "UPDATE decisions SET reviewer = 'mallory' WHERE id = 1");
    auto p = problem_of(s);
    CHECK(p.row == 3);
    CHECK(p.what.find("actor: \"mallory\" in the tables, \"alice\" in the log") != std::string::npos);
  }
  SUBCASE("an old decision's workstation edited") {
    exec(s, "UPDATE decisions SET workstation = 'other' WHERE id = 1");
    CHECK(problem_of(s).what.find("workstation") != std::string::npos);
  }
  SUBCASE("an old row edited") {
    exec(s, "UPDATE audit_log SET actor = 'alice\nintake' WHERE id = 2");
    auto p = problem_of(s);
    CHECK(p.kind == "edited");
    CHECK(p.row == 2);
  }
  SUBCASE("a new row set back to the old form") {
    exec(s, "UPDATE audit_log SET form = 1 WHERE id = 5");
    CHECK(problem_of(s).kind == "wrong form");
  }
  SUBCASE("the new claim row set back to the old form") {
    exec(s, "UPDATE audit_log SET form = 1 WHERE id = " + std::to_string(claim_row));
    auto p = problem_of(s);
    CHECK(p.kind == "wrong form");
    CHECK(p.row == claim_row);
  }
}

TEST_CASE("audit verify: the accounts are what their rows say (roles, disabled, display name, password)") {
  Filled f(8);
  auto& s = f.s;
  const auto admin = test::signed_in(s, "adm", {accounts::Role::Admin});
  s.set_user_disabled(admin, "r1", true);
  s.set_password(admin, "r2", "another-long-password");
  // Accounts migration 008 made from the names in old decisions have no rows: a disabled reviewer
  // without a password is what the log expects of them; one an admin then enabled, as its rows say.
  exec(s,
       "INSERT INTO users(name, display_name, roles, password_hash, disabled, created_at) VALUES "
       "('老王', '老王', 'reviewer', '', 1, 't'), ('老李', '老李', 'reviewer', '', 1, 't')");
  s.set_password(admin, "老李", "li-long-password");
  s.set_user_disabled(admin, "老李", false);
  {
    const auto report = s.audit_verify();
    if (report.problem) MESSAGE(report.problem->what);
    REQUIRE_FALSE(report.problem);
    CHECK(report.accounts == one(s, "SELECT COUNT(*) FROM users"));
  }
  drop_triggers(s);
  exec(s, "CREATE TEMP TABLE saved_users AS SELECT * FROM users");
  const std::string r0_hash = [&] {
    Statement q(s.database(), "SELECT password_hash FROM users WHERE name = 'r0'");
    REQUIRE(q.step());
    return q.text(0);
  }();
  struct Tamper {
    std::string sql, name, what;
  };
  const std::vector<Tamper> tampers = {
      {"UPDATE users SET roles = 'reviewer,supervisor' WHERE name = 'r0'", "r0", "roles 'reviewer,supervisor'"},
      {"UPDATE users SET disabled = 0 WHERE name = 'r1'", "r1", "enabled in the table, disabled in the log"},
      {"UPDATE users SET disabled = 1 WHERE name = 'r0'", "r0", "disabled in the table, enabled in the log"},
      {"UPDATE users SET display_name = '张三' WHERE name = 'r0'", "r0", "display name"},
      // someone's own hash put on r2's account, after r2's logged password change
      {"UPDATE users SET password_hash = '" + r0_hash + "' WHERE name = 'r2'", "r2", "password hash"},
      {"DELETE FROM users WHERE name = 'r9'", "r9", "not in the table: deleted"},
      {"UPDATE users SET disabled = 0 WHERE name = '老王'", "老王", "enabled in the table, disabled in the log"},
      {"UPDATE users SET password_hash = '" + r0_hash + "' WHERE name = '老王'", "老王", "a password is set"},
      // an account inserted by hand with a password: no row adds it or sets one
      {"INSERT INTO users(name, display_name, roles, password_hash, created_at) VALUES('eve', 'eve', 'reviewer', '" +
           r0_hash + "', 't')",
       "eve", "disabled"},
  };
  for (const auto& t : tampers) {
    CAPTURE(t.sql);
    exec(s, t.sql);
    const auto p = problem_of(s);
    CHECK(p.what.find("account '" + t.name + "'") != std::string::npos);
    CHECK(p.what.find(t.what) != std::string::npos);
    exec(s, "DELETE FROM users");
    exec(s, "INSERT INTO users SELECT * FROM saved_users");
    CHECK_FALSE(s.audit_verify().problem);
  }
}
