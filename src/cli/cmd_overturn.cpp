// reviewstation overturn ORDER_NO --db PATH --user SUPERVISOR --reason TEXT [--reasons CODE,CODE] [--text T]
#include <cstdio>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/store/store.hpp"

namespace {
void print_result(const rs::store::OverturnResult& r) {
  if (r.to == rs::store::Outcome::Approve)
    std::printf(
        "overturned order %s attempt %d: rejected -> approved; image number %s (valid until %s); the "
        "rejection notice's token no longer works\n",
        r.order_no.c_str(), r.attempt_no, r.image_number.c_str(), r.expires_on.c_str());
  else
    std::printf(
        "overturned order %s attempt %d: approved -> rejected; image number %s revoked; the applicant's "
        "notice carries resubmission token %s\n",
        r.order_no.c_str(), r.attempt_no, r.revoked_number.c_str(), r.notice_token.c_str());
}

int run_overturn(const rs::cli::Args& args) {
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one ORDER_NO");
  rs::store::Store store(args.required("--db"));
  return rs::cli::run_refusing("overturn", 4, [&] {
    const auto supervisor = rs::cli::sign_in(store, args);
    rs::store::OverturnRequest request;
    request.order_no = args.positional()[0];
    request.justification = args.value("--reason").value_or("");
    request.reasons = args.list("--reasons");
    request.other_text = args.value("--text").value_or("");
    print_result(store.overturn(supervisor, request));
    return 0;
  });
}
}  // namespace

RS_COMMAND(
    "overturn", "turn the order's latest decision round (supervisor)",
    "A supervisor signs in as --user (password from --password-file, RS_PASSWORD or the terminal)\n"
    "and overturns the decision on the order's latest attempt, in one transaction. An approval\n"
    "becomes a rejection: its number is revoked and the applicant gets a notice listing --reasons\n"
    "with a free resubmission token (printed). A rejection becomes an approval: a new image number\n"
    "(printed) and receipt, and the rejection notice's token stops working. --reason (the\n"
    "justification, for the record) is required; nobody overturns their own decision.\n"
    "Exit 0 overturned; 4 refused (unknown order, not decided, already overturned or revoked, no\n"
    "justification or reasons; nothing written); 6 sign-in refused; 7 not a supervisor or the\n"
    "supervisor's own decision.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.positionals("ORDER_NO", "the order", 1, 1);
      rs::cli::declare_sign_in(a);
      a.option("--reason", "TEXT", "the justification (required)");
      a.option("--reasons", "CODE,CODE", "reason codes for the applicant (approval -> rejection)");
      a.option("--text", "TEXT", "text for OTHER");
    },
    run_overturn);
