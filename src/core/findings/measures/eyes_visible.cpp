// eyes.visible: contrast inside the eye outlines (iris and sclera); hair, a hand or dark lenses
// over the eyes flatten it. Value: (90th - 10th percentile grey) / skin grey, the lower eye. The
// skin grey is the face's, or the eye's own surroundings when a side light puts that eye in shadow
// (ppp_010: an open eye in deep shade, grey 44 around it against 167 on the lit cheek, read 0.14);
// surroundings darker than params.shadow_floor x the face's skin don't count (a uniform cover such
// as a dark lens has no contrast inside whatever it is divided by).
#include <algorithm>

#include "core/findings/measure.hpp"
#include "core/findings/measures/eye_support.hpp"

namespace rs::findings {
namespace {
constexpr double kPatchIed = 0.5;    // the eye patch's side, inter-eye distances
constexpr double kInsideGrow = 0.9;  // inside: the outline shrunk a little (lids and lashes stay out)
constexpr double kNearGrow = 1.8;    // the eye's surroundings start outside the outline grown this much
constexpr std::size_t kMinInside = 5, kMinAround = 20;  // pixels for the percentiles and for the surroundings' median
constexpr double kMinSkin = 20;  // the divisor's floor (grey): a black patch has no contrast to speak of

class EyesVisible final : public EyeMeasure {
 public:
  std::string_view id() const override { return "eyes.visible"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "FEATURES_HIDDEN"; }
  std::vector<std::string_view> params() const override { return {"shadow_floor"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    return judge_worse_eye(
        ctx, rule, kPatchIed, WorseEye::Lower,
        [&](const EyePatch& e) { return contrast(ctx, e, rule.param("shadow_floor")); },
        [](double v) { return fmt(v, 2); });
  }

 private:
  static double contrast(const PhotoContext& ctx, const EyePatch& e, double shadow_floor) {
    const cv::Mat inside = polygon_mask(e.box, e.outline, kInsideGrow);
    const cv::Mat near = polygon_mask(e.box, e.outline, kNearGrow);
    const cv::Mat grey = ctx.grey()(e.box);
    std::vector<std::uint8_t> v, around;
    for (int y = 0; y < e.box.height; ++y)
      for (int x = 0; x < e.box.width; ++x) {
        if (inside.at<std::uint8_t>(y, x))
          v.push_back(grey.at<std::uint8_t>(y, x));
        else if (!near.at<std::uint8_t>(y, x))
          around.push_back(grey.at<std::uint8_t>(y, x));  // lids, cheek, brow
      }
    if (v.size() < kMinInside) return 0;
    std::sort(v.begin(), v.end());
    // Normalised by the skin's grey so that a dark or pale photo reads alike.
    double skin = ctx.skin().grey();
    if (around.size() >= kMinAround) {
      std::nth_element(around.begin(), around.begin() + around.size() / 2, around.end());
      const double shade = around[around.size() / 2];
      if (shade < skin && shade >= shadow_floor * skin) skin = shade;
    }
    return (v[v.size() * 9 / 10] - v[v.size() / 10]) / std::max(kMinSkin, skin);  // 90th - 10th percentile
  }
};
}  // namespace
std::unique_ptr<Measure> make_eyes_visible() { return std::make_unique<EyesVisible>(); }
}  // namespace rs::findings
