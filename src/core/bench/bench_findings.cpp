#include "core/bench/bench_findings.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/findings/engine.hpp"
#include "core/util/parallel.hpp"

namespace rs::bench {

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
  std::size_t total = photos.size() * std::size_t(rounds);
  auto t0 = clock::now();
  util::for_each_index(total, threads, [&](std::size_t i) { engine.analyse(photos[i % photos.size()], "id_card"); });
  double secs = std::chrono::duration<double>(clock::now() - t0).count();
  f.check_photos_per_s = secs > 0 ? double(total) / secs : 0;
  return f;
}

}  // namespace rs::bench
