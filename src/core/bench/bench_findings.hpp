#pragma once
// Rule-engine speed on spec-geometry photos.
#include <cstdint>
#include <vector>
#include "core/util/percentile.hpp"

namespace rs::findings {
class Engine;
}

namespace rs::bench {

struct FindingsFigures {
  double findings_ms_p50 = 0, findings_ms_p95 = 0;  // one photo, one thread, model loaded
  double check_photos_per_s = 0;                    // batch over `threads` threads
  double engine_load_ms = 0;
  int photos = 0;
};

FindingsFigures measure_findings(const findings::Engine& engine, const std::vector<std::vector<std::uint8_t>>& photos,
                                 int rounds, int threads);

using rs::percentile;  // nearest rank (util/percentile.hpp), as every figure of `bench`

}  // namespace rs::bench
