// reviewstation figures --db PATH --user SUPERVISOR [--from DATE] [--to DATE] [--json|--csv]
// The supervisors' figures per reviewer, as the figures panel shows them.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/store/store.hpp"

namespace {
using rs::figures::FiguresReport;

std::string percent(const std::optional<double>& v) {
  if (!v) return "  -";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%3.0f%%", 100.0 * *v);
  return buf;
}

void print_table(const FiguresReport& r) {
  std::printf("%-12s %9s %8s %9s %9s %8s %8s %9s %7s %6s\n", "reviewer", "decisions", "per_hour", "p50_s", "p90_s",
              "approved", "engine", "overturns", "second", "kappa");
  for (const auto& f : r.reviewers) {
    char kappa[16] = "  -";
    if (f.kappa) std::snprintf(kappa, sizeof kappa, "%.2f", *f.kappa);
    std::printf("%-12s %9lld %8.1f %9.1f %9.1f %8s %8s %9lld %7lld %6s\n", f.reviewer.c_str(), f.decisions, f.per_hour,
                f.review_ms_p50 / 1000.0, f.review_ms_p90 / 1000.0, percent(f.approval_rate).c_str(),
                percent(f.engine_agreement).c_str(), f.overturns, f.second_reviews, kappa);
  }
  if (!r.pairs.empty()) std::printf("\nsecond review agreement (first -> second: agreed/reviews)\n");
  for (const auto& p : r.pairs)
    std::printf("  %s -> %s: %lld/%lld\n", p.first.c_str(), p.second.c_str(), p.agreements, p.reviews);
}

int print_rules(const std::vector<rs::figures::OverruledRule>& rules, bool json) {
  if (!json)
    std::printf("%-26s %-16s %7s %9s %7s %9s  cases\n", "rule", "reason", "failed", "approved", "passed", "rejected");
  for (const auto& r : rules) {
    if (json) {
      const nlohmann::json j = {{"rule", r.rule},
                                {"reason", r.reason},
                                {"failed", r.failed},
                                {"approved_anyway", r.approved_anyway},
                                {"passed", r.passed},
                                {"rejected_anyway", r.rejected_anyway},
                                {"rate", r.overrule_rate()},
                                {"cases", r.cases}};
      std::printf("%s\n", j.dump().c_str());
      continue;
    }
    std::string cases;
    for (std::size_t i = 0; i < r.cases.size() && i < 4; ++i) cases += (i ? " " : "") + r.cases[i];
    std::printf("%-26s %-16s %7lld %9lld %7lld %9lld  %s\n", r.rule.c_str(), r.reason.c_str(), r.failed,
                r.approved_anyway, r.passed, r.rejected_anyway, cases.c_str());
  }
  return 0;
}

int run(const rs::cli::Args& args) {
  if (args.has("--json") && args.has("--csv")) throw rs::cli::UsageError("give --json or --csv, not both");
  rs::store::Store store(args.required("--db"));
  return rs::cli::run_refusing("figures", 4, [&] {
    const auto who = rs::cli::sign_in(store, args);
    const rs::store::FiguresQuery period{args.value("--from").value_or(""), args.value("--to").value_or("")};
    if (args.has("--rules")) return print_rules(store.overruled_rules(who, period), args.has("--json"));
    const auto report = store.figures(who, period);
    if (args.has("--json")) {
      for (const auto& f : report.reviewers) std::printf("%s\n", rs::figures::to_json(f).dump().c_str());
    } else if (args.has("--csv")) {
      std::printf("%s\n", rs::figures::csv_header().c_str());
      for (const auto& f : report.reviewers) std::printf("%s\n", rs::figures::csv_row(f).c_str());
    } else {
      print_table(report);
    }
    return 0;
  });
}
}  // namespace

RS_COMMAND(
    "figures", "figures per reviewer (supervisor)",
    "Signs in as --user (a supervisor) and prints, per reviewer, over the decisions made from\n"
    "--from to --to (dates in China Standard Time, both included; default: all): decisions, decisions\n"
    "per active hour (clock hours with a decision), median and p90 review time, approval rate,\n"
    "agreement with the rule engine (approved with no failed finding, or rejected with one),\n"
    "overturns, blind second reviews and Cohen's kappa against them (null below 10 second reviews).\n"
    "--json: one object per reviewer a line; --csv: a header and one row per reviewer.\n"
    "--rules: per rule, how often reviewers approved a photo it failed or rejected for its reason\n"
    "a photo it passed, with the cases (order#attempt) behind the counts.\n"
    "Exit 0; 4 a bad date; 6 sign-in refused; 7 not a supervisor.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      rs::cli::declare_sign_in(a);
      a.option("--from", "DATE", "first day, e.g. 2026-12-01");
      a.option("--to", "DATE", "last day (included)");
      a.flag("--json", "one JSON object per reviewer a line");
      a.flag("--csv", "CSV with a header line");
      a.flag("--rules", "the rules reviewers overrule instead (per rule; --json one object a line)");
    },
    run);
