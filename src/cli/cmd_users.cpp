// reviewstation users init|add|disable|enable|passwd|list|certify|unpause: accounts, managed by
// admins; certify by a trainer or a supervisor; unpause by a supervisor.
#include <cstdio>
#include <cstdlib>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/store/store.hpp"

namespace {
using rs::accounts::RoleSet;

// The new password: --new-password-file, RS_NEW_PASSWORD, or the terminal (twice).
std::string new_password(const rs::cli::Args& args, const std::string& name) {
  const bool typed = !std::getenv("RS_NEW_PASSWORD") && !args.value("--new-password-file");
  std::string pw =
      rs::cli::read_password(args, "RS_NEW_PASSWORD", "--new-password-file", "new password for " + name + ": ");
  if (typed && rs::cli::read_password(args, "RS_NEW_PASSWORD", "--new-password-file", "again: ") != pw)
    throw rs::cli::UsageError("the two passwords differ; nothing was written");
  return pw;
}

std::string target(const rs::cli::Args& args, const char* action) {
  if (args.positional().size() != 2) throw rs::cli::UsageError(std::string("users ") + action + " needs one NAME");
  return args.positional()[1];
}

void print_users(const std::vector<rs::store::UserRow>& rows) {
  std::printf("%-20s %-20s %-30s %s\n", "name", "display name", "roles", "state");
  for (const auto& r : rows) {
    const char* state = r.disabled        ? "disabled"
                        : r.locked        ? "locked"
                        : !r.has_password ? "no password"
                        : !r.certified    ? "trainee"
                                          : "active";
    std::printf("%-20s %-20s %-30s %s\n", r.name.c_str(), r.display_name.c_str(), r.roles.to_string().c_str(), state);
  }
}

int run_users(const rs::cli::Args& args) {
  if (args.positional().empty())
    throw rs::cli::UsageError("say init, add, disable, enable, passwd, list, certify or unpause");
  const std::string action = args.positional()[0];
  rs::store::Store store(args.required("--db"));
  return rs::cli::run_refusing("users", 4, [&]() -> int {
    if (action == "init") {
      const std::string admin = args.required("--admin");
      store.init_admin(admin, new_password(args, admin));
      std::printf("admin %s created\n", admin.c_str());
      return 0;
    }
    if (action != "add" && action != "disable" && action != "enable" && action != "passwd" && action != "list" &&
        action != "certify" && action != "unpause")
      throw rs::cli::UsageError("unknown action '" + action +
                                "': init, add, disable, enable, passwd, list, certify or unpause");
    if (!args.value("--user"))
      throw rs::cli::UsageError("users " + action + " needs --user NAME (" +
                                (action == "certify"   ? "a trainer or a supervisor"
                                 : action == "unpause" ? "a supervisor"
                                                       : "an admin") +
                                ")");
    const auto actor = rs::cli::sign_in(store, args);
    if (action == "list") {
      print_users(store.list_users(actor));
      return 0;
    }
    const std::string name = target(args, action.c_str());
    if (action == "unpause") {
      store.unpause(actor, name);
      std::printf("%s unpaused: the live queue takes their claims again\n", name.c_str());
    } else if (action == "certify") {
      store.certify(actor, name);
      std::printf("%s certified: the live queue takes their claims\n", name.c_str());
    } else if (action == "add") {
      std::string error;
      const auto roles = RoleSet::parse(args.required("--role"), &error);
      if (!roles) throw rs::cli::UsageError("--role: " + error);
      store.add_user(actor, {.name = name,
                             .display_name = args.value("--display").value_or(name),
                             .roles = *roles,
                             .password = new_password(args, name),
                             .trainee = args.has("--trainee")});
      std::printf("added %s (%s%s)\n", name.c_str(), roles->to_string().c_str(),
                  args.has("--trainee") ? ", trainee: not certified for the live queue" : "");
    } else if (action == "passwd") {
      store.set_password(actor, name, new_password(args, name));
      std::printf("password of %s changed\n", name.c_str());
    } else {
      store.set_user_disabled(actor, name, action == "disable");
      std::printf("%s %sd\n", name.c_str(), action.c_str());
    }
    return 0;
  });
}
}  // namespace

RS_COMMAND(
    "users", "accounts: init, add, disable, enable, passwd, list, certify, unpause",
    "users init --admin NAME creates the first admin of a new database (refused once one exists).\n"
    "users add NAME --role ROLE[,ROLE] [--display TEXT] [--trainee], users disable|enable NAME, users\n"
    "passwd NAME and users list act as --user, an admin (passwd also for one's own account). Roles:\n"
    "reviewer, supervisor, trainer, admin. A reviewer is certified for the live queue unless added with\n"
    "--trainee; users certify NAME (--user a trainer or a supervisor) certifies a trainee.\n"
    "users unpause NAME (--user a supervisor) lifts the pause of a reviewer whose gold accuracy fell\n"
    "below gold.pause_below (see `gold scores`).\n"
    "The signing-in password comes from --password-file, RS_PASSWORD or\n"
    "the terminal; a new password from --new-password-file, RS_NEW_PASSWORD or the terminal (twice).\n"
    "Five failed sign-ins lock an account for 15 minutes; enable lifts a lock.\n"
    "Exit 0 done; 4 refused (an unknown or existing account, a bad name or password); 6 sign-in\n"
    "refused; 7 the signed-in account lacks the role (admin; trainer or supervisor for certify).",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.positionals("ACTION [NAME]", "init|add|disable|enable|passwd|list|certify|unpause, then the account", 1, 2);
      a.option("--user", "NAME", "the admin who signs in");
      a.option("--password-file", "FILE", "the admin's password (else RS_PASSWORD, else the terminal)");
      a.option("--admin", "NAME", "init: the first admin's name");
      a.option("--role", "ROLES", "add: reviewer,supervisor,trainer,admin");
      a.option("--display", "TEXT", "add: the name shown on screen");
      a.flag("--trainee", "add: a reviewer not yet certified (training sets only until `users certify`)");
      a.option("--new-password-file", "FILE", "the new password (else RS_NEW_PASSWORD, else the terminal)");
    },
    run_users);
