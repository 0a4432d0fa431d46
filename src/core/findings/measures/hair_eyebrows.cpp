// hair.eyebrows: share of the forehead band just above each eyebrow that is not skin (bangs), the
// larger side. A heuristic: it warns rather than fails when the evidence is weak. Bangs cover both
// sides; a lock or a shadow over one side's band only warns, unless that side is nearly all covered
// (params.one_side). Hair over the outer end of one band only, with the band's third nearest the
// nose clear (params.inner_clear), is the hairline coming down at the temple beside the brow's
// tail, not hair over the brow: it passes (ppp_007: 62% and 26%, inner third 0%, brows in plain
// view). A fringe along the brow (the astronaut: inner third 5-17%) still warns.
#include <algorithm>

#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
class HairEyebrows final : public Measure {
 public:
  std::string_view id() const override { return "hair.eyebrows"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "HAIR_EYEBROWS"; }
  std::vector<std::string_view> params() const override {
    return {"skin_sigmas", "inner_clear", "one_side", "band_from", "band_to"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.skin().valid) return not_assessed(rule, Cause::NoSkinReference);
    // The forehead is lit differently from the cheeks: a wider chroma tolerance there.
    const double sigmas = rule.param("skin_sigmas");
    auto not_skin = [&](const cv::Vec3b& p, int, int) { return !ctx.skin().is_skin(p, sigmas); };
    const ZoneShares z = zone_shares(ctx, bands(ctx, rule, 17, 21, 22, 26), not_skin);
    Finding f = judged(rule, z.worst);
    const double other = z.shares.size() == 2 ? std::min(z.shares[0], z.shares[1]) : z.worst;
    const bool one_side = rule.pass.hi && other <= *rule.pass.hi;
    if (f.verdict != Verdict::Pass && one_side) {
      // The covered side's third nearest the nose: landmarks 20-21 (image left) or 22-23 (image right).
      const bool right_worse = z.shares[0] >= z.shares[1];
      const ZoneShares inner =
          zone_shares(ctx, right_worse ? bands(ctx, rule, 20, 21, 0, -1) : bands(ctx, rule, 22, 23, 0, -1), not_skin);
      if (inner.worst <= rule.param("inner_clear")) {
        f.verdict = Verdict::Pass;
        f.score = score(rule, inner.worst);  // the score follows what the verdict was judged on
        f.detail = "hair at the temple only (inner third " + fmt(inner.worst * 100, 0) + "%, other side " +
                   fmt(other * 100, 0) + "%)";
      } else if (f.verdict == Verdict::Fail && z.worst < rule.param("one_side")) {
        f.verdict = Verdict::Warn;
        f.detail = "one side only (other side " + fmt(other * 100, 0) + "%)";
      }
    }
    f.geometry = z.outlines;
    return f;
  }

 private:
  // Above the brow landmarks a..b and c..d (c > d: none), from band_from to band_to inter-eye
  // distances up.
  static std::vector<Polygon> bands(const PhotoContext& ctx, const RuleSpec& rule, int a0, int b0, int c0, int d0) {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    const double lo = rule.param("band_from") * ied, hi = rule.param("band_to") * ied;
    std::vector<Polygon> out;
    for (auto [a, b] : {std::pair{a0, b0}, std::pair{c0, d0}}) {
      if (a > b) continue;
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
