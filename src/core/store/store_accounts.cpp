// Accounts: sign-in with lockout, the first admin, and what admins do with accounts. Every
// sign-in, failure, lock and change of an account goes to the audit log in the transaction that
// makes it. Password hashing (argon2id, ~0.1 s) runs outside any write transaction, so a sign-in
// never holds the queue's write lock while it hashes.
#include <nlohmann/json.hpp>

#include "core/accounts/password.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/sha256.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using accounts::Actor;
using accounts::Role;
using accounts::RoleSet;
using nlohmann::json;
using Why = Refusal::Why;

namespace {
constexpr std::size_t kMaxNameChars = 50;

struct UserRecord {
  std::int64_t id = 0;
  std::string name, display_name, password_hash;
  RoleSet roles;
  bool disabled = false;
  int failed = 0;
  Millis locked_until = 0;
};

std::string name_problem(const std::string& name) {
  if (auto p = utf8::text_problem("the account name", name, {.max_chars = kMaxNameChars, .allow_empty = false});
      !p.empty())
    return p;
  if (name.find_first_of(" @") != std::string::npos) return "the account name '" + name + "' holds a space or an '@'";
  return {};
}

std::string clock_text(Millis ms) { return iso8601_cst(ms).substr(11, 5); }  // "HH:MM", China time
}  // namespace

// "<what> needs the <needed> role; <name> has <roles>; nothing was written".
static Refusal not_permitted(const Actor& actor, const std::string& needed, const std::string& what) {
  const std::string held = actor.roles().empty() ? "no role" : actor.roles().to_string();
  return Refusal(Why::NotPermitted,
                 what + " needs the " + needed + " role; " + actor.name() + " has " + held + "; nothing was written");
}

void Store::require_role(const Actor& actor, Role role, const std::string& what) {
  if (!actor.has(role)) throw not_permitted(actor, std::string(accounts::role_name(role)), what);
}

void Store::require_either_role(const Actor& actor, Role a, Role b, const std::string& what) {
  if (!actor.has(a) && !actor.has(b))
    throw not_permitted(actor, std::string(accounts::role_name(a)) + " or " + std::string(accounts::role_name(b)),
                        what);
}

Store::AuditHead Store::audit_head(const Actor& actor) {
  require_either_role(actor, Role::Supervisor, Role::Admin, "reading the audit log");
  return audit_head();
}

Store::AuditReport Store::audit_verify(const Actor& actor, const std::optional<std::string>& kept_head) {
  require_either_role(actor, Role::Supervisor, Role::Admin, "verifying the audit log");
  return audit_verify(kept_head);
}

// The row of `name`, or nothing.
static std::optional<UserRecord> load_user(StatementCache& sql, const std::string& name) {
  auto q =
      sql("SELECT id, name, display_name, roles, password_hash, disabled, failed_sign_ins, locked_until_ms "
          "FROM users WHERE name = ?1");
  q->bind(1, name);
  if (!q->step()) return std::nullopt;
  UserRecord u;
  u.id = q->int64(0);
  u.name = q->text(1);
  u.display_name = q->text(2);
  u.roles = RoleSet::parse(q->text(3)).value_or(RoleSet{});
  u.password_hash = q->text(4);
  u.disabled = q->int64(5) != 0;
  u.failed = int(q->int64(6));
  u.locked_until = q->int64(7);
  return u;
}

