// reviewstation revoke --db PATH NUMBER --by SUPERVISOR --reason TEXT
#include <cstdio>

#include "cli/command.hpp"
#include "core/store/store.hpp"

namespace {
int run_revoke(const rs::cli::Args& args) {
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one image NUMBER");
  rs::store::Store store(args.required("--db"));
  try {
    std::string token = store.revoke(args.positional()[0], args.required("--by"), args.value("--reason").value_or(""));
    std::printf("revoked %s; the applicant's notice carries resubmission token %s\n", args.positional()[0].c_str(),
                token.c_str());
    return 0;
  } catch (const rs::store::Refusal& e) {
    std::fprintf(stderr, "revoke refused: %s\n", e.what());
    return 4;
  }
}
}  // namespace

RS_COMMAND(
    "revoke", "withdraw an approval (supervisor)",
    "The number then verifies as revoked, and the applicant gets a notice with a free\n"
    "resubmission token. A reason is required.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.positionals("NUMBER", "the image number", 1, 1);
      a.option("--by", "SUPERVISOR", "who revokes", true);
      a.option("--reason", "TEXT", "why (required by the store)");
    },
    run_revoke);
