// quality.sharpness: how much of the face's contrast lies in its finest detail: the variance of
// the Laplacian over the variance of the grey, over the face rectangle, after resampling the face
// so the inter-eye distance is params.ied_px. Resampled, the value does not depend on how large
// the face is; divided by the face's own contrast, it does not depend on the exposure either (the
// Laplacian's variance alone fell with the light, so a dark but sharp photo read as blurred).
// A face with fewer than params.min_ied_px between the eyes fails whatever it measures: the crop
// into the document's frame (about 90 px between the eyes) enlarges it about three times or more,
// which blurs it, and the measure's resampling hides that.
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr int kMinFacePx = 64;  // face rectangle area below which sharpness is not judged
constexpr int kLaplacian = 3;   // aperture of the Laplacian

class Sharpness final : public Measure {
 public:
  std::string_view id() const override { return "quality.sharpness"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "BLURRED"; }
  std::vector<std::string_view> params() const override { return {"ied_px", "min_ied_px"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const cv::Rect r = ctx.face_rect();
    if (r.area() < kMinFacePx) return not_assessed(rule, Cause::FaceTooSmall);
    const double ied = ctx.frame().ied;
    const double scale = rule.param("ied_px") / std::max(1.0, ied);
    cv::Mat face, lap;
    cv::resize(ctx.grey()(r), face, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Laplacian(face, lap, CV_16S, kLaplacian);
    // The whole face rectangle (eyes, brows and lips carry the detail), not just the skin.
    cv::Scalar mean, lap_sd, grey_sd;
    cv::meanStdDev(lap, mean, lap_sd);
    cv::meanStdDev(face, mean, grey_sd);
    // A flat grey face (under one grey level of spread) has no detail at all: read as unsharp.
    const double v = (lap_sd[0] * lap_sd[0]) / std::max(1.0, grey_sd[0] * grey_sd[0]);
    Finding f = judged(rule, v);
    if (ied < rule.param("min_ied_px")) {
      f.verdict = Verdict::Fail;
      f.detail = fmt(ied, 0) + " px between the eyes (fewer than " + fmt(rule.param("min_ied_px"), 0) +
                 "): too few pixels for a sharp face at the document's size";
    }
    f.geometry.push_back(rect_shape(r, fmt(v, 2)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_sharpness() { return std::make_unique<Sharpness>(); }
}  // namespace rs::findings
