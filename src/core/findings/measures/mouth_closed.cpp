// mouth.closed: the inner-lip gap over the eye-to-chin distance (OFIQ "mouth closed").
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class MouthClosed final : public Measure {
 public:
  std::string_view id() const override { return "mouth.closed"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "EXPRESSION"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& lm = ctx.face().landmarks;
    const double gap = (distance(lm[61], lm[67]) + distance(lm[62], lm[66]) + distance(lm[63], lm[65])) / 3;
    const double v = gap / std::max(1.0, ctx.frame().eye_to_chin);
    Finding f = judged(rule, v);
    f.geometry.push_back(
        polyline_shape({lm[60], lm[61], lm[62], lm[63], lm[64], lm[65], lm[66], lm[67], lm[60]}, fmt(v, 3)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_mouth_closed() { return std::make_unique<MouthClosed>(); }
}  // namespace rs::findings
