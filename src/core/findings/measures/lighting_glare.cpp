// lighting.glare: share of face skin pixels much brighter than the face's median (specular glare):
// beyond params.towards_white of the way from the median to white, and at least params.min_grey.
// The glare spots are outlined and mapped.
#include <algorithm>

#include "core/findings/measure.hpp"
#include "core/findings/measures/light_support.hpp"

namespace rs::findings {
namespace {
class FaceGlare final : public Measure {
 public:
  std::string_view id() const override { return "lighting.glare"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "FACE_GLARE"; }
  std::vector<std::string_view> params() const override { return {"min_grey", "towards_white"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& h = ctx.skin_histogram();
    const int median = skin_median(h);
    const double cut = std::max(rule.param("min_grey"), median + rule.param("towards_white") * (255 - median));
    double share = 0;
    for (int i = 0; i < 256; ++i)
      if (i > cut) share += h[i];
    Finding f = judged(rule, share);
    f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(share * 100, 1) + "%"));
    if (f.verdict != Verdict::Pass) add_tail_outlines(ctx, cut, Tail::Bright, f);
    f.map = tail_map(ctx, cut, Tail::Bright);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_glare() { return std::make_unique<FaceGlare>(); }
}  // namespace rs::findings
