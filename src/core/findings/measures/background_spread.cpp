// background.spread: how far the wall's colour wanders. A gradient backdrop or a coloured light
// across the wall is followed by the background flood step by step (background.uniformity passes
// it), yet the wall is not one colour. Value: the 90th percentile of the clean background pixels'
// CIELAB distance (ΔE76) from their median colour.
#include <algorithm>
#include <cmath>

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
    if (px.size() < kMinPixels) return not_assessed(rule, "no background visible around the head");
    const cv::Vec3f med = median(px);
    std::vector<double> d;
    d.reserve(px.size());
    for (const auto& p : px) {
      const double dl = lab_L(p[0]) - lab_L(med[0]), da = p[1] - med[1], db = p[2] - med[2];
      d.push_back(std::sqrt(dl * dl + da * da + db * db));
    }
    const auto nth = d.begin() + static_cast<std::ptrdiff_t>(rule.param("percentile") * (d.size() - 1));
    std::nth_element(d.begin(), nth, d.end());
    Finding f = judged(rule, *nth);
    f.detail = "median L* " + fmt(lab_L(med[0]), 0) + ", a* " + fmt(lab_ab(med[1]), 1) + ", b* " + fmt(lab_ab(med[2]), 1);
    return f;
  }

 private:
  static cv::Vec3f median(const std::vector<cv::Vec3b>& px) {
    cv::Vec3f out;
    std::vector<std::uint8_t> c(px.size());
    for (int k = 0; k < 3; ++k) {
      for (std::size_t i = 0; i < px.size(); ++i) c[i] = px[i][k];
      std::nth_element(c.begin(), c.begin() + c.size() / 2, c.end());
      out[k] = c[c.size() / 2];
    }
    return out;
  }
};
}  // namespace
std::unique_ptr<Measure> make_background_spread() { return std::make_unique<BackgroundSpread>(); }
}  // namespace rs::findings
