// mouth.closed: the inner-lip gap over the eye-to-chin distance (OFIQ "mouth closed"). A face with
// fewer than params.min_ied_px px between the eyes is not judged: the lips' gap is then a pixel or
// two, within the landmarks' own error (a 191x264 snapshot read a smile with teeth as closed).
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class MouthClosed final : public Measure {
 public:
  std::string_view id() const override { return "mouth.closed"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "EXPRESSION"; }
  std::vector<std::string_view> params() const override { return {"min_ied_px"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (ctx.frame().ied < rule.param("min_ied_px")) return not_assessed(rule, Cause::FaceTooSmall);
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
