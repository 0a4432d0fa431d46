// lighting.face_shadow: share of the face's own skin (FaceLight::inner, thin dark lines closed
// over) lying in dark areas: patches of at least kMinPatch darker than params.dark_fraction of
// the skin's median. A shadow is a dark area on the skin; beards, glasses rims, the hair over the
// face's edge and a hand under the chin are outside the region or closed over, and a nostril's or
// an eye corner's crease is smaller than a patch, so none of them reads as shadow. The shadowed
// regions are outlined and mapped on the photo.
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"
#include "core/findings/measures/light_support.hpp"

namespace rs::findings {
namespace {
// Levelled pixels the inner face needs (about a tenth of an unhidden one's).
constexpr int kMinInner = 300;
// The smallest dark patch counted, in square inter-eye distances (a fifth of an IED square).
constexpr double kMinPatch = 0.04;

class FaceShadow final : public Measure {
 public:
  std::string_view id() const override { return "lighting.face_shadow"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "FACE_SHADOW"; }
  std::vector<std::string_view> params() const override { return {"dark_fraction"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const FaceLight& light = face_light(ctx);
    if (light.empty()) return not_assessed(rule, Cause::EyesTooClose);
    const int inner = mask_count(light.inner);
    if (inner < kMinInner) return not_assessed(rule, Cause::SkinOrEyesHidden);
    const double cut = rule.param("dark_fraction") * skin_median(masked_histogram(light.closed, light.inner));
    cv::Mat dark = light.closed < cut;
    dark &= light.inner;
    const double u = LevelledFace::kIed;
    const cv::Mat shadow = large_patches(dark, static_cast<int>(kMinPatch * u * u));
    const double share = static_cast<double>(mask_count(shadow)) / inner;
    Finding f = judged(rule, share);
    const cv::Rect r = ctx.face_rect();
    f.geometry.push_back(rect_shape(r, fmt(share * 100, 1) + "%"));
    if (share == 0) return f;  // no shadow patch: nothing to outline or map (most photos; saves ~0.5 ms)
    const cv::Mat within = to_photo_mask(light, shadow, r);
    if (f.verdict != Verdict::Pass) add_tail_outlines(ctx, cut, Tail::Dark, f, within);
    f.map = tail_map(ctx, cut, Tail::Dark, within);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_face_shadow() { return std::make_unique<FaceShadow>(); }
}  // namespace rs::findings
