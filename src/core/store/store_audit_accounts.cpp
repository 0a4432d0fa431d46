// The accounts against the log: who may sign in, with which roles, is what the account rows of
// the chain say. Without it, anyone who can write the file could give themselves the supervisor's
// role, enable a disabled account or put their own password hash on someone else's, and every
// decision they then made would verify. Replays user_add, user_disable, user_enable and
// user_password per account and compares each users row: roles, display name, disabled, and the
// password hash's fingerprint where the row logged one (rows written before it was logged: not),
// and whether the account is certified for the live queue (user_add of a trainee, user_certify).
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/store/store_audit.hpp"
#include "core/util/sha256.hpp"

namespace rs::store {
namespace {
using Problem = Store::AuditProblem;

// An account as its rows in the log leave it. One with no user_add row was made by migration 008
// from the names in decisions: a disabled reviewer without a password.
struct LoggedAccount {
  bool added = false;
  std::string roles = "reviewer", display_name;  // display name "" = the name (migration 008)
  bool disabled = true;
  bool certified = true;                  // user_add with "certified": false makes a trainee
  bool password_set = false;              // user_add or user_password
  std::optional<std::string> credential;  // the last password row's fingerprint, when it logged one
  std::int64_t last_row = 0;
};

std::optional<std::string> logged_credential(const LoggedRow& row) {
  const auto detail = nlohmann::json::parse(row.detail, nullptr, false);
  const auto it = detail.is_object() ? detail.find("credential") : detail.end();
  if (!detail.is_object() || it == detail.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<bool> logged_flag(const LoggedRow& row, const char* key) {
  const auto detail = nlohmann::json::parse(row.detail, nullptr, false);
  const auto it = detail.is_object() ? detail.find(key) : detail.end();
  if (!detail.is_object() || it == detail.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

std::map<std::string, LoggedAccount> replay(const WalkedChain& chain) {
  std::map<std::string, LoggedAccount> accounts;
  for (const auto& row : chain.accounts) {
    auto& a = accounts[row.subject];
    a.last_row = row.row;
    if (row.action == "user_add") {
      a.added = true;
      a.roles = logged_text(row, "roles").value_or("");
      a.display_name = logged_text(row, "display_name").value_or("");
      a.disabled = false;
      a.certified = logged_flag(row, "certified").value_or(true);
      a.password_set = true;
      a.credential = logged_credential(row);
    } else if (row.action == "user_certify") {
      a.certified = true;
    } else if (row.action == "user_disable" || row.action == "user_enable") {
      a.disabled = row.action == "user_disable";
    } else if (row.action == "user_password") {
      a.password_set = true;
      a.credential = logged_credential(row);
    }
  }
  return accounts;
}

struct AccountRow {
  std::string name, roles, display_name, password_hash;
  bool disabled = false;
  bool certified = true;
};

// The first way the table's row differs from what the log says, or nothing.
std::optional<std::string> account_difference(const AccountRow& t, const LoggedAccount& a) {
  const std::string& display = a.display_name.empty() ? t.name : a.display_name;
  if (t.roles != a.roles) return "roles '" + t.roles + "' in the table, '" + a.roles + "' in the log";
  if (t.display_name != display)
    return "display name '" + t.display_name + "' in the table, '" + display + "' in the log";
  if (t.disabled != a.disabled)
    return std::string(t.disabled ? "disabled" : "enabled") + " in the table, " +
           (a.disabled ? "disabled" : "enabled") + " in the log";
  if (t.certified != a.certified)
    return std::string(t.certified ? "certified" : "not certified") + " in the table, " +
           (a.certified ? "certified" : "not certified") + " in the log";
  if (!a.password_set && !t.password_hash.empty()) return "a password is set, but no audit row sets one";
  if (a.credential && sha256_hex(t.password_hash) != *a.credential)
    return "the password hash is not the one its last password row logged";
  return std::nullopt;
}
}  // namespace

std::optional<Problem> check_accounts(StatementCache& sql, const WalkedChain& chain, std::int64_t& checked) {
  const auto logged = replay(chain);
  std::set<std::string> in_table;
  auto q = sql("SELECT name, roles, display_name, disabled, password_hash, certified FROM users ORDER BY id");
  while (q->step()) {
    const AccountRow t{q->text(0), q->text(1), q->text(2), q->text(4), q->int64(3) != 0, q->int64(5) != 0};
    const auto it = logged.find(t.name);
    const LoggedAccount a = it == logged.end() ? LoggedAccount{} : it->second;
    if (auto d = account_difference(t, a)) return audit_mismatch(a.last_row, "account '" + t.name + "': " + *d);
    in_table.insert(t.name);
    ++checked;
  }
  for (const auto& [name, a] : logged)
    if (a.added && !in_table.count(name))
      return audit_mismatch(a.last_row, "account '" + name + "' is in the audit log but not in the table: deleted");
  return std::nullopt;
}

}  // namespace rs::store
