// background.structure: what is on the wall besides a smooth fall of light. A plain wall lit from
// one side, a vignette or a studio gradient changes colour smoothly with position, and a quadratic
// in x and y follows it within a few ΔE (ppp_010's side light, wild_01's blue vignette: under 3).
// A room, a shelf, a lamp or a window is not smooth, even out of focus (wild_05's bar, wild_20's
// office: 10 to 15), and background.uniformity's flood still reaches such a scene step by step when
// it is blurred. Value: the params.percentile of the clean background pixels' ΔE76 from a
// least-squares quadratic of their position, per channel. background.spread judges the gradient
// itself; this rule judges what the gradient cannot explain.
#include <algorithm>
#include <cmath>

#include <opencv2/core.hpp>

#include "core/findings/colour.hpp"
#include "core/findings/measure.hpp"
#include "core/util/percentile.hpp"

namespace rs::findings {
namespace {
constexpr int kMinPixels = 60;        // clean background pixels (the map's small copy) for a fit of 6 terms
constexpr double kMapFullScale = 20;  // ΔE from the fit drawn at full colour in the heat map
constexpr double kHeatCellPx = 8;     // photo px per cell of the heat-map layer
constexpr int kTerms = 6;             // 1, u, v, u², uv, v²

// The clean pixels' positions (scaled to 0..1) as the rows of the quadratic's design matrix, and
// their colours in CIELAB units (L* 0-100, a*, b*).
void design(const BackgroundMap& bg, const cv::Mat& clean, cv::Mat& terms, cv::Mat& colours,
            std::vector<cv::Point>& where) {
  for (int y = 0; y < clean.rows; ++y)
    for (int x = 0; x < clean.cols; ++x)
      if (clean.at<std::uint8_t>(y, x)) where.push_back({x, y});
  terms.create(static_cast<int>(where.size()), kTerms, CV_64F);
  colours.create(static_cast<int>(where.size()), 3, CV_64F);
  for (int i = 0; i < terms.rows; ++i) {
    const double u = where[i].x / double(clean.cols), v = where[i].y / double(clean.rows);
    const double row[kTerms] = {1, u, v, u * u, u * v, v * v};
    std::copy(row, row + kTerms, terms.ptr<double>(i));
    const cv::Vec3b p = bg.lab.at<cv::Vec3b>(where[i]);
    colours.at<double>(i, 0) = lab_L(p[0]);
    colours.at<double>(i, 1) = lab_ab(p[1]);
    colours.at<double>(i, 2) = lab_ab(p[2]);
  }
}

class BackgroundStructure final : public Measure {
 public:
  std::string_view id() const override { return "background.structure"; }
  std::string_view unit() const override { return "ΔE"; }
  std::string_view reason() const override { return "BACKGROUND"; }
  std::vector<std::string_view> params() const override { return {"percentile"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const BackgroundMap& bg = ctx.background();
    const cv::Mat clean = bg.clean();
    cv::Mat terms, colours;
    std::vector<cv::Point> where;
    design(bg, clean, terms, colours, where);
    if (terms.rows < kMinPixels) return not_assessed(rule, Cause::NoBackgroundAroundHead);
    cv::Mat fit;
    cv::solve(terms, colours, fit, cv::DECOMP_SVD);
    const cv::Mat residual = terms * fit - colours;
    std::vector<double> off(static_cast<std::size_t>(residual.rows));
    cv::Mat strength(bg.lab.size(), CV_32F, cv::Scalar(0));
    for (int i = 0; i < residual.rows; ++i) {
      off[i] = cv::norm(residual.row(i));
      strength.at<float>(where[i]) = static_cast<float>(std::min(1.0, off[i] / kMapFullScale));
    }
    Finding f = judged(rule, percentile(std::move(off), rule.param("percentile")));
    // What the smooth light cannot explain, where it is on the wall.
    f.map = heat_map(strength, cv::Rect2d(0, 0, ctx.size().width, ctx.size().height), kHeatCellPx);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_background_structure() { return std::make_unique<BackgroundStructure>(); }
}  // namespace rs::findings
