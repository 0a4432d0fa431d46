// lighting.uniformity: the median grey of the two cheeks (FaceLight::cheek: under the eyes' outer
// halves, below any glasses rim and above the smile's fold), darker over brighter; 1 = evenly
// lit. A strong side light leaves one cheek in shadow. Cheeks, not the face's halves: a half holds
// the jaw and the side of the nose, so a beard, the hair over the face's edge, a hand under the
// chin or a broad smile's fold made one half darker on evenly lit faces; and a median, so a glint
// or a rim does not move it. A ratio of grey, so dark skin lit evenly reads as even.
#include <algorithm>

#include "core/findings/measure.hpp"
#include "core/findings/measures/light_support.hpp"

namespace rs::findings {
namespace {
// Levelled pixels (about a tenth of a cheek) each cheek needs for its median; fewer: the cheek is
// hidden (hair, a hand, the head turned away) and the two cannot be compared.
constexpr int kMinCheek = 60;

class Uniformity final : public Measure {
 public:
  std::string_view id() const override { return "lighting.uniformity"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "FACE_SHADOW"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const FaceLight& light = face_light(ctx);
    if (light.empty()) return not_assessed(rule, Cause::EyesTooClose);
    if (mask_count(light.cheek[0]) < kMinCheek || mask_count(light.cheek[1]) < kMinCheek)
      return not_assessed(rule, Cause::CheeksHidden);
    const double a = skin_median(masked_histogram(light.closed, light.cheek[0]));
    const double b = skin_median(masked_histogram(light.closed, light.cheek[1]));
    const double v = std::min(a, b) / std::max(1.0, std::max(a, b));
    Finding f = judged(rule, v);
    f.detail = "image-left cheek " + fmt(a, 0) + ", right " + fmt(b, 0);
    const auto& lm = ctx.face().landmarks;
    f.geometry.push_back(line_shape(lm[27], lm[8], fmt(v, 2)));
    f.geometry.push_back(levelled_outline(light, light.cheek[0], fmt(a, 0)));
    f.geometry.push_back(levelled_outline(light, light.cheek[1], fmt(b, 0)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_uniformity() { return std::make_unique<Uniformity>(); }
}  // namespace rs::findings
