// reviewstation revoke --db PATH NUMBER --user SUPERVISOR --reason TEXT
#include <cstdio>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/store/store.hpp"

namespace {
int run_revoke(const rs::cli::Args& args) {
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one image NUMBER");
  rs::store::Store store(args.required("--db"));
  return rs::cli::run_refusing("revoke", 4, [&] {
    const auto supervisor = rs::cli::sign_in(store, args);
    std::string token = store.revoke(supervisor, args.positional()[0], args.value("--reason").value_or(""));
    std::printf("revoked %s; the applicant's notice carries resubmission token %s\n", args.positional()[0].c_str(),
                token.c_str());
    return 0;
  });
}
}  // namespace

RS_COMMAND(
    "revoke", "withdraw an approval (supervisor)",
    "A supervisor signs in as --user (password from --password-file, RS_PASSWORD or the terminal).\n"
    "The number then verifies as revoked, and the applicant gets a notice with a free\n"
    "resubmission token. A reason is required.\n"
    "Exit 0 revoked; 4 refused (unknown or revoked number, no reason); 6 sign-in refused; 7 not a\n"
    "supervisor.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.positionals("NUMBER", "the image number", 1, 1);
      rs::cli::declare_sign_in(a);
      a.option("--reason", "TEXT", "why (required by the store)");
    },
    run_revoke);
