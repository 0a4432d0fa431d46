// eyes.open: the smaller eye opening over the eye-to-chin distance (OFIQ "eyes open"). A face with
// fewer than params.min_ied_px px between the eyes is not judged: an open eye is then 3-4 px tall,
// within the landmarks' own error.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
double opening(const std::vector<Point>& lm, int a, int b, int c, int d) {
  return (distance(lm[a], lm[d]) + distance(lm[b], lm[c])) / 2;
}

class EyesOpen final : public Measure {
 public:
  std::string_view id() const override { return "eyes.open"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "EXPRESSION"; }
  std::vector<std::string_view> params() const override { return {"min_ied_px"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (ctx.frame().ied < rule.param("min_ied_px")) return not_assessed(rule, Cause::FaceTooSmall);
    const auto& lm = ctx.face().landmarks;
    const double right = opening(lm, 37, 38, 40, 41), left = opening(lm, 43, 44, 46, 47);
    const double v = std::min(right, left) / std::max(1.0, ctx.frame().eye_to_chin);
    Finding f = judged(rule, v);
    f.geometry.push_back(polyline_shape({lm[36], lm[37], lm[38], lm[39], lm[40], lm[41], lm[36]}));
    f.geometry.push_back(polyline_shape({lm[42], lm[43], lm[44], lm[45], lm[46], lm[47], lm[42]}, fmt(v, 3)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_eyes_open() { return std::make_unique<EyesOpen>(); }
}  // namespace rs::findings
