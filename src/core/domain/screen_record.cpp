#include "core/domain/screen_record.hpp"

#include <cmath>
#include <cstdio>

namespace rs {

std::string screen_record_text(const ScreenRecord& r) {
  const int flags = (r.mirrored ? 1 : 0) | (r.loupe ? 2 : 0) | (r.compare_previous ? 4 : 0);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%u,%u,%d,%.17g,%.17g,%.17g", r.overlays, r.layers, flags, r.zoom, r.centre_x,
                r.centre_y);
  return buf;
}

std::optional<std::string> screen_record_problem(const ScreenRecord& r) {
  if (r.overlays & ~screen_bits::kAllOverlays) return "overlay bits " + std::to_string(r.overlays) + " name no overlay";
  if (r.layers & ~screen_bits::kAllLayers) return "layer bits " + std::to_string(r.layers) + " name no layer";
  if (!std::isfinite(r.zoom) || r.zoom <= 0 || r.zoom > 10'000)
    return "zoom " + std::to_string(r.zoom) + " is not usable";
  // The view may be panned off the photo's edge a little, never to somewhere unrelated.
  auto bad = [](double v) { return !std::isfinite(v) || v < -1 || v > 2; };
  if (bad(r.centre_x) || bad(r.centre_y)) return "the view's centre lies far outside the photo";
  return std::nullopt;
}

}  // namespace rs
