// Accounts and sign-in: roles, argon2id passwords, five failures lock an account for 15 minutes,
// admins alone manage accounts, every sign-in, failure, lock and change is in the audit log, and
// the reviewers of an older database become disabled accounts.
#include <doctest/doctest.h>

#include <string>

#include "core/accounts/password.hpp"
#include "core/accounts/role.hpp"
#include "core/store/migrations.hpp"
#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"
#include "core/util/clock.hpp"
#include "store_fixture.hpp"

using namespace rs;
using namespace rs::store;
using accounts::Role;
using accounts::RoleSet;

namespace {
std::int64_t count(Database& db, const std::string& sql) {
  Statement q(db, sql.c_str());
  q.step();
  return q.int64(0);
}

std::int64_t audited(Store& s, const std::string& action, const std::string& subject) {
  Statement q(s.database(), "SELECT COUNT(*) FROM audit_log WHERE action = ?1 AND subject = ?2");
  q.bind(1, action).bind(2, subject);
  q.step();
  return q.int64(0);
}

Refusal::Why refusal_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Refusal& r) {
    return r.why();
  }
  FAIL("no refusal");
  return Refusal::Why::BadQuery;
}

// A fixed clock for the lockout: restored at the end of the test.
struct TestClock {
  Millis now = 1'780'000'000'000;
  TestClock() {
    set_clock_for_tests([this] { return now; });
  }
  ~TestClock() { set_clock_for_tests(nullptr); }
};
}  // namespace

TEST_CASE("roles: parsed from a list, printed in one order, unknown ones named") {
  const auto set = RoleSet::parse("supervisor, reviewer");
  REQUIRE(set);
  CHECK(set->has(Role::Reviewer));
  CHECK(set->has(Role::Supervisor));
  CHECK_FALSE(set->has(Role::Admin));
  CHECK(set->to_string() == "reviewer,supervisor");
  std::string error;
  CHECK_FALSE(RoleSet::parse("reviewer,boss", &error));
  CHECK(error.find("'boss'") != std::string::npos);
  CHECK_FALSE(RoleSet::parse(" , ", &error));
}

TEST_CASE("passwords: argon2id strings that match only their password; weak ones named") {
  const std::string h = accounts::hash_password("demo");
  CHECK(h.rfind("$argon2id$", 0) == 0);
  CHECK(h.find("demo") == std::string::npos);
  CHECK(accounts::password_matches(h, "demo"));
  CHECK_FALSE(accounts::password_matches(h, "Demo"));
  CHECK_FALSE(accounts::password_matches("", "demo"));
  CHECK_FALSE(accounts::password_matches("not a hash", "demo"));
  CHECK(accounts::hash_password("demo") != h);  // a fresh salt each time
  CHECK(accounts::password_problem("abc").find("shorter") != std::string::npos);
  CHECK(accounts::password_problem("ab\ncd").find("control") != std::string::npos);
  CHECK(accounts::password_problem("密码口令").empty());
}

