// background.uniformity: share of the expected background around the head (beside and above it)
// that a gentle flood fill from the top corners reaches. A plain wall, even with a soft vignette,
// is reached everywhere; a scene, objects or a border stop the flood. Long hair spread beside the
// face is not background: unreached pixels within params.hair_tolerance of the hair's colour
// (hair_colour, when the head top was found) leave the count (ppp_003: hair to the frame's edges).
#include <opencv2/imgproc.hpp>

#include "core/findings/colour.hpp"
#include "core/findings/measure.hpp"
#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
constexpr int kMinPrior = 50;               // expected background pixels (the map's small copy) to judge
constexpr double kMinOutlinedArea = 0.002;  // unreached parts smaller than this share of it are not outlined
constexpr double kHeatCellPx = 8;           // photo px per cell of the heat-map layer

class BackgroundUniformity final : public Measure {
 public:
  std::string_view id() const override { return "background.uniformity"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "BACKGROUND"; }
  std::vector<std::string_view> params() const override { return {"hair_tolerance", "map_full_scale"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const BackgroundMap& bg = ctx.background();
    if (cv::countNonZero(bg.prior) < kMinPrior) return not_assessed(rule, Cause::NoBackgroundAroundHead);
    cv::Mat missed;
    cv::bitwise_and(bg.prior, ~bg.flood, missed);
    long expected = cv::countNonZero(bg.prior), hair = 0;
    if (const auto colour = hair_colour(ctx)) {
      const double tolerance = rule.param("hair_tolerance");
      for (int y = 0; y < missed.rows; ++y)
        for (int x = 0; x < missed.cols; ++x)
          if (missed.at<std::uint8_t>(y, x) &&
              lab_distance(bg.lab.at<cv::Vec3b>(y, x), *colour, kHairLightness) < tolerance) {
            missed.at<std::uint8_t>(y, x) = 0;
            ++hair;
          }
    }
    expected -= hair;
    const double v = expected > 0 ? 1.0 - static_cast<double>(cv::countNonZero(missed)) / expected : 0;
    Finding f = judged(rule, v);
    // Outline the parts of the expected background the flood did not reach.
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(missed, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    for (const auto& c : contours) {
      if (cv::contourArea(c) < kMinOutlinedArea * bg.prior.total()) continue;
      std::vector<Point> pts;
      for (const auto& p : c) pts.push_back({float(p.x / bg.scale), float(p.y / bg.scale)});
      pts.push_back(pts.front());
      f.geometry.push_back(polyline_shape(std::move(pts)));
    }
    f.detail = bg.seeds_agree ? "" : "the top corners differ; flood seeded from the brighter one";
    // Heat map: colour distance from the wall's colour over the expected background; ΔE
    // params.map_full_scale is full colour (what the reviewer sees, not a judgement).
    const float full_scale = float(rule.param("map_full_scale"));
    cv::Mat dev(bg.lab.size(), CV_32F, cv::Scalar(0));
    for (int y = 0; y < dev.rows; ++y)
      for (int x = 0; x < dev.cols; ++x)
        if (bg.prior.at<std::uint8_t>(y, x))
          dev.at<float>(y, x) =
              std::min(1.0f, static_cast<float>(lab_distance(bg.lab.at<cv::Vec3b>(y, x), bg.seed_lab)) / full_scale);
    f.map = heat_map(dev, cv::Rect2d(0, 0, ctx.size().width, ctx.size().height), kHeatCellPx);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_background_uniformity() { return std::make_unique<BackgroundUniformity>(); }
}  // namespace rs::findings
