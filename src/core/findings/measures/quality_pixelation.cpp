// quality.pixelation: share of neighbouring face pixels (right and below) with exactly the same
// colour. A natural photo has few; one enlarged with nearest-neighbour has most.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class Pixelation final : public Measure {
 public:
  std::string_view id() const override { return "quality.pixelation"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "BLURRED"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const cv::Rect r = ctx.face_rect();
    const cv::Mat& c = ctx.bgr();
    long same = 0, n = 0;
    for (int y = r.y; y < r.y + r.height - 1; ++y) {
      const auto* row = c.ptr<cv::Vec3b>(y);
      const auto* below = c.ptr<cv::Vec3b>(y + 1);
      for (int x = r.x; x < r.x + r.width - 1; ++x) {
        same += (row[x] == row[x + 1]) + (row[x] == below[x]);
        n += 2;
      }
    }
    if (!n) return not_assessed(rule, Cause::FaceTooSmall);
    const double v = static_cast<double>(same) / n;
    Finding f = judged(rule, v);
    f.geometry.push_back(rect_shape(r, fmt(v * 100, 0) + "%"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_pixelation() { return std::make_unique<Pixelation>(); }
}  // namespace rs::findings
