// eyes.red: share of the pixels of the pupil area (inside the eye outline and within
// params.pupil_radius inter-eye distances of the eye centre) that are strongly red (flash red-eye),
// the worse eye. Only the pupil: reddish lids and lid margins at the outline's corners are normal.
// A pixel counts when its red channel exceeds green and blue by params.red_ratio and it is redder
// than the face's skin by params.above_skin_a (CIELAB a*): warm, saturated skin around the eye
// passes the channel ratio alone.
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"
#include "core/findings/measures/eye_support.hpp"

namespace rs::findings {
namespace {
constexpr double kPatchIed = 0.5;    // the eye patch's side, inter-eye distances
constexpr double kInsideGrow = 0.9;  // the eye outline shrunk a little: lids and lashes stay out
constexpr int kMinRed = 120;         // a red-eye pixel's red channel (8-bit): dark red irises are not flash red-eye

class EyesRed final : public EyeMeasure {
 public:
  std::string_view id() const override { return "eyes.red"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "LIGHTING"; }
  std::vector<std::string_view> params() const override { return {"above_skin_a", "red_ratio", "pupil_radius"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const double min_a = ctx.skin().valid ? ctx.skin().mean[1] + rule.param("above_skin_a") : 0;
    const double ratio = rule.param("red_ratio"), radius = rule.param("pupil_radius") * ctx.frame().ied;
    return judge_worse_eye(
        ctx, rule, kPatchIed, WorseEye::Higher,
        [&](const EyePatch& e) { return red_share(ctx, e, ratio, radius, min_a); },
        [](double v) { return fmt(v * 100, 1) + "%"; });
  }

 private:
  static double red_share(const PhotoContext& ctx, const EyePatch& e, double ratio, double radius, double min_a) {
    cv::Mat inside = polygon_mask(e.box, e.outline, kInsideGrow);
    cv::Mat pupil = cv::Mat::zeros(inside.size(), CV_8U);
    cv::circle(pupil, cv::Point(cvRound(e.centre.x), cvRound(e.centre.y)), std::max(1, cvRound(radius)),
               cv::Scalar(255), cv::FILLED);
    inside &= pupil;
    const cv::Mat bgr = ctx.bgr()(e.box), lab = ctx.lab()(e.box);
    long n = 0, hits = 0;
    for (int y = 0; y < e.box.height; ++y)
      for (int x = 0; x < e.box.width; ++x) {
        if (!inside.at<std::uint8_t>(y, x)) continue;
        ++n;
        const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
        hits += p[2] > kMinRed && p[2] > ratio * p[1] && p[2] > ratio * p[0] && lab.at<cv::Vec3b>(y, x)[1] > min_a;
      }
    return n ? double(hits) / n : 0;
  }
};
}  // namespace
std::unique_ptr<Measure> make_eyes_red() { return std::make_unique<EyesRed>(); }
}  // namespace rs::findings
