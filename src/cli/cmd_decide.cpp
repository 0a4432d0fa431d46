// reviewstation decide --db PATH --user NAME approve|reject [--reason CODE[,CODE...]] [--text T]
// For scripts and tests: signs in, claims the next order as the workstation does, and records a
// decision.
#include <cstdio>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/domain/workstation_id.hpp"
#include "core/store/store.hpp"

namespace {
int decide_next(rs::store::Store& store, const rs::accounts::Actor& reviewer, const rs::cli::Args& args) {
  auto claim = store.claim_next(reviewer, rs::kCliWorkstation);
  if (!claim) {
    std::fprintf(stderr, "decide: the queue is empty\n");
    return 5;
  }
  rs::store::DecisionRequest r;
  r.attempt_id = claim->attempt.id;
  r.lease_token = claim->lease.token;
  r.workstation = std::string(rs::kCliWorkstation);
  r.outcome = args.positional()[0] == "approve" ? rs::store::Outcome::Approve : rs::store::Outcome::Reject;
  r.reasons = args.list("--reason");
  r.other_text = args.value("--text").value_or("");
  try {
    auto result = store.decide(reviewer, r);
    if (r.outcome == rs::store::Outcome::Approve)
      std::printf("approved %s attempt %d: image number %s, valid until %s\n", result.order_no.c_str(),
                  result.attempt_no, result.image_number.c_str(), result.expires_on.c_str());
    else
      std::printf("rejected %s attempt %d: notice token %s\n", result.order_no.c_str(), result.attempt_no,
                  result.notice_token.c_str());
    return 0;
  } catch (const rs::store::Refusal& e) {
    store.release(reviewer, claim->attempt.id, claim->lease.token, rs::store::Store::Release::HandBack);
    std::fprintf(stderr, "decide refused: %s\n", e.what());
    return 4;
  }
}

int run_decide(const rs::cli::Args& args) {
  if (args.positional().size() != 1 || (args.positional()[0] != "approve" && args.positional()[0] != "reject"))
    throw rs::cli::UsageError("say approve or reject");
  rs::store::Store store(args.required("--db"));
  return rs::cli::run_refusing("decide", 4, [&] { return decide_next(store, rs::cli::sign_in(store, args), args); });
}
}  // namespace

RS_COMMAND(
    "decide", "record a decision on the next order (scripts, tests)",
    "Signs in as --user NAME (a reviewer; password from --password-file, RS_PASSWORD or the\n"
    "terminal), claims the next order exactly as a workstation does and records the decision.\n"
    "Reason codes: SIZE_POSITION HEAD_POSE LIGHTING BLURRED FACE_SHADOW BACKGROUND EXPRESSION\n"
    "HAIR_EYEBROWS HAIR_EARS HAIR_SHOULDERS ACCESSORY FEATURES_HIDDEN FACE_GLARE RETOUCHED MIRRORED\n"
    "WRONG_CITY OTHER (needs --text). A refused decision releases the order (exit 4).\n"
    "Exit 0 decided; 4 refused; 5 the queue is empty; 6 sign-in refused; 7 not a reviewer.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      rs::cli::declare_sign_in(a);
      a.option("--reason", "CODE,CODE", "reason codes (reject)");
      a.option("--text", "TEXT", "text for OTHER");
      a.positionals("VERDICT", "approve or reject", 1, 1);
    },
    run_decide);
