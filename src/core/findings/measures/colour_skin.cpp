// colour.skin_natural: CIELAB a* and b* on both cheeks against the natural-skin box (OFIQ: a* 5-25,
// b* 5-35, from params). Value: how far outside the box (0 inside), in CIELAB units.
#include <cmath>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class SkinNatural final : public Measure {
 public:
  std::string_view id() const override { return "colour.skin_natural"; }
  std::string_view unit() const override { return "ΔE"; }
  std::string_view reason() const override { return "LIGHTING"; }
  std::vector<std::string_view> params() const override { return {"a_min", "a_max", "b_min", "b_max"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const SkinModel& s = ctx.skin();
    if (!s.valid) return not_assessed(rule, Cause::CheeksHidden);
    const double a = lab_ab(s.mean[1]), b = lab_ab(s.mean[2]);
    auto outside = [](double v, double lo, double hi) { return v < lo ? lo - v : v > hi ? v - hi : 0.0; };
    const double da = outside(a, rule.param("a_min"), rule.param("a_max"));
    const double db = outside(b, rule.param("b_min"), rule.param("b_max"));
    Finding f = judged(rule, std::hypot(da, db));
    f.detail = "a* " + fmt(a) + ", b* " + fmt(b);
    const double side = cheek_patch_side(ctx.frame().ied);  // the patches the skin model sampled
    f.geometry.push_back(rect_shape(square_at(ctx.frame().right_cheek, side, ctx.size())));
    f.geometry.push_back(
        rect_shape(square_at(ctx.frame().left_cheek, side, ctx.size()), "a*" + fmt(a, 0) + " b*" + fmt(b, 0)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_skin_natural() { return std::make_unique<SkinNatural>(); }
}  // namespace rs::findings
