// lighting.face_shadow: share of face skin pixels much darker than the face's median (darker than
// params.dark_fraction of it). The shadowed regions are outlined and mapped.
#include "core/findings/measure.hpp"
#include "core/findings/measures/light_support.hpp"

namespace rs::findings {
namespace {
class FaceShadow final : public Measure {
 public:
  std::string_view id() const override { return "lighting.face_shadow"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "FACE_SHADOW"; }
  std::vector<std::string_view> params() const override { return {"dark_fraction"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& h = ctx.skin_histogram();
    const double cut = rule.param("dark_fraction") * skin_median(h);
    double share = 0;
    for (int i = 0; i < 256; ++i)
      if (i < cut) share += h[i];
    Finding f = judged(rule, share);
    f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(share * 100, 1) + "%"));
    if (f.verdict != Verdict::Pass) add_tail_outlines(ctx, cut, Tail::Dark, f);
    f.map = tail_map(ctx, cut, Tail::Dark);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_face_shadow() { return std::make_unique<FaceShadow>(); }
}  // namespace rs::findings
