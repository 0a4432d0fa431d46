// colour.cast: chroma (CIELAB) of the clean background when it is light: a white or grey wall
// should be neutral, so its chroma is the photo's colour cast.
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr int kMinPixels = 30;  // clean background pixels (the map's small copy) for a mean colour

class ColourCast final : public Measure {
 public:
  std::string_view id() const override { return "colour.cast"; }
  std::string_view unit() const override { return "ΔE"; }
  std::string_view reason() const override { return "LIGHTING"; }
  std::vector<std::string_view> params() const override { return {"min_L"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const BackgroundMap& bg = ctx.background();
    const cv::Mat clean = bg.clean();
    if (cv::countNonZero(clean) < kMinPixels) return not_assessed(rule, Cause::NoCleanBackground);
    const cv::Scalar m = cv::mean(bg.lab, clean);
    if (lab_L(m[0]) < rule.param("min_L")) return not_assessed(rule, Cause::BackgroundTooDark);
    const double a = lab_ab(m[1]), b = lab_ab(m[2]);
    Finding f = judged(rule, std::hypot(a, b));
    f.detail = "background a* " + fmt(a) + ", b* " + fmt(b);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_colour_cast() { return std::make_unique<ColourCast>(); }
}  // namespace rs::findings