Actor Store::sign_in(const std::string& name, const std::string& password) {
  const std::string shown = utf8::sanitised(name);
  const Millis now = now_ms();
  const auto user = load_user(impl_->sql, name);
  const bool locked = user && user->locked_until > now;
  // Only an existing, enabled, unlocked account has its password checked (no guessing while locked).
  const bool matches = user && !locked && !user->disabled && accounts::password_matches(user->password_hash, password);
  Transaction tx(impl_->db);
  // A refusal that changes nothing but the log: the failure is audited and committed first.
  auto refuse = [&](const char* cause, Why why, const std::string& message) {
    impl_->audit(shown, "sign_in_failed", shown, json{{"why", cause}}.dump());
    tx.commit();
    throw Refusal(why, message);
  };
  if (!user)
    refuse("unknown name", Why::SignInFailed, "sign-in refused for '" + shown + "': unknown name or wrong password");
  if (locked)
    refuse("locked", Why::AccountLocked,
           "account '" + name + "' is locked until " + clock_text(user->locked_until) + " after " +
               std::to_string(kSignInAttempts) + " failed sign-ins");
  if (user->disabled)
    refuse("disabled", Why::AccountDisabled, "account '" + name + "' is disabled; an admin can enable it");
  if (!matches) {
    const int failed = user->failed + 1;
    const bool lock_now = failed >= kSignInAttempts;
    auto upd = impl_->sql("UPDATE users SET failed_sign_ins = ?2, locked_until_ms = ?3 WHERE id = ?1");
    upd->bind(1, user->id).bind(2, lock_now ? 0 : failed).bind(3, lock_now ? now + kLockMs : Millis{0});
    upd->run();
    impl_->audit(name, "sign_in_failed", name, json{{"why", "wrong password"}, {"failed", failed}}.dump());
    if (lock_now) impl_->audit(name, "account_locked", name, json{{"until", iso8601_cst(now + kLockMs)}}.dump());
    tx.commit();
    if (lock_now)
      throw Refusal(Why::AccountLocked, "account '" + name + "' is locked for 15 minutes after " +
                                            std::to_string(kSignInAttempts) + " failed sign-ins");
    throw Refusal(Why::SignInFailed, "sign-in refused for '" + name + "': unknown name or wrong password");
  }
  auto upd = impl_->sql("UPDATE users SET failed_sign_ins = 0, locked_until_ms = 0 WHERE id = ?1");
  upd->bind(1, user->id);
  upd->run();
  impl_->audit(name, "sign_in", name, json{{"roles", user->roles.to_string()}}.dump());
  tx.commit();
  return Actor(user->id, user->name, user->display_name, user->roles);
}

// What is wrong with a new account, in one line; empty when it can be added. Checked before the
// password is hashed and before any transaction opens.
static std::string new_user_problem(const NewUser& u) {
  if (auto p = name_problem(u.name); !p.empty()) return p;
  if (u.trainee && !u.roles.has(Role::Reviewer))
    return "account '" + u.name + "': a trainee is a reviewer in training and needs the reviewer role";
  if (auto p = utf8::text_problem("the display name", u.display_name, {.max_chars = kMaxNameChars}); !p.empty())
    return p;
  if (u.roles.empty()) return "account '" + u.name + "' needs a role";
  return accounts::password_problem(u.password);
}

// The audit rows' fingerprint of a password hash, so `audit verify` sees a hash put in by hand. Never
// the password, nor the hash: this is no help to a guesser, who would need the hash's salt.
static std::string credential(const std::string& password_hash) { return sha256_hex(password_hash); }

// Checks the account and hashes its password (argon2id, ~0.1 s) outside any write transaction.
static std::string checked_password_hash(const NewUser& u) {
  if (auto p = new_user_problem(u); !p.empty()) throw Refusal(Why::BadAccount, p + "; nothing was written");
  return accounts::hash_password(u.password);
}

