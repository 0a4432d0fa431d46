// reviewstation second-review --db PATH --user NAME approve|reject [--reason CODE,...] [--text T]
//                             | --inbox [--all] [--json] | --resolve ID --note TEXT | --share X
// Blind second review from scripts: signs in, takes the oldest waiting second review of somebody
// else's decision (never the first decision itself) and records the second judgement. The same
// command shows supervisors their inbox of disagreements, resolves one, or sets the share drawn.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/domain/workstation_id.hpp"
#include "core/store/store.hpp"

namespace {
using rs::store::Outcome;
using rs::store::SecondReviewRow;

std::string joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

nlohmann::json row_json(const SecondReviewRow& r) {
  return {{"id", r.id},
          {"order_no", r.order_no},
          {"attempt", r.attempt_no},
          {"first", {{"reviewer", r.first_reviewer}, {"decision", r.first_decision}, {"reasons", r.first_reasons}}},
          {"second", {{"reviewer", r.reviewer}, {"decision", r.decision}, {"reasons", r.reasons}}},
          {"decided_at", r.decided_at},
          {"resolved_by", r.resolved_by.empty() ? nlohmann::json() : nlohmann::json(r.resolved_by)},
          {"resolution", r.resolution.empty() ? nlohmann::json() : nlohmann::json(r.resolution)}};
}

// Reviewers paused by their gold record head the inbox: they are waiting for a supervisor.
void show_paused(rs::store::Store& store, const rs::accounts::Actor& who, bool as_json) {
  for (const auto& p : store.paused_reviewers(who)) {
    if (as_json) {
      std::printf("%s\n", nlohmann::json{{"kind", "paused"},
                                         {"reviewer", p.reviewer},
                                         {"paused_at", p.paused_at},
                                         {"answered", p.answered},
                                         {"correct", p.correct},
                                         {"pause_below", p.pause_below}}
                              .dump()
                              .c_str());
      continue;
    }
    std::printf("paused %s since %s: %d of %d gold answers right, below %.0f %% (users unpause %s)\n",
                p.reviewer.c_str(), p.paused_at.c_str(), p.correct, p.answered, p.pause_below * 100,
                p.reviewer.c_str());
  }
}

int show_inbox(rs::store::Store& store, const rs::accounts::Actor& who, const rs::cli::Args& args) {
  const auto rows = store.second_review_disagreements(who, args.has("--all"));
  show_paused(store, who, args.has("--json"));
  for (const auto& r : rows) {
    if (args.has("--json")) {
      std::printf("%s\n", row_json(r).dump().c_str());
      continue;
    }
    std::printf("#%lld %s attempt %d: %s %s%s%s / %s %s%s%s%s\n", static_cast<long long>(r.id), r.order_no.c_str(),
                r.attempt_no, r.first_reviewer.c_str(), r.first_decision.c_str(), r.first_reasons.empty() ? "" : " ",
                joined(r.first_reasons).c_str(), r.reviewer.c_str(), r.decision.c_str(), r.reasons.empty() ? "" : " ",
                joined(r.reasons).c_str(), r.resolved_at.empty() ? "" : ("  [resolved: " + r.resolution + "]").c_str());
  }
  if (!args.has("--json")) std::printf("%zu disagreement(s)\n", rows.size());
  return 0;
}

int decide_next(rs::store::Store& store, const rs::accounts::Actor& who, const rs::cli::Args& args) {
  const std::string verdict = args.positional().empty() ? "" : args.positional()[0];
  if (verdict != "approve" && verdict != "reject") throw rs::cli::UsageError("say approve or reject");
  auto c = store.claim_second_review(who, rs::kCliWorkstation);
  if (!c) {
    std::fprintf(stderr, "second-review: nothing waits for a second review by %s\n", who.name().c_str());
    return 5;
  }
  rs::store::SecondReviewRequest r;
  r.id = c->id;
  r.lease_token = c->lease_token;
  r.workstation = std::string(rs::kCliWorkstation);
  r.outcome = verdict == "approve" ? Outcome::Approve : Outcome::Reject;
  r.reasons = args.list("--reason");
  r.other_text = args.value("--text").value_or("");
  try {
    store.decide_second_review(who, r);
  } catch (const rs::store::Refusal&) {
    store.release_second_review(who, c->id, c->lease_token);
    throw;
  }
  // Blind both ways: the first decision is not printed, not even afterwards.
  std::printf("second review %lld of %s attempt %d recorded (%s)\n", static_cast<long long>(c->id),
              c->order.order_no.c_str(), c->attempt.attempt_no, verdict == "approve" ? "approved" : "rejected");
  return 0;
}

int run(const rs::cli::Args& args) {
  rs::store::Store store(args.required("--db"));
  return rs::cli::run_refusing("second-review", 4, [&] {
    const auto who = rs::cli::sign_in(store, args);
    if (auto share = args.value("--share")) {
      double v = 0;
      try {
        v = std::stod(*share);
      } catch (const std::exception&) {
        throw rs::cli::UsageError("--share takes a number from 0 to 1, not '" + *share + "'");
      }
      store.set_second_review_share(who, v);
      std::printf("second reviews now draw %.1f %% of decisions\n", 100.0 * store.second_review_share());
      return 0;
    }
    if (args.has("--inbox")) return show_inbox(store, who, args);
    if (auto id = args.value("--resolve")) {
      store.resolve_disagreement(who, args.integer("--resolve", 0), args.value("--note").value_or(""));
      std::printf("second review %s resolved\n", id->c_str());
      return 0;
    }
    return decide_next(store, who, args);
  });
}
}  // namespace

RS_COMMAND(
    "second-review", "blind second review of a drawn decision; the supervisors' inbox",
    "Signs in as --user (a reviewer or supervisor; password from --password-file, RS_PASSWORD or\n"
    "the terminal) and decides the oldest waiting second review of somebody else's decision. The\n"
    "first decision is never shown; nothing is issued. A share of every decision (5 % unless set\n"
    "with --share) is drawn for it.\n"
    "Supervisors: --inbox lists the reviewers paused by their gold record (JSON: \"kind\": \"paused\")\n"
    "and open disagreements (--all: resolved ones too; --json: one object a line), --resolve ID\n"
    "--note TEXT closes one, --share X sets the share drawn (0..1).\n"
    "Exit 0 done; 4 refused; 5 nothing waits; 6 sign-in refused; 7 not permitted.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      rs::cli::declare_sign_in(a);
      a.positionals("VERDICT", "approve or reject", 0, 1);
      a.option("--reason", "CODE,CODE", "reason codes (reject)");
      a.option("--text", "TEXT", "text for OTHER");
      a.flag("--inbox", "list the disagreements (supervisors)");
      a.flag("--all", "with --inbox: resolved ones too");
      a.flag("--json", "with --inbox: one JSON object a line");
      a.option("--resolve", "ID", "close a disagreement (supervisors)");
      a.option("--note", "TEXT", "with --resolve: what was done");
      a.option("--share", "X", "set the share of decisions drawn (supervisors, admins)");
    },
    run);
