// background.shadow: lightness of the background right beside the head over the lightness further
// out; a shadow cast on the wall behind the head darkens the near ring.
#include <cmath>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr long kMinPixels = 20;      // in each ring (the map's small copy) for a mean lightness
constexpr int kOutlineStepDeg = 15;  // the near ring is drawn as a polyline of this step

class BackgroundShadow final : public Measure {
 public:
  std::string_view id() const override { return "background.shadow"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "BACKGROUND"; }
  std::vector<std::string_view> params() const override { return {"near", "far"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const BackgroundMap& bg = ctx.background();
    const double near_r = rule.param("near"), far_r = rule.param("far");
    // Only the clean background (reached by the flood): hair beside the head is not a shadow, while
    // a soft shadow on the wall is followed by the flood's small steps.
    const cv::Mat clean = bg.clean();
    double sum[2] = {0, 0};
    long n[2] = {0, 0};
    for (int y = 0; y < clean.rows; ++y)
      for (int x = 0; x < clean.cols; ++x) {
        if (!clean.at<std::uint8_t>(y, x)) continue;
        const double dx = (x - bg.head_centre.x) / bg.head_axes.width,
                     dy = (y - bg.head_centre.y) / bg.head_axes.height;
        const double r = std::sqrt(dx * dx + dy * dy);
        const int ring = r < near_r ? 0 : r > far_r ? 1 : -1;
        if (ring < 0) continue;
        sum[ring] += bg.lab.at<cv::Vec3b>(y, x)[0];
        ++n[ring];
      }
    if (n[0] < kMinPixels || n[1] < kMinPixels) return not_assessed(rule, Cause::TooLittleBackground);
    const double v = (sum[0] / n[0]) / std::max(1.0, sum[1] / n[1]);
    Finding f = judged(rule, v);
    const float s = static_cast<float>(1 / bg.scale);
    std::vector<Point> ring;
    for (int a = 0; a <= 360; a += kOutlineStepDeg) {
      const double t = a * M_PI / 180;
      ring.push_back({float((bg.head_centre.x + near_r * bg.head_axes.width * std::cos(t)) * s),
                      float((bg.head_centre.y + near_r * bg.head_axes.height * std::sin(t)) * s)});
    }
    f.geometry.push_back(polyline_shape(std::move(ring), fmt(v, 2)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_background_shadow() { return std::make_unique<BackgroundShadow>(); }
}  // namespace rs::findings