TEST_CASE("accounts: the first admin, then admins alone add, disable and list accounts") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.init_admin("root", "secret1");
  CHECK(refusal_of([&] { s.init_admin("root2", "secret2"); }) == Refusal::Why::UserExists);
  const auto admin = s.sign_in("root", "secret1");
  CHECK(admin.has(Role::Admin));
  s.add_user(admin, {.name = "r1", .display_name = "审核员一", .roles = {Role::Reviewer}, .password = "demo"});
  s.add_user(admin, {.name = "sup", .roles = {Role::Supervisor, Role::Reviewer}, .password = "demo"});
  CHECK(refusal_of([&] { s.add_user(admin, {.name = "r1", .roles = {Role::Reviewer}, .password = "demo"}); }) ==
        Refusal::Why::UserExists);
  CHECK(refusal_of([&] { s.add_user(admin, {.name = "bad name", .roles = {Role::Reviewer}, .password = "demo"}); }) ==
        Refusal::Why::BadAccount);
  CHECK(refusal_of([&] { s.add_user(admin, {.name = "r9", .roles = {}, .password = "demo"}); }) ==
        Refusal::Why::BadAccount);

  const auto r1 = s.sign_in("r1", "demo");
  CHECK(r1.display_name() == "审核员一");
  CHECK(r1.roles() == RoleSet{Role::Reviewer});
  // A reviewer cannot manage accounts: the refusal names the role, and nothing is written.
  const auto users_before = count(s.database(), "SELECT COUNT(*) FROM users");
  try {
    s.add_user(r1, {.name = "x1", .roles = {Role::Admin}, .password = "demo"});
    FAIL("a reviewer added an account");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::NotPermitted);
    CHECK(std::string(e.what()).find("needs the admin role") != std::string::npos);
    CHECK(std::string(e.what()).find("r1 has reviewer") != std::string::npos);
  }
  CHECK(count(s.database(), "SELECT COUNT(*) FROM users") == users_before);
  CHECK(refusal_of([&] { s.list_users(r1); }) == Refusal::Why::NotPermitted);
  CHECK(refusal_of([&] { s.set_user_disabled(r1, "sup", true); }) == Refusal::Why::NotPermitted);
  CHECK(refusal_of([&] { s.set_password(r1, "sup", "newpass"); }) == Refusal::Why::NotPermitted);
  s.set_password(r1, "r1", "newpass");  // one's own password
  CHECK(refusal_of([&] { s.sign_in("r1", "demo"); }) == Refusal::Why::SignInFailed);
  CHECK(s.sign_in("r1", "newpass").name() == "r1");

  s.set_user_disabled(admin, "r1", true);
  CHECK(refusal_of([&] { s.sign_in("r1", "newpass"); }) == Refusal::Why::AccountDisabled);
  CHECK(refusal_of([&] { s.set_user_disabled(admin, "root", true); }) == Refusal::Why::NotPermitted);
  CHECK(refusal_of([&] { s.set_user_disabled(admin, "nobody", true); }) == Refusal::Why::UnknownUser);
  const auto rows = s.list_users(admin);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].name == "r1");
  CHECK(rows[0].disabled);
  CHECK(rows[2].roles.to_string() == "reviewer,supervisor");
  s.set_user_disabled(admin, "r1", false);
  CHECK(s.sign_in("r1", "newpass").name() == "r1");

  CHECK(audited(s, "user_add", "r1") == 1);
  CHECK(audited(s, "user_disable", "r1") == 1);
  CHECK(audited(s, "user_enable", "r1") == 1);
  CHECK(audited(s, "user_password", "r1") == 1);
  CHECK(audited(s, "sign_in", "r1") == 3);
  CHECK(audited(s, "sign_in_failed", "r1") == 2);  // the old password, then while disabled
  // No password's text, and no hash, is in the log.
  CHECK(count(s.database(),
              "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%newpass%' OR detail LIKE "
              "'%argon2%'") == 0);
}

TEST_CASE("sign-in: five failures lock the account for 15 minutes, even against the right password") {
  TestClock clock;
  test::TempDb tmp;
  Store s(tmp.path);
  s.init_admin("root", "secret1");
  const auto admin = s.sign_in("root", "secret1");
  s.add_user(admin, {.name = "r2", .roles = {Role::Reviewer}, .password = "right"});
  for (int i = 1; i < Store::kSignInAttempts; ++i)
    CHECK(refusal_of([&] { s.sign_in("r2", "wrong"); }) == Refusal::Why::SignInFailed);
  CHECK(refusal_of([&] { s.sign_in("r2", "wrong"); }) == Refusal::Why::AccountLocked);
  CHECK(audited(s, "account_locked", "r2") == 1);
  CHECK(refusal_of([&] { s.sign_in("r2", "right"); }) == Refusal::Why::AccountLocked);
  clock.now += Store::kLockMs - 1000;
  CHECK(refusal_of([&] { s.sign_in("r2", "right"); }) == Refusal::Why::AccountLocked);
  clock.now += 2000;
  CHECK(s.sign_in("r2", "right").name() == "r2");
  // A success clears the count: four more failures do not lock.
  for (int i = 1; i < Store::kSignInAttempts; ++i)
    CHECK(refusal_of([&] { s.sign_in("r2", "wrong"); }) == Refusal::Why::SignInFailed);
  CHECK(s.sign_in("r2", "right").name() == "r2");
  // An unknown name is refused in the same words as a wrong password, and audited.
  try {
    s.sign_in("ghost", "x");
    FAIL("an unknown name signed in");
  } catch (const Refusal& e) {
    CHECK(std::string(e.what()).find("unknown name or wrong password") != std::string::npos);
  }
  CHECK(audited(s, "sign_in_failed", "ghost") == 1);
}

