// background.colour: CIELAB distance (ΔE76) of the clean background's mean colour from the spec's
// target (params L, a, b; white for the ID card).
#include <opencv2/imgproc.hpp>

#include "core/findings/colour.hpp"
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
// Pixels (of the background map's small copy) a mean colour needs; with fewer clean ones the whole
// expected background is used, with fewer of those the colour is not judged.
constexpr int kMinPixels = 30;

class BackgroundColour final : public Measure {
 public:
  std::string_view id() const override { return "background.colour"; }
  std::string_view unit() const override { return "ΔE"; }
  std::string_view reason() const override { return "BACKGROUND"; }
  std::vector<std::string_view> params() const override { return {"L", "a", "b"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const BackgroundMap& bg = ctx.background();
    cv::Mat region = bg.clean();
    if (cv::countNonZero(region) < kMinPixels) region = bg.prior;
    if (cv::countNonZero(region) < kMinPixels) return not_assessed(rule, Cause::NoBackgroundAroundHead);
    const cv::Scalar m = cv::mean(bg.lab, region);
    const double L = lab_L(m[0]), a = lab_ab(m[1]), b = lab_ab(m[2]);
    const double dE = lab_distance({L, a, b}, {rule.param("L"), rule.param("a"), rule.param("b")}, kDeltaE76OfCielab);
    Finding f = judged(rule, dE);
    f.detail = "L* " + fmt(L, 0) + ", a* " + fmt(a, 1) + ", b* " + fmt(b, 1);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_background_colour() { return std::make_unique<BackgroundColour>(); }
}  // namespace rs::findings
