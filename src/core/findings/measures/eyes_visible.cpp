// eyes.visible: contrast inside the eye outlines (iris and sclera); hair, a hand or dark lenses
// over the eyes flatten it. Value: (90th - 10th percentile grey) / skin grey, the lower eye.
#include <algorithm>

#include "core/findings/measure.hpp"
#include "core/findings/measures/eye_support.hpp"

namespace rs::findings {
namespace {
class EyesVisible final : public EyeMeasure {
 public:
  std::string_view id() const override { return "eyes.visible"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "FEATURES_HIDDEN"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    return judge_worse_eye(
        ctx, rule, 0.5, WorseEye::Lower, [&](const EyePatch& e) { return contrast(ctx, e); },
        [](double v) { return fmt(v, 2); });
  }

 private:
  static double contrast(const PhotoContext& ctx, const EyePatch& e) {
    const cv::Mat inside = polygon_mask(e.box, e.outline, 0.9);
    const cv::Mat grey = ctx.grey()(e.box);
    std::vector<std::uint8_t> v;
    for (int y = 0; y < e.box.height; ++y)
      for (int x = 0; x < e.box.width; ++x)
        if (inside.at<std::uint8_t>(y, x)) v.push_back(grey.at<std::uint8_t>(y, x));
    if (v.size() < 5) return 0;
    std::sort(v.begin(), v.end());
    // Normalised by the skin's grey so that a dark or pale photo reads alike.
    const double skin = ctx.skin().valid ? lab_L(ctx.skin().mean[0]) * 2.55 : 150;
    return (v[v.size() * 9 / 10] - v[v.size() / 10]) / std::max(20.0, skin);
  }
};
}  // namespace
std::unique_ptr<Measure> make_eyes_visible() { return std::make_unique<EyesVisible>(); }
}  // namespace rs::findings
