#include "core/bench/bench_findings.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "core/findings/engine.hpp"

namespace rs::bench {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t rank = std::size_t(std::ceil(p * double(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

FindingsFigures measure_findings(const findings::Engine& engine, const std::vector<std::vector<std::uint8_t>>& photos,
                                 int rounds, int threads) {
  using clock = std::chrono::steady_clock;
  FindingsFigures f;
  f.photos = int(photos.size());
  std::vector<double> ms;
  for (int r = 0; r < rounds; ++r)
    for (const auto& p : photos) {
      auto t0 = clock::now();
      auto a = engine.analyse(p, "id_card");
      ms.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
      (void)a;
    }
  f.findings_ms_p50 = percentile(ms, 0.50);
  f.findings_ms_p95 = percentile(ms, 0.95);

  // Batch: every photo `rounds` times, shared out over the threads.
  std::atomic<std::size_t> next{0};
  std::size_t total = photos.size() * std::size_t(rounds);
  auto t0 = clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (std::size_t i; (i = next++) < total;) engine.analyse(photos[i % photos.size()], "id_card");
    });
  for (auto& th : pool) th.join();
  double secs = std::chrono::duration<double>(clock::now() - t0).count();
  f.check_photos_per_s = secs > 0 ? double(total) / secs : 0;
  return f;
}

}  // namespace rs::bench
