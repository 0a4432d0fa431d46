// lighting.uniformity: mean grey of the face's two halves (split along the nose-chin line),
// darker over brighter; 1 = evenly lit. A strong side light gives a half-face shadow.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr long kMinHalf = 20;  // skin pixels each half needs for a mean

class Uniformity final : public Measure {
 public:
  std::string_view id() const override { return "lighting.uniformity"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "FACE_SHADOW"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& lm = ctx.face().landmarks;
    const Point top = lm[27], bottom = lm[8];
    const double slope = (bottom.x - top.x) / std::max(1.0f, bottom.y - top.y);
    const cv::Rect r = ctx.face_rect();
    double sum[2] = {0, 0};
    long n[2] = {0, 0};
    for (int y = r.y; y < r.y + r.height; ++y) {
      const auto* g = ctx.grey().ptr<std::uint8_t>(y);
      const auto* m = ctx.skin_mask().ptr<std::uint8_t>(y);
      const double split = top.x + (y - top.y) * slope;
      for (int x = r.x; x < r.x + r.width; ++x) {
        if (!m[x]) continue;
        const int side = x < split ? 0 : 1;
        sum[side] += g[x];
        ++n[side];
      }
    }
    if (n[0] < kMinHalf || n[1] < kMinHalf) return not_assessed(rule, Cause::HalfFaceHidden);
    const double a = sum[0] / n[0], b = sum[1] / n[1];
    const double v = std::min(a, b) / std::max(1.0, std::max(a, b));
    Finding f = judged(rule, v);
    f.detail = "left half " + fmt(a, 0) + ", right half " + fmt(b, 0) + " (image sides)";
    f.geometry.push_back(line_shape(top, bottom, fmt(v, 2)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_uniformity() { return std::make_unique<Uniformity>(); }
}  // namespace rs::findings
