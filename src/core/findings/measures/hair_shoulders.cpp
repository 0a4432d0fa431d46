// hair.shoulders: beside the lower jaw and just below it, the share of hair-coloured pixels (hair
// colour sampled above the forehead), the larger side. Long hair hangs here; short hair leaves
// background. A heuristic: it warns rather than fails when the evidence is weak.
#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
class HairShoulders final : public Measure {
 public:
  std::string_view id() const override { return "hair.shoulders"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "HAIR_SHOULDERS"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.skin().valid) return not_assessed(rule, "cheeks not visible, no skin reference");
    const double bg_tol = rule.param("background_tolerance", 14), hair_tol = rule.param("hair_tolerance", 18);
    const auto hair = hair_colour(ctx);
    const double dark = 0.6 * ctx.skin().mean[0];
    const ZoneShares z = zone_shares(ctx, strips(ctx, rule), [&](const cv::Vec3b& p, int x, int y) {
      if (is_background(ctx, p, x, y, bg_tol) || ctx.skin().is_skin(p)) return false;
      // Clothing is expected beside the neck, so only hair-coloured pixels count (or, when the hair
      // colour is unknown, pixels clearly darker than the skin).
      return hair ? lab_dist(p, *hair) <= hair_tol : p[0] < dark;
    });
    Finding f = judged(rule, z.worst);
    f.geometry = z.outlines;
    return f;
  }

 private:
  static std::vector<Polygon> strips(const PhotoContext& ctx, const RuleSpec& rule) {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    auto P = [](double x, double y) { return cv::Point(cvRound(x), cvRound(y)); };
    const double w = rule.param("width", 0.55) * ied, gap = 0.05 * ied, drop = rule.param("below_chin", 0.15) * ied;
    const double top = lm[3].y, bottom = lm[8].y + drop;
    return {{P(lm[3].x - gap - w, top), P(lm[3].x - gap, top), P(lm[5].x - gap, bottom), P(lm[5].x - gap - w, bottom)},
            {P(lm[13].x + gap, top), P(lm[13].x + gap + w, top), P(lm[11].x + gap + w, bottom), P(lm[11].x + gap, bottom)}};
  }
};
}  // namespace
std::unique_ptr<Measure> make_hair_shoulders() { return std::make_unique<HairShoulders>(); }
}  // namespace rs::findings
