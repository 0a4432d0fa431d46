// background.spread: how far the wall's colour wanders. A gradient backdrop or a coloured light
// across the wall is followed by the background flood step by step (background.uniformity passes
// it), yet the wall is not one colour. Value: the 90th percentile of the clean background pixels'
// CIELAB distance (ΔE76) from their median colour.
#include <algorithm>
#include <cmath>

#include "core/findings/colour.hpp"
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr std::size_t kMinPixels = 30;  // clean background pixels (the map's small copy) for a spread

class BackgroundSpread final : public Measure {
 public:
  std::string_view id() const override { return "background.spread"; }
  std::string_view unit() const override { return "ΔE"; }
  std::string_view reason() const override { return "BACKGROUND"; }
  std::vector<std::string_view> params() const override { return {"percentile"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const BackgroundMap& bg = ctx.background();
    const cv::Mat clean = bg.clean();
    std::vector<cv::Vec3b> px;
    for (int y = 0; y < clean.rows; ++y)
      for (int x = 0; x < clean.cols; ++x)
        if (clean.at<std::uint8_t>(y, x)) px.push_back(bg.lab.at<cv::Vec3b>(y, x));
    if (px.size() < kMinPixels) return not_assessed(rule, Cause::NoBackgroundAroundHead);
    const cv::Vec3b med = channel_medians(px);
    std::vector<double> d;
    d.reserve(px.size());
    for (const auto& p : px) d.push_back(lab_distance(p, med));
    const auto nth = d.begin() + static_cast<std::ptrdiff_t>(rule.param("percentile") * (d.size() - 1));
    std::nth_element(d.begin(), nth, d.end());
    Finding f = judged(rule, *nth);
    f.detail =
        "median L* " + fmt(lab_L(med[0]), 0) + ", a* " + fmt(lab_ab(med[1]), 1) + ", b* " + fmt(lab_ab(med[2]), 1);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_background_spread() { return std::make_unique<BackgroundSpread>(); }
}  // namespace rs::findings
