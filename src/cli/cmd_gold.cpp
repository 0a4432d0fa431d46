// reviewstation gold add ORDER_NO... | list | scores [--json|--csv] --db PATH --user NAME
// Known-answer (gold) cases: a trainer or a supervisor marks decided orders; certified reviewers
// receive them among real orders (store_gold_delivery.cpp); their record is listed here.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/store/store.hpp"

namespace {
std::string joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::string accuracy_text(const std::optional<double>& a) {
  if (!a) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.4f", *a);
  return buf;
}

void print_case(const rs::store::GoldCaseInfo& c) {
  std::printf("%s attempt %d: %s%s%s (decided by %s; marked by %s %s) delivered %d, answered %d, right %d\n",
              c.order_no.c_str(), c.attempt_no, c.reference.c_str(), c.reasons.empty() ? "" : " ",
              joined(c.reasons).c_str(), c.original_reviewer.c_str(), c.added_by.c_str(), c.added_at.c_str(),
              c.delivered, c.answered, c.correct);
}

int print_scores(const std::vector<rs::store::GoldScore>& rows, const rs::cli::Args& args) {
  if (args.has("--json")) {
    for (const auto& s : rows)
      std::printf("%s\n", nlohmann::json{{"reviewer", s.reviewer},
                                         {"answered", s.answered},
                                         {"correct", s.correct},
                                         {"accuracy", s.accuracy ? nlohmann::json(*s.accuracy) : nlohmann::json()},
                                         {"answered_since_unpause", s.answered_since_unpause},
                                         {"correct_since_unpause", s.correct_since_unpause},
                                         {"paused", s.paused}}
                              .dump()
                              .c_str());
    return 0;
  }
  if (args.has("--csv")) {
    std::printf("reviewer,answered,correct,accuracy,answered_since_unpause,correct_since_unpause,paused\n");
    for (const auto& s : rows)
      std::printf("%s,%d,%d,%s,%d,%d,%s\n", s.reviewer.c_str(), s.answered, s.correct,
                  accuracy_text(s.accuracy).c_str(), s.answered_since_unpause, s.correct_since_unpause,
                  s.paused ? "true" : "false");
    return 0;
  }
  std::printf("%-20s %8s %8s %9s %s\n", "reviewer", "answered", "correct", "accuracy", "state");
  for (const auto& s : rows)
    std::printf("%-20s %8d %8d %9s %s\n", s.reviewer.c_str(), s.answered, s.correct,
                s.accuracy ? accuracy_text(s.accuracy).c_str() : "-", s.paused ? "paused" : "working");
  return 0;
}

int run_gold(const rs::cli::Args& args) {
  const auto& pos = args.positional();
  const std::string action = pos.empty() ? "" : pos[0];
  if (action != "add" && action != "list" && action != "scores") throw rs::cli::UsageError("say add, list or scores");
  if (action == "add" && pos.size() < 2) throw rs::cli::UsageError("gold add needs at least one ORDER_NO");
  if (action != "add" && pos.size() != 1) throw rs::cli::UsageError("gold " + action + " takes no ORDER_NO");
  rs::store::Store store(args.required("--db"));
  return rs::cli::run_refusing("gold", 4, [&] {
    const auto who = rs::cli::sign_in(store, args);
    if (action == "scores") return print_scores(store.gold_scores(who), args);
    if (action == "list") {
      for (const auto& c : store.gold_cases(who)) print_case(c);
      return 0;
    }
    const auto added = store.add_gold_cases(who, {pos.begin() + 1, pos.end()});
    for (const auto& c : added) print_case(c);
    std::printf("%zu gold case(s) marked\n", added.size());
    return 0;
  });
}
}  // namespace

RS_COMMAND(
    "gold", "known-answer (gold) cases: mark decided orders, list them, the reviewers' gold record",
    "gold add ORDER_NO[#N]... (--user a trainer or a supervisor) marks decided orders as gold cases,\n"
    "all or none; the reference is the final decision and reasons after overturns. Certified\n"
    "reviewers receive them among real orders at gold.rate (`settings`), never their own decision\n"
    "and never twice; answers are scored against the reference and never issued.\n"
    "gold list: the cases, how often delivered and answered right. gold scores [--json|--csv]: each\n"
    "reviewer's answered, correct, accuracy and whether paused (accuracy below gold.pause_below over\n"
    "at least gold.min_cases answers since the last `users unpause`).\n"
    "Exit 0 done; 4 refused (an unknown or undecided order, marked already); 6 sign-in refused; 7 not\n"
    "a trainer or supervisor.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      rs::cli::declare_sign_in(a);
      a.positionals("ACTION [ORDER_NO...]", "add ORDER_NO..., list or scores", 1, 10000);
      a.flag("--json", "scores: one JSON object a line");
      a.flag("--csv", "scores: CSV with a header");
    },
    run_gold);
