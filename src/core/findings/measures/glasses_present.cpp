// glasses.present: a lens rim is a thin dark loop around the eye. The face is levelled and scaled
// so the eyes sit a fixed distance apart (PhotoContext::levelled); around each eye, elliptical loops of lens
// sizes are tried, and on each the dark-line contrast (grey just inside and just outside the loop
// minus the grey on it) is taken at 48 angles. A rim makes a large part of its loop darker than
// both sides; skin shading does not, and brows or lid creases cover only a short arc. The loop's
// score is a high percentile of its contrasts (params.percentile: the share of the loop that must
// be ridged is 1 minus it), over the skin's grey so dark and pale photos read alike.
// Value: the weaker eye's best loop. A heuristic that warns: people who always wear glasses may.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr int kAngles = 48;
// The lens loops tried about each eye, in levelled inter-eye distances: half widths from
// kMinHalfWidth to kMaxHalfWidth in kHalfWidthStep steps, heights of kShapes of the width, centres
// kCentreShifts below the eye (lenses sit a little above or below the pupil).
constexpr double kMinHalfWidth = 0.34, kMaxHalfWidth = 0.585, kHalfWidthStep = 0.04;
constexpr double kShapes[] = {0.6, 0.72, 0.85};
constexpr double kCentreShifts[] = {-0.08, 0.02, 0.12};
constexpr double kRidgeSide = 3;    // levelled px from the loop to the grey just inside and outside it
constexpr int kBlur = 3;            // px: the levelled face is smoothed, JPEG noise would read as tiny ridges
constexpr int kOutlinePoints = 24;  // the drawn loop

struct Loop {
  double cx = 0, cy = 0, a = 0, b = 0;  // centre and half axes in the levelled face
  double score = -1e9;
};

double grey_at(const cv::Mat& g, double x, double y) {
  return g.at<std::uint8_t>(std::clamp(cvRound(y), 0, g.rows - 1), std::clamp(cvRound(x), 0, g.cols - 1));
}

// The `pct` percentile of the loop's dark-line contrasts, `d` px to either side.
double ridge(const cv::Mat& g, const Loop& l, double d, double pct) {
  std::array<double, kAngles> c{};
  for (int k = 0; k < kAngles; ++k) {
    const double t = 2 * CV_PI * k / kAngles, ct = std::cos(t), st = std::sin(t);
    const double on = grey_at(g, l.cx + l.a * ct, l.cy + l.b * st);
    const double in = grey_at(g, l.cx + (l.a - d) * ct, l.cy + (l.b - d) * st);
    const double out = grey_at(g, l.cx + (l.a + d) * ct, l.cy + (l.b + d) * st);
    c[k] = (in + out) / 2 - on;
  }
  const auto nth = c.begin() + cvRound(pct * (kAngles - 1));
  std::nth_element(c.begin(), nth, c.end());
  return *nth;
}

// The best loop about an eye centre over lens widths, shapes and heights.
Loop best_loop(const cv::Mat& g, cv::Point2d eye, double pct) {
  const double u = LevelledFace::kIed;
  Loop best;
  for (double a = kMinHalfWidth; a <= kMaxHalfWidth; a += kHalfWidthStep)
    for (double shape : kShapes)
      for (double dy : kCentreShifts) {
        Loop l{eye.x, eye.y + dy * u, a * u, a * shape * u};
        l.score = ridge(g, l, kRidgeSide, pct);
        if (l.score > best.score) best = l;
      }
  return best;
}

class GlassesPresent final : public Measure {
 public:
  std::string_view id() const override { return "glasses.present"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  std::vector<std::string_view> params() const override { return {"percentile"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const LevelledFace& lf = ctx.levelled();
    if (lf.grey.empty()) return not_assessed(rule, Cause::EyesTooClose);
    cv::Mat g;
    cv::GaussianBlur(lf.grey, g, cv::Size(kBlur, kBlur), 0);
    const double skin = std::max(kMinSkinGrey, ctx.skin().grey());
    const double pct = rule.param("percentile"), half = LevelledFace::kIed / 2.0;
    double weaker = 1e9;
    std::vector<Shape> shapes;
    for (double side : {-1.0, 1.0}) {
      const Loop l = best_loop(g, {lf.eye_mid.x + side * half, double(lf.eye_mid.y)}, pct);
      const double v = l.score / skin;
      weaker = std::min(weaker, v);
      shapes.push_back(polyline_shape(outline(lf, l), fmt(v, 2)));
    }
    Finding f = judged(rule, weaker);
    f.geometry = std::move(shapes);
    return f;
  }

 private:
  static std::vector<Point> outline(const LevelledFace& lf, const Loop& l) {
    std::vector<Point> pts;
    for (int k = 0; k <= kOutlinePoints; ++k) {
      const double t = 2 * CV_PI * k / kOutlinePoints;
      pts.push_back(lf.to_photo({l.cx + l.a * std::cos(t), l.cy + l.b * std::sin(t)}));
    }
    return pts;
  }
};
}  // namespace
std::unique_ptr<Measure> make_glasses_present() { return std::make_unique<GlassesPresent>(); }
}  // namespace rs::findings
