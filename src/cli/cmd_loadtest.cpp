// reviewstation loadtest --db URL --workstations N --seconds S [--think-ms MS] [--orders N] [--json]
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/bench/loadtest.hpp"

namespace {
using rs::bench::LoadTestResult;

constexpr int kExitNotEmpty = 4;
constexpr int kExitCheckFailed = 20;  // as `audit verify`: the database broke an invariant

double r2(double v) { return std::round(v * 100) / 100; }

double seconds_of(const rs::cli::Args& args) {
  const std::string v = args.required("--seconds");
  try {
    std::size_t used = 0;
    const double s = std::stod(v, &used);
    if (used == v.size() && s > 0 && s <= 24 * 3600) return s;
  } catch (const std::exception&) {
  }
  throw rs::cli::UsageError("--seconds takes a number of seconds above 0 (at most a day), got '" + v + "'");
}

void print_json(const LoadTestResult& r) {
  nlohmann::json j;
  j["engine"] = r.engine;
  j["workstations"] = r.workstations;
  j["seconds"] = r.seconds;
  j["think_ms"] = r.think_ms;
  j["prefetch"] = r.prefetch;
  j["elapsed_s"] = r2(r.elapsed_s);
  j["orders_filled"] = r.orders;
  j["fill_s"] = r2(r.fill_s);
  j["refills"] = r.refills;
  j["claims"] = r.claims;
  j["claims_with_decision"] = r.claims_with_decision;
  j["decisions"] = r.decisions;
  j["approvals"] = r.approvals;
  j["rejections"] = r.rejections;
  j["decisions_per_s"] = std::round(r.decisions_per_s);
  j["claim_ms_p50"] = r2(r.claim_ms_p50);
  j["claim_ms_p99"] = r2(r.claim_ms_p99);
  j["claim_ms_max"] = r2(r.claim_ms_max);
  j["decide_ms_p50"] = r2(r.decide_ms_p50);
  j["decide_ms_p99"] = r2(r.decide_ms_p99);
  j["decide_ms_max"] = r2(r.decide_ms_max);
  j["busy_retries"] = r.busy_retries;
  j["empty_claims"] = r.empty_claims;
  j["refusals"] = r.refusals;
  j["reconnects"] = r.reconnects;
  j["workstations_reconnected"] = r.workstations_reconnected;
  j["decisions_found_committed"] = r.decisions_found_committed;
  j["decisions_after_reconnect"] = r.decisions_after_reconnect;
  j["double_decisions"] = r.check.double_decisions;
  j["duplicate_numbers"] = r.check.duplicate_numbers;
  j["serial_gaps"] = r.check.serial_gaps;
  if (!r.waits.empty()) {  // PostgreSQL
    nlohmann::json waits = nlohmann::json::object();
    for (const auto& [state, share] : r.waits) waits[state] = std::round(share * 1000) / 1000;
    j["server_waits"] = waits;
    j["server_wait_samples"] = r.wait_samples;
  }
  j["audit_intact"] = r.audit_problem.empty();
  j["audit_rows"] = r.audit_rows;
  if (!r.audit_problem.empty()) j["audit_problem"] = r.audit_problem;
  j["decisions_checked"] = r.check.decisions;
  j["numbers_checked"] = r.check.numbers;
  std::printf("%s\n", j.dump().c_str());
}

void print_table(const LoadTestResult& r) {
  auto line = [](const char* what, const std::string& value) { std::printf("  %-22s %s\n", what, value.c_str()); };
  auto num = [](double v, const char* fmt = "%.2f") {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return std::string(buf);
  };
  std::printf("load test on %s: %d workstations, %.1f s, think %d ms%s\n", r.engine.c_str(), r.workstations, r.seconds,
              r.think_ms, r.prefetch ? ", next order claimed with each decision" : "");
  line("orders filled", std::to_string(r.orders) + " (" + num(r.fill_s, "%.1f") + " s before the run, " +
                            std::to_string(r.refills) + " batches during it)");
  line("decisions", std::to_string(r.decisions) + " (" + std::to_string(r.approvals) + " approved, " +
                        std::to_string(r.rejections) + " rejected) in " + num(r.elapsed_s, "%.1f") + " s");
  line("decisions per second", num(r.decisions_per_s, "%.0f"));
  line("claim ms p50 / p99", num(r.claim_ms_p50) + " / " + num(r.claim_ms_p99) + " (max " + num(r.claim_ms_max) + ")");
  line("decide ms p50 / p99",
       num(r.decide_ms_p50) + " / " + num(r.decide_ms_p99) + " (max " + num(r.decide_ms_max) + ")");
  line("busy retries", std::to_string(r.busy_retries));
  line("empty claims",
       std::to_string(r.empty_claims) + (r.empty_claims ? "  (the queue ran dry and was refilled)" : ""));
  line("refused decisions", std::to_string(r.refusals) + " (must be 0)");
  if (r.reconnects > 0)
    line("server lost", std::to_string(r.reconnects) + " reconnections by " +
                            std::to_string(r.workstations_reconnected) + " workstations; " +
                            std::to_string(r.decisions_found_committed) + " decisions found committed when sent again");
  if (!r.waits.empty()) {  // PostgreSQL: the three largest shares of the sampled server sessions
    std::string top;
    for (std::size_t i = 0; i < r.waits.size() && i < 3; ++i)
      top += (i ? ", " : "") + r.waits[i].first + " " + num(100 * r.waits[i].second, "%.0f") + "%";
    line("server sessions", top);
  }
  line("double decisions", std::to_string(r.check.double_decisions) + " (must be 0)");
  line("duplicate numbers", std::to_string(r.check.duplicate_numbers) + " (must be 0)");
  line("serial gaps", std::to_string(r.check.serial_gaps) + " (must be 0)");
  line("audit log", r.audit_problem.empty() ? std::to_string(r.audit_rows) + " rows, intact"
                                            : "DOES NOT VERIFY: " + r.audit_problem);
}

int run_loadtest(const rs::cli::Args& args) {
  rs::bench::LoadTestOptions o;
  o.db = args.required("--db");
  o.workstations = args.integer("--workstations", 0);
  o.seconds = seconds_of(args);
  o.think_ms = args.integer("--think-ms", 0);
  o.orders = args.integer("--orders", 0);
  o.prefetch = args.has("--prefetch");
  if (o.workstations < 1 || o.workstations > 256) throw rs::cli::UsageError("--workstations takes 1 to 256");
  if (o.think_ms < 0 || o.think_ms > 600'000) throw rs::cli::UsageError("--think-ms takes 0 to 600000");
  if (o.orders < 0) throw rs::cli::UsageError("--orders takes a whole number of orders");
  const bool json = args.has("--json");
  LoadTestResult r;
  try {
    r = rs::bench::run_load_test(o,
                                 [](const std::string& line) { std::fprintf(stderr, "loadtest: %s\n", line.c_str()); });
  } catch (const rs::bench::NotEmpty& e) {
    std::fprintf(stderr, "loadtest refused: %s\n", e.what());
    return kExitNotEmpty;
  }
  json ? print_json(r) : print_table(r);
  if (r.refills > 0)
    std::fprintf(stderr,
                 "loadtest: the queue ran dry and was refilled %lld times during the run (the latencies include "
                 "those fills); --orders N fills more beforehand\n",
                 static_cast<long long>(r.refills));
  if (!r.passed()) {
    std::fprintf(stderr,
                 "loadtest: FAILED: %lld double decisions, %lld duplicate numbers, %lld serial gaps, %lld refused "
                 "decisions\n",
                 static_cast<long long>(r.check.double_decisions), static_cast<long long>(r.check.duplicate_numbers),
                 static_cast<long long>(r.check.serial_gaps), static_cast<long long>(r.refusals));
    return kExitCheckFailed;
  }
  return 0;
}
}  // namespace

RS_COMMAND(
    "loadtest", "N simulated workstations on one queue: throughput, latency, invariants",
    "Fills an EMPTY database (a SQLite path; a postgresql:// URL once that engine is in) with an\n"
    "admin, reviewers load01..loadNN (random passwords, never shown) and enough generated orders for\n"
    "the run (at most 2,500 decisions a second, or --orders N; a workstation that finds the queue\n"
    "empty adds 2,000 more), then runs N workstations, each a\n"
    "thread with its own connection and signed-in reviewer: claim, hold --think-ms, decide (about 80%\n"
    "approvals, 20% rejections with one or two reasons). Claims and decisions the engine answers\n"
    "busy are retried with backoff and counted. Afterwards it checks by SQL: double decisions,\n"
    "duplicate image numbers, gaps in each city's serials of a day.\n"
    "--json: one object (decisions_per_s, claim_ms_p50/p99, decide_ms_p50/p99, double_decisions,\n"
    "duplicate_numbers, serial_gaps, workstations, seconds, think_ms, decisions, claims, busy_retries,\n"
    "engine, ...). Exit 0 every check 0; 20 a check failed; 4 the database holds orders or accounts.",
    [](rs::cli::Args& a) {
      a.option("--db", "URL", "an empty database: SQLite path or postgresql:// URL", true);
      a.option("--workstations", "N", "simulated workstations (threads, one connection each)", true);
      a.option("--seconds", "S", "how long they work", true);
      a.option("--think-ms", "MS",
               "how long each holds an order before deciding, on average (each draw between half and 1.5 times it, "
               "the first claims spread over one think time; default 0)");
      a.option("--orders", "N", "orders to fill (default: enough at 2,500 decisions a second)");
      a.flag("--prefetch",
             "claim each next order in the decision's transaction, as the GUI does (claim_ms then counts only the "
             "first claims)");
      a.flag("--json", "one JSON object");
    },
    run_loadtest);