TEST_CASE("migration 8: the reviewers of an older database become disabled reviewer accounts") {
  test::TempDb tmp;
  {
    Database db(tmp.path);
    schema_version(db);
    for (const auto& m : embedded_migrations()) {
      if (m.version > 7) break;
      db.exec(std::string(m.sql).c_str());
      Statement ins(db, "INSERT INTO schema_migrations(version, name) VALUES(?1, ?2)");
      ins.bind(1, m.version).bind(2, m.name).run();
    }
    db.exec("INSERT INTO photos(id, sha256, bytes, byte_count, created_at) VALUES(1, 'x', x'00', 1, 't')");
    db.exec(
        "INSERT INTO orders(id, order_no, applicant_name, id_number, doc_type, city, city_letter, created_at) "
        "VALUES(1, 'OLD1', '旧', '1', 'id_card', '深圳', 'B', 't')");
    db.exec(
        "INSERT INTO attempts(id, order_id, attempt_no, photo_id, submitted_at, submitted_ms, status) "
        "VALUES(1, 1, 1, 1, 't', 1, 'rejected'), (2, 1, 2, 1, 't', 2, 'rejected'), (3, 1, 3, 1, 't', 3, 'rejected')");
    db.exec(
        "INSERT INTO decisions(attempt_id, decision, reviewer, lease_token, decided_at, decided_ms, review_ms) "
        "VALUES(1, 'rejected', '老王', 1, 't', 1, 1), (2, 'rejected', 'system', 2, 't', 2, 1), "
        "(3, 'rejected', '老王', 3, 't', 3, 1)");
  }
  Store s(tmp.path);
  CHECK(count(s.database(), "SELECT COUNT(*) FROM users") == 1);
  CHECK(count(s.database(),
              "SELECT disabled FROM users WHERE name = '老王' AND roles = 'reviewer' AND "
              "password_hash = ''") == 1);
  CHECK(refusal_of([&] { s.sign_in("老王", ""); }) == Refusal::Why::AccountDisabled);
  // The admin enables the account with a password; then 老王 signs in.
  s.init_admin("root", "secret1");
  const auto admin = s.sign_in("root", "secret1");
  s.set_password(admin, "老王", "wang1");
  s.set_user_disabled(admin, "老王", false);
  CHECK(s.sign_in("老王", "wang1").has(Role::Reviewer));
}

TEST_CASE("the audit log is read by supervisors and admins only, checked in the store") {
  test::TempDb tmp;
  Store s(tmp.path);
  s.init_admin("root", "secret1");
  const auto admin = s.sign_in("root", "secret1");
  s.add_user(admin, {.name = "r1", .roles = {Role::Reviewer}, .password = "demo"});
  s.add_user(admin, {.name = "sup", .roles = {Role::Supervisor}, .password = "demo"});
  const auto r1 = s.sign_in("r1", "demo");
  try {
    s.audit_verify(r1, std::nullopt);
    FAIL("a reviewer verified the log");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::NotPermitted);
    CHECK(std::string(e.what()).find("needs the supervisor or admin role") != std::string::npos);
  }
  CHECK(refusal_of([&] { s.audit_head(r1); }) == Refusal::Why::NotPermitted);
  const auto sup = s.sign_in("sup", "demo");
  const auto report = s.audit_verify(sup, std::nullopt);
  CHECK_FALSE(report.problem);
  CHECK(report.rows == s.audit_head(admin).rows);
  CHECK(report.rows > 0);
}

TEST_CASE("revoking and releasing need the supervisor role, checked in the store; a refusal writes nothing") {
  test::TempDb tmp;
  Store s(tmp.path);
  const auto sup = test::supervisor(s);
  const auto admin = s.sign_in("test-admin", "demo");
  s.add_user(admin, {.name = "r1", .roles = {Role::Reviewer}, .password = "demo"});
  const auto r1 = s.sign_in("r1", "demo");
  const auto rows_before = count(s.database(), "SELECT COUNT(*) FROM audit_log");
  try {
    s.revoke(r1, "B000000000000001", "照片与本人不符");
    FAIL("a reviewer revoked a number");
  } catch (const Refusal& e) {
    CHECK(e.why() == Refusal::Why::NotPermitted);
    CHECK(std::string(e.what()).find("revoking an image number needs the supervisor role") != std::string::npos);
  }
  CHECK(refusal_of([&] { s.release_quarantined(r1, "T100000"); }) == Refusal::Why::NotPermitted);
  CHECK(refusal_of([&] { s.release_quarantined(admin, "T100000"); }) == Refusal::Why::NotPermitted);
  CHECK(count(s.database(), "SELECT COUNT(*) FROM audit_log") == rows_before);
  // The supervisor gets past the role check to the order's own refusal.
  CHECK(refusal_of([&] { s.release_quarantined(sup, "T100000"); }) == Refusal::Why::UnknownOrder);
}
