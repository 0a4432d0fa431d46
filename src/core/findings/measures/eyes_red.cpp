// eyes.red: share of the pixels inside the eye outlines that are strongly red (flash red-eye),
// the worse eye. params.red_ratio: how much the red channel must exceed green and blue.
#include <algorithm>

#include "core/findings/measure.hpp"
#include "core/findings/measures/eye_support.hpp"

namespace rs::findings {
namespace {
class EyesRed final : public Measure {
 public:
  std::string_view id() const override { return "eyes.red"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "LIGHTING"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto eyes = eye_patches(ctx, 0.5);
    if (!eyes) return not_assessed(rule, "eyes too small");
    double worst = 0;
    std::vector<Shape> shapes;
    for (const EyePatch& e : *eyes) {
      const double v = red_share(ctx, e, rule.param("red_ratio", 1.8));
      worst = std::max(worst, v);
      shapes.push_back(rect_shape(e.box, fmt(v * 100, 1) + "%"));
    }
    Finding f = judged(rule, worst);
    f.geometry = std::move(shapes);
    return f;
  }

 private:
  static double red_share(const PhotoContext& ctx, const EyePatch& e, double ratio) {
    const cv::Mat inside = polygon_mask(e.box, e.outline, 0.9);
    const cv::Mat bgr = ctx.bgr()(e.box);
    long n = 0, hits = 0;
    for (int y = 0; y < e.box.height; ++y)
      for (int x = 0; x < e.box.width; ++x) {
        if (!inside.at<std::uint8_t>(y, x)) continue;
        ++n;
        const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
        hits += p[2] > 120 && p[2] > ratio * p[1] && p[2] > ratio * p[0];
      }
    return n ? double(hits) / n : 0;
  }
};
}  // namespace
std::unique_ptr<Measure> make_eyes_red() { return std::make_unique<EyesRed>(); }
}  // namespace rs::findings
