#pragma once
// Queue and decision throughput, measured on a scratch SQLite file.
#include <cstdint>
#include <filesystem>
#include <string>

namespace rs::bench {

struct DecideFigures {
  double decide_tx_per_s = 0;        // claim + full decision, one process
  double decide_tx_per_s_4proc = 0;  // the same, four processes on one file
  double approvals_per_s_4proc = 0;  // approvals only, four processes
  int double_decisions = 0;          // attempts decided or claimed by two processes (must be 0)
  int decisions_checked = 0;
  // Store::audit_verify over the one-process run's file (its chain and every decision, attempt
  // and revocation checked against its row), in audit rows per second.
  double audit_verify_rows_per_s = 0;
  std::int64_t audit_rows = 0;
};

// orders: how many orders each run enqueues (a run stops when the queue is empty).
// Each decision stores `findings` as the findings that were on screen. one_process_only skips the
// four-process runs (for profiling the single-process path).
DecideFigures measure_decisions(const std::filesystem::path& scratch_dir, int orders, const std::string& findings,
                                bool one_process_only = false);

}  // namespace rs::bench
