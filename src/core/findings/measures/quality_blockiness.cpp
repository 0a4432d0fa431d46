// quality.blockiness: JPEG 8x8 block edges. Mean absolute grey step across block boundaries over
// the mean step inside blocks, both directions, over the face (where there is detail); 1 = none.
#include <algorithm>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
// JPEG's 8x8 blocks: a step between columns (rows) x and x + 1 with x % 8 == 7 crosses a block edge.
constexpr int kBlockMask = 7;
constexpr double kMinInsideStep = 0.05;  // grey: the divisor's floor on a perfectly flat face

class Blockiness final : public Measure {
 public:
  std::string_view id() const override { return "quality.blockiness"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "BLURRED"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const cv::Rect r = ctx.face_rect();
    const cv::Mat& g = ctx.grey();
    double at_edge = 0, inside = 0;
    long n_edge = 0, n_inside = 0;
    for (int y = r.y; y < r.y + r.height - 1; ++y) {
      const auto* row = g.ptr<std::uint8_t>(y);
      const auto* below = g.ptr<std::uint8_t>(y + 1);
      for (int x = r.x; x < r.x + r.width - 1; ++x) {
        const int dh = std::abs(row[x + 1] - row[x]), dv = std::abs(below[x] - row[x]);
        ((x & kBlockMask) == kBlockMask ? at_edge : inside) += dh;
        ++((x & kBlockMask) == kBlockMask ? n_edge : n_inside);
        ((y & kBlockMask) == kBlockMask ? at_edge : inside) += dv;
        ++((y & kBlockMask) == kBlockMask ? n_edge : n_inside);
      }
    }
    if (!n_edge || !n_inside) return not_assessed(rule, Cause::FaceTooSmall);
    const double v = (at_edge / n_edge) / std::max(kMinInsideStep, inside / n_inside);
    Finding f = judged(rule, v);
    f.geometry.push_back(rect_shape(r, fmt(v, 2)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_blockiness() { return std::make_unique<Blockiness>(); }
}  // namespace rs::findings