// Inside the caller's transaction: inserts the checked account and audits it as done by `by`.
void Store::insert_user(const std::string& by, const NewUser& u, const std::string& password_hash) {
  Impl& impl = *impl_;
  if (load_user(impl.sql, u.name)) throw Refusal(Why::UserExists, "account '" + u.name + "' exists already");
  const std::string display = u.display_name.empty() ? u.name : u.display_name;
  auto ins = impl.sql(
      "INSERT INTO users(name, display_name, roles, password_hash, created_at, certified) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  ins->bind(1, u.name)
      .bind(2, display)
      .bind(3, u.roles.to_string())
      .bind(4, password_hash)
      .bind(5, iso8601_cst(now_ms()))
      .bind(6, u.trainee ? 0 : 1);
  ins->run();
  json detail{{"roles", u.roles.to_string()}, {"display_name", display}, {"credential", credential(password_hash)}};
  // Only a trainee's row says so: every account added before training existed is certified.
  if (u.trainee) detail["certified"] = false;
  impl.audit(by, "user_add", u.name, detail.dump());
}

void Store::init_admin(const std::string& name, const std::string& password, const std::string& display_name) {
  const NewUser admin{.name = name, .display_name = display_name, .roles = {Role::Admin}, .password = password};
  const std::string hash = checked_password_hash(admin);
  Transaction tx(impl_->db);
  auto q = impl_->sql("SELECT name, roles FROM users");
  while (q->step())
    if (RoleSet::parse(q->text(1)).value_or(RoleSet{}).has(Role::Admin))
      throw Refusal(Why::UserExists, "this database has an admin already ('" + q->text(0) +
                                         "'): accounts are added by an admin with `users add`");
  insert_user("init", admin, hash);
  tx.commit();
}

void Store::add_user(const Actor& admin, const NewUser& user) {
  require_role(admin, Role::Admin, "adding an account");
  const std::string hash = checked_password_hash(user);
  Transaction tx(impl_->db);
  insert_user(admin.name(), user, hash);
  tx.commit();
}

void Store::set_user_disabled(const Actor& admin, const std::string& name, bool disabled) {
  require_role(admin, Role::Admin, disabled ? "disabling an account" : "enabling an account");
  if (disabled && name == admin.name())
    throw Refusal(Why::NotPermitted, "an admin cannot disable their own account; nothing was written");
  Transaction tx(impl_->db);
  if (!load_user(impl_->sql, name)) throw Refusal(Why::UnknownUser, "no account named '" + name + "'");
  // Enabling also lifts a lock: the admin has spoken to the person.
  auto upd = impl_->sql(
      "UPDATE users SET disabled = ?2, failed_sign_ins = 0, locked_until_ms = CASE WHEN ?2 = 0 THEN 0 ELSE "
      "locked_until_ms END WHERE name = ?1");
  upd->bind(1, name).bind(2, disabled ? 1 : 0);
  upd->run();
  impl_->audit(admin.name(), disabled ? "user_disable" : "user_enable", name, "{}");
  tx.commit();
}

void Store::set_password(const Actor& actor, const std::string& name, const std::string& password) {
  if (name != actor.name()) require_role(actor, Role::Admin, "setting another person's password");
  if (auto p = accounts::password_problem(password); !p.empty())
    throw Refusal(Why::BadAccount, p + "; nothing was written");
  const std::string hash = accounts::hash_password(password);
  Transaction tx(impl_->db);
  if (!load_user(impl_->sql, name)) throw Refusal(Why::UnknownUser, "no account named '" + name + "'");
  auto upd =
      impl_->sql("UPDATE users SET password_hash = ?2, failed_sign_ins = 0, locked_until_ms = 0 WHERE name = ?1");
  upd->bind(1, name).bind(2, hash);
  upd->run();
  impl_->audit(actor.name(), "user_password", name, json{{"credential", credential(hash)}}.dump());
  tx.commit();
}

std::vector<UserRow> Store::list_users(const Actor& admin) {
  require_role(admin, Role::Admin, "listing accounts");
  const Millis now = now_ms();
  auto q = impl_->sql(
      "SELECT name, display_name, roles, disabled, password_hash <> '', locked_until_ms, created_at, certified "
      "FROM users ORDER BY name");
  std::vector<UserRow> rows;
  while (q->step()) {
    UserRow r;
    r.name = q->text(0);
    r.display_name = q->text(1);
    r.roles = RoleSet::parse(q->text(2)).value_or(RoleSet{});
    r.disabled = q->int64(3) != 0;
    r.has_password = q->int64(4) != 0;
    r.locked = q->int64(5) > now;
    r.created_at = q->text(6);
    r.certified = q->int64(7) != 0;
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace rs::store
