// hair.eyebrows: share of the forehead band just above each eyebrow that is not skin (bangs), the
// larger side. A heuristic: it warns rather than fails when the evidence is weak. Bangs cover both
// sides; a lock or a shadow over one side's band (ppp_007: 62% and 26%, brows in plain view) only
// warns, unless that side is nearly all covered (params.one_side).
#include <algorithm>

#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
class HairEyebrows final : public Measure {
 public:
  std::string_view id() const override { return "hair.eyebrows"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "HAIR_EYEBROWS"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.skin().valid) return not_assessed(rule, "cheeks not visible, no skin reference");
    // The forehead is lit differently from the cheeks: a wider chroma tolerance there.
    const double sigmas = rule.param("skin_sigmas", 4.5);
    const ZoneShares z = zone_shares(ctx, bands(ctx, rule), [&](const cv::Vec3b& p, int, int) { return !ctx.skin().is_skin(p, sigmas); });
    Finding f = judged(rule, z.worst);
    const double other = z.shares.size() == 2 ? std::min(z.shares[0], z.shares[1]) : z.worst;
    if (f.verdict == Verdict::Fail && rule.pass.hi && other <= *rule.pass.hi && z.worst < rule.param("one_side", 0.85)) {
      f.verdict = Verdict::Warn;
      f.detail = "one side only (other side " + fmt(other * 100, 0) + "%)";
    }
    f.geometry = z.outlines;
    return f;
  }

 private:
  // Above each brow, from band_from to band_to inter-eye distances up.
  static std::vector<Polygon> bands(const PhotoContext& ctx, const RuleSpec& rule) {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    const double lo = rule.param("band_from", 0.06) * ied, hi = rule.param("band_to", 0.3) * ied;
    std::vector<Polygon> out;
    for (auto [a, b] : {std::pair{17, 21}, std::pair{22, 26}}) {
      Polygon band;
      for (int i = a; i <= b; ++i) band.emplace_back(cvRound(lm[i].x), cvRound(lm[i].y - lo));
      for (int i = b; i >= a; --i) band.emplace_back(cvRound(lm[i].x), cvRound(lm[i].y - hi));
      out.push_back(band);
    }
    return out;
  }
};
}  // namespace
std::unique_ptr<Measure> make_hair_eyebrows() { return std::make_unique<HairEyebrows>(); }
}  // namespace rs::findings
