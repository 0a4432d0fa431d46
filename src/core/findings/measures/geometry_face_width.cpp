// geometry.face_width: GA 461 face width (landmarks 0-16, the face at the ears' roots), 207 ± 14 px.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr float kBandReach = 30;  // px the drawn allowed edges reach above landmark 0 and below landmark 3

class FaceWidth final : public Measure {
 public:
  std::string_view id() const override { return "geometry.face_width"; }
  std::string_view unit() const override { return "px"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.in_spec_frame()) return not_assessed(rule, Cause::NotInSpecFrame);
    const auto& lm = ctx.face().landmarks;
    const double w = ctx.frame().face_width;
    Finding f = judged(rule, w);
    f.geometry.push_back(line_shape(lm[0], lm[16], fmt(w, 0) + " px"));
    // The template's allowed face edges around the face centre, at cheek height.
    const float cx = static_cast<float>(ctx.frame().centre_x), y0 = lm[0].y - kBandReach, y1 = lm[3].y + kBandReach;
    for (auto bound : {rule.pass.lo, rule.pass.hi}) {
      if (!bound) continue;
      const float half = static_cast<float>(*bound / 2);
      f.geometry.push_back(line_shape({cx - half, y0}, {cx - half, y1}));
      f.geometry.push_back(line_shape({cx + half, y0}, {cx + half, y1}));
    }
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_face_width() { return std::make_unique<FaceWidth>(); }
}  // namespace rs::findings
