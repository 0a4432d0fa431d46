// glasses.present: a lens rim is a thin dark loop around the eye. The face is levelled and scaled
// so the eyes sit a fixed distance apart (PhotoContext::levelled); around each eye, elliptical loops of lens
// sizes are tried, and on each the dark-line contrast (grey just inside and just outside the loop
// minus the grey on it) is taken at 48 angles. A rim makes a large part of its loop darker than
// both sides; skin shading does not, and brows or lid creases cover only a short arc. The loop's
// score is a high percentile of its contrasts (params.percentile: the share of the loop that must
// be ridged is 1 minus it), over the skin's grey so dark and pale photos read alike.
// Value: the weaker eye's best loop. A heuristic that warns: people who always wear glasses may.
// Every pair of glasses also has a bridge over the nose between the lenses; a bare face has a
// smooth nose root there. Lids of squinting or laughing eyes, eye bags and a hat's brim or brows
// close dark loops too (real photos: a child laughing, a knitted bonnet, 0.18-0.22), so a loop
// without a bridge (a dark line across the nose root, params.bridge_min over the skin's grey)
// warns only when it is as strong as rims alone make it (params.loop_alone).
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
// The bridge is looked for in a column kBridgeHalf either side of the eyes' midpoint (the nose
// root, inside the inner eye corners), from kBridgeAbove above to kBridgeBelow below the eye line
// (bridges sit at the upper rims or lower), in kBridgeStrips strips that must all be ridged at the
// same row: a straight line across the nose, not a wrinkle or a shadow on one side of it.
constexpr double kBridgeHalf = 0.12, kBridgeAbove = 0.45, kBridgeBelow = 0.15;
constexpr int kBridgeStrips = 3;

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

// The strongest row of dark line across the nose root: at each row, the weakest strip's contrast
// (the mean grey kRidgeSide rows above and below, minus the row's); the row's place for drawing.
double bridge(const cv::Mat& g, cv::Point eye_mid, int* at_row) {
  const double u = LevelledFace::kIed;
  const int strip = std::max(1, cvRound(2 * kBridgeHalf * u / kBridgeStrips));
  const int x0 = cvRound(eye_mid.x - kBridgeHalf * u), d = cvRound(kRidgeSide);
  const int top = std::max(d, cvRound(eye_mid.y - kBridgeAbove * u));
  const int bottom = std::min(g.rows - 1 - d, cvRound(eye_mid.y + kBridgeBelow * u));
  if (x0 < 0 || x0 + kBridgeStrips * strip > g.cols) return 0;
  double best = -1e9;
  for (int y = top; y <= bottom; ++y) {
    double weakest = 1e9;
    for (int s = 0; s < kBridgeStrips; ++s) {
      auto row_mean = [&](int yy) { return cv::mean(g(cv::Rect(x0 + s * strip, yy, strip, 1)))[0]; };
      weakest = std::min(weakest, (row_mean(y - d) + row_mean(y + d)) / 2 - row_mean(y));
    }
    if (weakest > best) {
      best = weakest;
      *at_row = y;
    }
  }
  return std::max(0.0, best);
}

class GlassesPresent final : public Measure {
 public:
  std::string_view id() const override { return "glasses.present"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  std::vector<std::string_view> params() const override { return {"percentile", "bridge_min", "loop_alone"}; }
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
    int row = lf.eye_mid.y;
    const double nose = bridge(g, lf.eye_mid, &row) / skin;
    Finding f = judged(rule, weaker);
    if (f.verdict != Verdict::Pass && nose < rule.param("bridge_min") && weaker < rule.param("loop_alone")) {
      f.verdict = Verdict::Pass;
      f.score = 60;  // the edge of the pass band: passed on the missing bridge, not on the loops
      f.detail = "dark loops round the eyes but no bridge over the nose (" + fmt(nose, 3) +
                 "): lids, creases or brows, not rims";
    }
    const double half_bridge = kBridgeHalf * LevelledFace::kIed;
    shapes.push_back(line_shape(lf.to_photo({lf.eye_mid.x - half_bridge, double(row)}),
                                lf.to_photo({lf.eye_mid.x + half_bridge, double(row)}), fmt(nose, 2)));
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
