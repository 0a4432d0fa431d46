// face.occlusion: share of the lower face (cheeks, nose, chin; lips and nostrils excluded) that is
// not skin: a hand, a mask, a phone, a scarf. A beard counts too, so the rule warns before failing.
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr double kBelowEyes = 0.25;  // the lower face starts this many inter-eye distances below the eye line

class Occlusion final : public Measure {
 public:
  std::string_view id() const override { return "face.occlusion"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "FEATURES_HIDDEN"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.skin().valid) return not_assessed(rule, Cause::NoSkinReference);
    const cv::Rect r = ctx.face_rect();
    const int from = cvRound(ctx.frame().eye_mid.y + kBelowEyes * ctx.frame().ied);
    cv::Mat lower = ctx.skin_mask().clone();
    if (from > 0) lower.rowRange(0, std::min(from, lower.rows)).setTo(0);
    const double skin = ctx.skin().share(ctx.lab(), r, lower);
    const double v = 1 - skin;
    Finding f = judged(rule, v);
    f.geometry.push_back(rect_shape(cv::Rect(cv::Point(r.x, from), cv::Point(r.x + r.width, r.y + r.height)) & r,
                                    fmt(v * 100, 0) + "%"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_occlusion() { return std::make_unique<Occlusion>(); }
}  // namespace rs::findings
