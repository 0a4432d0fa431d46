// lighting.face_mean: mean grey level (0-255) of the face's skin (too dark / too bright).
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class FaceMean final : public Measure {
 public:
  std::string_view id() const override { return "lighting.face_mean"; }
  std::string_view unit() const override { return "grey"; }
  std::string_view reason() const override { return "LIGHTING"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& h = ctx.skin_histogram();
    double mean = 0;
    for (int i = 0; i < 256; ++i) mean += i * h[i];
    Finding f = judged(rule, mean);
    f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(mean, 0)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_face_mean() { return std::make_unique<FaceMean>(); }
}  // namespace rs::findings
