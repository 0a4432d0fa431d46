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

RS_COMMAND("revoke", "withdraw an approval (supervisor)",
           "usage: reviewstation revoke --db PATH NUMBER --by SUPERVISOR --reason TEXT\n\n"
           "The number then verifies as revoked, and the applicant gets a notice with a free\n"
           "resubmission token. A reason is required.",
           {}, run_revoke);
