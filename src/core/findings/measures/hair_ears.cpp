// hair.ears: share of the strip beside the face at ear height that is neither skin (an ear) nor
// background, the larger side. A heuristic: it warns rather than fails when the evidence is weak.
#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
class HairEars final : public Measure {
 public:
  std::string_view id() const override { return "hair.ears"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "HAIR_EARS"; }
  std::vector<std::string_view> params() const override { return {"background_tolerance", "width", "gap", "above"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.skin().valid) return not_assessed(rule, Cause::NoSkinReference);
    const double tol = rule.param("background_tolerance");
    const ZoneShares z = zone_shares(ctx, strips(ctx, rule), [&](const cv::Vec3b& p, int x, int y) {
      return !is_background(ctx, p, x, y, tol) && !ctx.skin().is_skin(p);
    });
    Finding f = judged(rule, z.worst);
    f.geometry = z.outlines;
    return f;
  }

 private:
  // Outside the jaw line from a little above its top (landmarks 0/16) down to landmarks 2/14.
  static std::vector<Polygon> strips(const PhotoContext& ctx, const RuleSpec& rule) {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    auto P = [](double x, double y) { return cv::Point(cvRound(x), cvRound(y)); };
    const double w = rule.param("width") * ied, gap = rule.param("gap") * ied;
    const double top = std::min(lm[0].y, lm[16].y) - rule.param("above") * ied;
    return {
        {P(lm[0].x - gap - w, top), P(lm[0].x - gap, top), P(lm[2].x - gap, lm[2].y), P(lm[2].x - gap - w, lm[2].y)},
        {P(lm[16].x + gap, top), P(lm[16].x + gap + w, top), P(lm[14].x + gap + w, lm[14].y),
         P(lm[14].x + gap, lm[14].y)}};
  }
};
}  // namespace
std::unique_ptr<Measure> make_hair_ears() { return std::make_unique<HairEars>(); }
}  // namespace rs::findings
