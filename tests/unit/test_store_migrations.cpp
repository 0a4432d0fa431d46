// Migrations: a database made by an older build opens in this one with its rows kept.
#include <doctest/doctest.h>

#include "core/store/migrations.hpp"
#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;

namespace {
std::int64_t count(Database& db, const char* sql) {
  Statement q(db, sql);
  q.step();
  return q.int64(0);
}

// Builds the schema as it stood at `version`, the way an older build left it.
void migrate_up_to(Database& db, int version) {
  schema_version(db);
  for (const auto& m : embedded_migrations()) {
    if (m.version > version) break;
    db.exec(std::string(m.sql).c_str());
    Statement ins(db, "INSERT INTO schema_migrations(version, name) VALUES(?1, ?2)");
    ins.bind(1, m.version).bind(2, m.name).run();
  }
}
}  // namespace

TEST_CASE("the attempts table rebuild (migration 4) keeps every row, the queue and the status check") {
  test::TempDb tmp;
  {
    Database db(tmp.path);
    db.exec("PRAGMA foreign_keys=ON");
    migrate_up_to(db, 3);
    db.exec("INSERT INTO photos(id, sha256, bytes, byte_count, created_at) VALUES(1, 'x', x'00', 1, 't')");
    db.exec(
        "INSERT INTO orders(id, order_no, applicant_name, id_number, doc_type, city, city_letter, created_at) "
        "VALUES(1, 'OLD1', '旧', '1', 'id_card', '深圳', 'B', 't'), (2, 'OLD2', '旧', '2', 'id_card', '深圳', 'B', "
        "'t')");
    db.exec(
        "INSERT INTO attempts(id, order_id, attempt_no, photo_id, submitted_at, submitted_ms, status) "
        "VALUES(1, 1, 1, 1, 't', 1, 'rejected'), (2, 1, 2, 1, 't', 2, 'pending'), (3, 2, 1, 1, 't', 3, 'pending')");
    db.exec("UPDATE attempts SET previous_attempt_id = 1 WHERE id = 2");
    db.exec(
        "INSERT INTO decisions(id, attempt_id, decision, reviewer, lease_token, decided_at, decided_ms, review_ms) "
        "VALUES(1, 1, 'rejected', 'alice', 1, 't', 1, 1)");
  }
  Store s(tmp.path);
  auto& db = s.database();
  CHECK(schema_version(db) >= 4);
  CHECK(count(db, "SELECT COUNT(*) FROM attempts") == 3);
  CHECK(count(db, "SELECT previous_attempt_id FROM attempts WHERE id = 2") == 1);
  CHECK(count(db, "SELECT COUNT(*) FROM decisions d JOIN attempts a ON a.id = d.attempt_id") == 1);
  CHECK(count(db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
  CHECK(count(db, "PRAGMA foreign_keys") == 1);  // switched back on after the rebuild
  // The queue still works: resubmission first is a priority matter, here the oldest pending.
  auto c = s.claim_next(test::reviewer(s, "bob"), "ws");
  REQUIRE(c);
  CHECK(c->attempt.id == 2);
  CHECK_THROWS_AS(db.exec("UPDATE attempts SET status = 'lost' WHERE id = 3"), SqliteError);
  CHECK_THROWS_AS(
      db.exec(
          "INSERT INTO attempts(order_id, attempt_no, photo_id, submitted_at, submitted_ms) VALUES(99, 1, 1, 't', 1)"),
      SqliteError);  // foreign keys are on again
}

TEST_CASE("a new queue file has 2 KB pages and WAL; an existing file keeps its page size") {
  test::TempDb tmp;
  {
    Store s(tmp.path);
    CHECK(count(s.database(), "PRAGMA page_size") == 2048);
    Statement q(s.database(), "PRAGMA journal_mode");
    REQUIRE(q.step());
    CHECK(q.text(0) == "wal");
  }
  test::TempDb old;
  {
    Database db(old.path);
    db.exec("PRAGMA page_size=4096");
    db.exec("CREATE TABLE t(x)");
  }
  Store s(old.path);
  CHECK(count(s.database(), "PRAGMA page_size") == 4096);
  CHECK(schema_version(s.database()) >= 4);
}

namespace {
// The reviewers' summaries as they must be, recomputed from the decisions and their reasons: per
// reviewer and hour the counts; per reviewer and CST day the number of review times and their sum
// (each within half a bucket of the exact time, migration 018), and the reason codes.
const char* kHoursRecomputed =
    "SELECT d.reviewer, d.decided_ms / 3600000 AS hour, COUNT(*), SUM(d.decision = 'approved'), "
    "COUNT(d.engine_verdict), SUM(d.engine_verdict IS NOT NULL AND (d.engine_verdict = 'pass') = (d.decision = "
    "'approved')) FROM decisions d GROUP BY 1, 2 ORDER BY 1, 2";
const char* kHoursKept =
    "SELECT reviewer, hour, decisions, approvals, engine_judged, engine_agreed FROM reviewer_hours ORDER BY 1, 2";
const char* kDaysRecomputed =
    "SELECT reviewer, (decided_ms + 28800000) / 86400000, COUNT(*), MIN(review_ms), MAX(review_ms) "
    "FROM decisions GROUP BY 1, 2 ORDER BY 1, 2";
const char* kReasonsRecomputed =
    "SELECT d.reviewer, (d.decided_ms + 28800000) / 86400000, r.code, COUNT(*) FROM decisions d "
    "JOIN decision_reasons r ON r.decision_id = d.id WHERE d.decision = 'rejected' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
const char* kReasonsKept = "SELECT reviewer, day, code, n FROM reviewer_day_reasons ORDER BY 1, 2, 3";

std::vector<std::string> rows_of(Database& db, const char* sql) {
  std::vector<std::string> rows;
  Statement q(db, sql);
  while (q.step()) {
    std::string row;
    for (int c = 0; c < q.column_count(); ++c) row += q.text(c) + "|";
    rows.push_back(row);
  }
  return rows;
}

// Every decision's review time has its bucket, the bucket's midpoint within half a step of it,
// and the day's counts add up to its decisions.
void check_day_times(Database& db) {
  CHECK(count(db, "SELECT SUM(n) FROM reviewer_day_times") == count(db, "SELECT COUNT(*) FROM decisions"));
  CHECK(count(db,
              "SELECT COUNT(*) FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM reviewer_day_times t "
              "WHERE t.reviewer = d.reviewer AND t.day = (d.decided_ms + 28800000) / 86400000 "
              "AND abs(t.review_ms - d.review_ms) <= max(125, d.review_ms * 0.025))") == 0);
  for (const auto& row : rows_of(db, kDaysRecomputed)) {
    const auto sep = row.find('|', row.find('|') + 1);
    INFO(row);
    CHECK(
        count(db, ("SELECT SUM(n) FROM reviewer_day_times WHERE reviewer || '|' || day = '" + row.substr(0, sep) + "'")
                      .c_str()) == std::stoll(row.substr(sep + 1)));
  }
}
}  // namespace

TEST_CASE(
    "reviewer summaries (migrations 14, 18) are filled from the decisions already there and kept by each new one") {
  test::TempDb tmp;
  {
    Database db(tmp.path);
    migrate_up_to(db, 13);
    db.exec("INSERT INTO photos(id, sha256, bytes, byte_count, created_at) VALUES(1, 'x', x'00', 1, 't')");
    db.exec(
        "INSERT INTO orders(id, order_no, applicant_name, id_number, doc_type, city, city_letter, created_at) "
        "VALUES(1, 'OLD1', '旧', '1', 'id_card', '深圳', 'B', 't')");
    db.exec(
        "INSERT INTO attempts(id, order_id, attempt_no, photo_id, submitted_at, submitted_ms, status) "
        "VALUES(1, 1, 1, 1, 't', 1, 'rejected'), (2, 1, 2, 1, 't', 2, 'rejected'), (3, 1, 3, 1, 't', 3, 'approved')");
    // Two in one hour (one with the engine's verdict), one an hour later; two with two reasons each.
    db.exec(
        "INSERT INTO decisions(id, attempt_id, decision, reviewer, lease_token, decided_at, decided_ms, review_ms, "
        "engine_verdict) VALUES(1, 1, 'rejected', 'alice', 1, 't', 7200000, 4000, 'fail'), "
        "(2, 2, 'rejected', 'alice', 2, 't', 7300000, 6500, NULL), "
        "(3, 3, 'approved', 'alice', 3, 't', 10900000, 3000, 'fail')");
    db.exec(
        "INSERT INTO decision_reasons(decision_id, position, code) VALUES(1, 0, 'BLURRED'), (1, 1, 'HAIR_EARS'), "
        "(2, 0, 'BLURRED'), (2, 1, 'SHADOW')");
  }
  Store s(tmp.path);
  auto& db = s.database();
  const auto kept = rows_of(db, kHoursKept);
  CHECK(kept == rows_of(db, kHoursRecomputed));
  REQUIRE(kept.size() == 2);
  CHECK(kept[0] == "alice|2|2|0|1|1|");
  CHECK(kept[1] == "alice|3|1|1|1|0|");
  // The three times in their buckets' midpoints: 4000 -> 4125, 6500 -> 6625, 3000 -> 3125.
  CHECK(rows_of(db, "SELECT reviewer, day, review_ms, n FROM reviewer_day_times ORDER BY 3") ==
        std::vector<std::string>{"alice|0|3125|1|", "alice|0|4125|1|", "alice|0|6625|1|"});
  CHECK(rows_of(db, kReasonsKept) == rows_of(db, kReasonsRecomputed));
  CHECK(count(db, "SELECT SUM(n) FROM reviewer_day_reasons WHERE code = 'BLURRED'") == 2);
  check_day_times(db);
  // New decisions through the store keep them (the triggers), rejections with reasons among them.
  for (int i = 1; i <= 7; ++i) s.enqueue(test::order(i));
  const auto bob = test::reviewer(s, "bob");
  for (int i = 1; i <= 7; ++i) {
    auto c = s.claim_next(bob, "ws");
    REQUIRE(c);
    DecisionRequest r{c->attempt.id, c->lease.token, "ws", i % 2 ? Outcome::Reject : Outcome::Approve};
    if (i % 2) r.reasons = {"BLURRED", i == 3 ? "BACKGROUND" : "HAIR_EARS"};
    r.findings_json = i < 4 ? "[]" : R"({"v":2,"spec":"t","fail":{},"warn":{},"pass":{}})";
    s.decide(bob, r);
  }
  CHECK(rows_of(db, kHoursKept) == rows_of(db, kHoursRecomputed));
  CHECK(rows_of(db, kReasonsKept) == rows_of(db, kReasonsRecomputed));
  CHECK(count(db, "SELECT SUM(decisions) FROM reviewer_hours") == count(db, "SELECT COUNT(*) FROM decisions"));
  check_day_times(db);
}

TEST_CASE("review times fall in the buckets migration 18 documents, filled and kept alike") {
  // (review time, its bucket's midpoint), the edges of every range among them.
  const std::vector<std::pair<long long, long long>> cases = {
      {0, 125},         {249, 125},         {250, 375},        {9999, 9875},     {10000, 10250},
      {29999, 29750},   {30000, 31000},     {119999, 119000},  {120000, 125000}, {599999, 595000},
      {600000, 630000}, {3599999, 3570000}, {3600000, 3900000}};
  test::TempDb tmp;
  const int n = int(cases.size());
  // Decision i (1-based) takes cases[(i - 1) % n]: the first n before migration 18 (its fill), the
  // next n after (the trigger).
  auto insert_decisions = [&](Database& db, int first) {
    for (int i = first; i < first + n; ++i)
      db.exec(("INSERT INTO decisions(id, attempt_id, decision, reviewer, lease_token, decided_at, decided_ms, "
               "review_ms) VALUES(" +
               std::to_string(i) + ", " + std::to_string(i) + ", 'approved', 'alice', 1, 't', 7200000, " +
               std::to_string(cases[std::size_t(i - 1) % cases.size()].first) + ")")
                  .c_str());
  };
  {
    Database db(tmp.path);
    migrate_up_to(db, 13);
    db.exec("INSERT INTO photos(id, sha256, bytes, byte_count, created_at) VALUES(1, 'x', x'00', 1, 't')");
    db.exec(
        "INSERT INTO orders(id, order_no, applicant_name, id_number, doc_type, city, city_letter, created_at) "
        "VALUES(1, 'OLD1', '旧', '1', 'id_card', '深圳', 'B', 't')");
    for (int i = 1; i <= 2 * n; ++i)
      db.exec(("INSERT INTO attempts(id, order_id, attempt_no, photo_id, submitted_at, submitted_ms, status) VALUES(" +
               std::to_string(i) + ", 1, " + std::to_string(i) + ", 1, 't', 1, 'approved')")
                  .c_str());
    insert_decisions(db, 1);
  }
  Store s(tmp.path);
  auto& db = s.database();
  insert_decisions(db, n + 1);
  // 249 and 0 share a bucket: 4 there, 2 in every other.
  for (const auto& time_and_mid : cases) {
    // Not a structured binding: clang 14 does not let INFO's lambda see one.
    const long long ms = time_and_mid.first, mid = time_and_mid.second;
    INFO(ms);
    CHECK(count(db, ("SELECT n FROM reviewer_day_times WHERE review_ms = " + std::to_string(mid)).c_str()) ==
          (mid == 125 ? 4 : 2));
  }
  CHECK(count(db, "SELECT COUNT(*) FROM reviewer_day_times") == n - 1);
  check_day_times(db);
}

TEST_CASE("migration 15 certifies every account already there; new trainees are not") {
  test::TempDb tmp;
  {
    Database db(tmp.path);
    migrate_up_to(db, 14);
    db.exec(
        "INSERT INTO users(name, display_name, roles, password_hash, disabled, created_at) "
        "VALUES('old_reviewer', 'old_reviewer', 'reviewer', '', 1, 't'), ('old_boss', 'b', 'reviewer,supervisor', '', "
        "0, "
        "'t')");
  }
  Store s(tmp.path);
  CHECK(s.certified("old_reviewer"));
  CHECK(s.certified("old_boss"));
  CHECK(count(s.database(), "SELECT COUNT(*) FROM users WHERE certified = 1") == 2);
  const auto admin = test::signed_in(s, "adm", {accounts::Role::Admin});
  s.add_user(admin, {.name = "newbie", .roles = {accounts::Role::Reviewer}, .password = "demo", .trainee = true});
  s.add_user(admin, {.name = "hired", .roles = {accounts::Role::Reviewer}, .password = "demo"});
  CHECK_FALSE(s.certified("newbie"));
  CHECK(s.certified("hired"));
  // A trainee is a reviewer in training: the role is required.
  CHECK_THROWS_WITH(
      s.add_user(admin, {.name = "odd", .roles = {accounts::Role::Trainer}, .password = "demo", .trainee = true}),
      doctest::Contains("needs the reviewer role"));
}
