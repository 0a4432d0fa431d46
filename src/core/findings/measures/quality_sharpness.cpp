// quality.sharpness: variance of the Laplacian over the face, after resampling the face so the
// inter-eye distance is a fixed number of pixels (params.ied_px); the value then does not depend
// on how large the face is in the photo.
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr int kMinFacePx = 64;  // face rectangle area below which sharpness is not judged
constexpr int kLaplacian = 3;   // aperture of the Laplacian whose variance is the value

class Sharpness final : public Measure {
 public:
  std::string_view id() const override { return "quality.sharpness"; }
  std::string_view unit() const override { return "score"; }
  std::string_view reason() const override { return "BLURRED"; }
  std::vector<std::string_view> params() const override { return {"ied_px"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const cv::Rect r = ctx.face_rect();
    if (r.area() < kMinFacePx) return not_assessed(rule, Cause::FaceTooSmall);
    const double scale = rule.param("ied_px") / std::max(1.0, ctx.frame().ied);
    cv::Mat face, lap;
    cv::resize(ctx.grey()(r), face, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat mask;
    cv::resize(ctx.skin_mask()(r), mask, face.size(), 0, 0, cv::INTER_NEAREST);
    cv::Laplacian(face, lap, CV_16S, kLaplacian);
    // The whole face rectangle (eyes, brows and lips carry the detail), not just the skin.
    cv::Scalar mean, sd;
    cv::meanStdDev(lap, mean, sd);
    const double v = sd[0] * sd[0];
    Finding f = judged(rule, v);
    f.geometry.push_back(rect_shape(r, fmt(v, 0)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_sharpness() { return std::make_unique<Sharpness>(); }
}  // namespace rs::findings
