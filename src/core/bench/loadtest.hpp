#pragma once
// `reviewstation loadtest`: N simulated workstations on one queue, each a thread with its own
// Store (its own connection) and its own signed-in reviewer, claiming, holding the order for the
// think time and deciding, until the time is up; then the store's invariants are checked
// (Store::load_check). It runs on whatever engine the --db value opens, through the Store API only.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/store/store.hpp"

namespace rs::bench {

struct LoadTestOptions {
  std::string db;  // a SQLite path, or a postgresql:// URL once that engine is in
  int workstations = 8;
  double seconds = 10;
  int think_ms = 0;
  // As the reviewer's workstation does with prefetch on (its default): each decision's transaction
  // also claims the workstation's next order (DecisionRequest::claim_next), which is then read
  // (Store::load_claim) while the reviewer would still look at the current one. Off: a claim of its
  // own before each decision.
  bool prefetch = false;
  // Orders filled before the run; 0: estimated from kMaxDecisionsPerS (load_test_orders).
  std::int64_t orders = 0;
  std::uint64_t seed = 2026;  // the order generator's and the workstations' draws
};

// The fill's bound on the rate of all workstations together: a quarter above the target
// of 2,000 a second. A faster engine empties the queue before the time is up; the workstation that
// finds it empty adds another batch (LoadTestResult::refills; the others wait for the write lock
// meanwhile, as they would for intake) and --orders fills more beforehand.
inline constexpr double kMaxDecisionsPerS = 2500;
// The orders filled before the run: each workstation decides at most once per think time, all
// together at most kMaxDecisionsPerS, for the whole run, plus one held by each workstation at the
// end.
std::int64_t load_test_orders(const LoadTestOptions& o);

struct LoadTestResult {
  std::string engine;  // sqlite | postgresql
  int workstations = 0, think_ms = 0;
  bool prefetch = false;
  double seconds = 0;                     // asked for
  double elapsed_s = 0;                   // from the first claim to the last workstation's stop
  std::int64_t orders = 0;                // filled, before and during the run
  std::int64_t refills = 0;               // batches added during the run because a claim found the queue empty
  double fill_s = 0;                      // filling the queue and the accounts before the run
  std::int64_t claims = 0;                // claims of their own that returned an order (claim_ms)
  std::int64_t claims_with_decision = 0;  // --prefetch: next orders claimed in a decision's transaction
  std::int64_t decisions = 0;             // decisions recorded
  std::int64_t approvals = 0, rejections = 0;
  std::int64_t busy_retries = 0;  // claims and decisions the engine answered busy/locked, retried
  std::int64_t empty_claims = 0;  // claims that found the queue empty (the fill was too small)
  std::int64_t refusals = 0;      // decisions the store refused (a stale lease: must be 0)
  // The server went away (PostgreSQL): connections made again, and what each workstation sent
  // again afterwards. A decision whose commit reached the server before the loss is found decided
  // when sent again (counted in `decisions`, as it is in the database); one that did not is made.
  std::int64_t reconnects = 0;
  std::int64_t workstations_reconnected = 0;  // workstations that lost their connection and went on
  std::int64_t decisions_found_committed = 0;
  std::int64_t decisions_after_reconnect = 0;
  double decisions_per_s = 0;
  double claim_ms_p50 = 0, claim_ms_p99 = 0, claim_ms_max = 0;
  double decide_ms_p50 = 0, decide_ms_p99 = 0, decide_ms_max = 0;
  // PostgreSQL: where the workstations' server sessions spent the run, sampled every 50 ms
  // (Store::session_waits): each state's share of all sessions sampled, the largest first, e.g.
  // {"Lock:advisory", 0.86} for the audit chain's lock. Empty on SQLite.
  std::vector<std::pair<std::string, double>> waits;
  std::int64_t wait_samples = 0;  // sessions seen, over all samples
  store::LoadCheck check;
  // `audit verify` of the database after the run: "" when the chain and the tables agree, else the
  // first problem (a run whose audit log does not verify fails).
  std::string audit_problem;
  std::int64_t audit_rows = 0;
  bool passed() const {
    return check.double_decisions == 0 && check.duplicate_numbers == 0 && check.serial_gaps == 0 && refusals == 0 &&
           audit_problem.empty();
  }
};

// The database already holds orders or accounts: a load test fills only an empty one.
class NotEmpty : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "postgresql" for a postgresql:// (or postgres://) URL, else "sqlite".
std::string engine_of(const std::string& db);

// Fills the empty database, runs the workstations and checks. `progress` hears one line per step
// (filling, running, checking). Throws NotEmpty naming the database and what it holds.
LoadTestResult run_load_test(const LoadTestOptions& options,
                             const std::function<void(const std::string&)>& progress = {});

}  // namespace rs::bench
