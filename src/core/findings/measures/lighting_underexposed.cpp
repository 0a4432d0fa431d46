// lighting.underexposed: share of face skin pixels clipped dark (grey params.from..params.to,
// 0-25 in base.json), as OFIQ defines under-exposure.
#include "core/findings/measure.hpp"
#include "core/findings/measures/light_support.hpp"

namespace rs::findings {
namespace {
class Underexposed final : public Measure {
 public:
  std::string_view id() const override { return "lighting.underexposed"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "LIGHTING"; }
  std::vector<std::string_view> params() const override { return {"from", "to"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const double share =
        histogram_share(ctx.skin_histogram(), static_cast<int>(rule.param("from")), static_cast<int>(rule.param("to")));
    Finding f = judged(rule, share);
    f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(share * 100, 1) + "%"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_underexposed() { return std::make_unique<Underexposed>(); }
}  // namespace rs::findings
