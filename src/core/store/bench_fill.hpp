#pragma once
// Bench only: fills a fresh database with a month of decided orders written straight into the
// tables (no claims, no audit rows, no outbox), so `bench` can time the supervisors' browser and
// figures on a million decisions within seconds. Nothing in the product calls it; the audit log
// of such a file does not verify (every decision lacks its row), and nothing should try.
#include <cstdint>

#include "core/util/clock.hpp"

namespace rs::store {

class Store;

struct BenchFillOptions {
  std::int64_t decisions = 1'000'000;
  int reviewers = 30;  // r1..rN
  int days = 30;       // the days before `today_ms`'s day (China Standard Time), that day excluded
  Millis today_ms = 0;
  std::uint64_t seed = 2026;
};

struct BenchFillReport {
  std::int64_t orders = 0, attempts = 0, decisions = 0, second_reviews = 0, disagreements = 0, overturns = 0;
  double seconds = 0;
};

// Into a Store opened on a new file (its migrations applied). Deterministic for a given seed.
BenchFillReport fill_for_bench(Store& store, const BenchFillOptions& options);

}  // namespace rs::store
