// lighting.underexposed and lighting.overexposed: the share of the face's own skin clipped dark or
// bright, as OFIQ defines under- and over-exposure, read on FaceLight::inner (the skin between
// the outer eye corners above the mouth): beards, black glasses rims and the hair over the face's
// edge are not skin, so they no longer read as "clipped dark" on evenly lit faces.
// - underexposed: grey in params.from..params.to (0-25 in base.json), thin dark lines closed over.
// - overexposed: grey in params.from..params.to (247-255), plus the skin lying in flat plateaus at
//   or above params.plateau_from (a 3x3 neighbourhood spanning at most params.plateau_range grey
//   levels): a face blown out below 255 (a video frame's white is 235, a phone's tone curve rolls
//   the highlights off, a posterised frame) has lost its texture there just the same, while lit
//   skin, however bright, keeps its grain. Only plateaus of at least kMinPlateau count: a fair
//   face's sheen leaves flat specks, not patches. Flat bright skin is also what make-up, a smoothing
//   filter or a studio's soft light gives a fair face, so a verdict only the plateaus bring (the
//   clipped share alone would pass, or warn) is not sure (Cause::FlatBrightSkin): wild_22, a
//   blown-out video frame, reads 2.6% of flat bright skin, what a bright high-key portrait
//   (hv_test3) reads too.
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"
#include "core/findings/measures/light_support.hpp"

namespace rs::findings {
namespace {
// Levelled pixels the inner face needs to be judged (about a tenth of an unhidden one's).
constexpr int kMinInner = 300;
// The smallest flat bright patch counted, in square inter-eye distances (a fiftieth of an IED
// square; on wild_14, wild_18 and hv_test2 the sheen's flat specks are at most a third of that).
constexpr double kMinPlateau = 0.02;

Finding with_box(Finding f, const PhotoContext& ctx, double share) {
  f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(share * 100, 1) + "%"));
  return f;
}

class Underexposed final : public Measure {
 public:
  std::string_view id() const override { return "lighting.underexposed"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "LIGHTING"; }
  std::vector<std::string_view> params() const override { return {"from", "to"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const FaceLight& light = face_light(ctx);
    if (light.empty()) return not_assessed(rule, Cause::EyesTooClose);
    if (mask_count(light.inner) < kMinInner) return not_assessed(rule, Cause::SkinOrEyesHidden);
    const double share = histogram_share(masked_histogram(light.closed, light.inner),
                                         static_cast<int>(rule.param("from")), static_cast<int>(rule.param("to")));
    return with_box(judged(rule, share), ctx, share);
  }
};

class Overexposed final : public Measure {
 public:
  std::string_view id() const override { return "lighting.overexposed"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "LIGHTING"; }
  std::vector<std::string_view> params() const override { return {"from", "to", "plateau_from", "plateau_range"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const FaceLight& light = face_light(ctx);
    if (light.empty()) return not_assessed(rule, Cause::EyesTooClose);
    const int inner = mask_count(light.inner);
    if (inner < kMinInner) return not_assessed(rule, Cause::SkinOrEyesHidden);
    cv::Mat clipped;
    cv::inRange(light.grey, rule.param("from"), rule.param("to"), clipped);
    cv::Mat hi, lo, plateau;
    cv::dilate(light.grey, hi, cv::Mat());
    cv::erode(light.grey, lo, cv::Mat());
    plateau = (light.grey >= rule.param("plateau_from")) & (hi - lo <= rule.param("plateau_range"));
    const double u = LevelledFace::kIed;
    plateau = large_patches(plateau & light.inner, static_cast<int>(kMinPlateau * u * u));
    cv::Mat blown = (clipped | plateau) & light.inner;
    const double share = static_cast<double>(mask_count(blown)) / inner;
    Finding f = with_box(judged(rule, share), ctx, share);
    // How much of it is flat rather than clipped, when it is not a pass (every decision stores the
    // details of its findings: a passing one keeps none).
    if (f.verdict != Verdict::Pass) {
      const double flat = static_cast<double>(mask_count(plateau & light.inner)) / inner;
      f.detail = "flat bright " + fmt(100 * flat, 1) + "% of the skin";
      const double clipped_alone = static_cast<double>(mask_count(clipped & light.inner)) / inner;
      if (judge(rule, clipped_alone) != f.verdict) mark_unsure(f, Cause::FlatBrightSkin);
    }
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_overexposed() { return std::make_unique<Overexposed>(); }
std::unique_ptr<Measure> make_underexposed() { return std::make_unique<Underexposed>(); }
}  // namespace rs::findings
