// lighting.underexposed / lighting.overexposed: share of face skin pixels that are clipped dark
// (grey 0-25) or clipped bright (247-255), as OFIQ defines under- and over-exposure. The bounds of
// the clipped ranges come from the rule's params.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class ExposureShare final : public Measure {
 public:
  explicit ExposureShare(bool dark) : dark_(dark) {}
  std::string_view id() const override { return dark_ ? "lighting.underexposed" : "lighting.overexposed"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "LIGHTING"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& h = ctx.skin_histogram();
    const int lo = static_cast<int>(rule.param("from", dark_ ? 0 : 247));
    const int hi = static_cast<int>(rule.param("to", dark_ ? 25 : 255));
    double share = 0;
    for (int i = std::max(0, lo); i <= std::min(255, hi); ++i) share += h[i];
    Finding f = judged(rule, share);
    f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(share * 100, 1) + "%"));
    return f;
  }

 private:
  bool dark_;
};
}  // namespace
std::unique_ptr<Measure> make_underexposed() { return std::make_unique<ExposureShare>(true); }
std::unique_ptr<Measure> make_overexposed() { return std::make_unique<ExposureShare>(false); }
}  // namespace rs::findings
