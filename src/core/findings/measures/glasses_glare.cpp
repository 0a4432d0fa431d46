// glasses.glare: share of near-white pixels around each eye but outside its (grown) outline, where
// flash reflections on lenses sit; the worse eye. params.min_grey: what counts as near-white.
#include <algorithm>

#include "core/findings/measure.hpp"
#include "core/findings/measures/eye_support.hpp"

namespace rs::findings {
namespace {
constexpr double kPatchIed = 0.75;  // the patch around each eye, inter-eye distances: a lens's size
constexpr double kEyeGrow = 1.6;    // the eye itself (sclera, catch lights) is its outline grown this much

class GlassesGlare final : public EyeMeasure {
 public:
  std::string_view id() const override { return "glasses.glare"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "FACE_GLARE"; }
  std::vector<std::string_view> params() const override { return {"min_grey"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const double min_grey = rule.param("min_grey");
    return judge_worse_eye(
        ctx, rule, kPatchIed, WorseEye::Higher, [&](const EyePatch& e) { return white_share(ctx, e, min_grey); },
        [](double v) { return fmt(v * 100, 1) + "%"; });
  }

 private:
  static double white_share(const PhotoContext& ctx, const EyePatch& e, double min_grey) {
    // The eye itself (sclera, catch lights) is white by nature: only the lens area around it counts.
    const cv::Mat inside = polygon_mask(e.box, e.outline, kEyeGrow);
    const cv::Mat grey = ctx.grey()(e.box);
    long n = 0, hits = 0;
    for (int y = 0; y < e.box.height; ++y)
      for (int x = 0; x < e.box.width; ++x) {
        if (inside.at<std::uint8_t>(y, x)) continue;
        ++n;
        hits += grey.at<std::uint8_t>(y, x) >= min_grey;
      }
    return n ? double(hits) / n : 0;
  }
};
}  // namespace
std::unique_ptr<Measure> make_glasses_glare() { return std::make_unique<GlassesGlare>(); }
}  // namespace rs::findings
