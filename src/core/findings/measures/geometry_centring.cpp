// geometry.centring: horizontal offset of the face centre (midpoint of landmarks 0 and 16) from
// the photo's centre line, px; negative = the face sits left of centre.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class Centring final : public Measure {
 public:
  std::string_view id() const override { return "geometry.centring"; }
  std::string_view unit() const override { return "px"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.in_spec_frame()) return not_assessed(rule, Cause::NotInSpecFrame);
    const float mid = ctx.size().width / 2.0f, h = static_cast<float>(ctx.size().height);
    const double off = ctx.frame().centre_x - mid;
    Finding f = judged(rule, off);
    f.geometry.push_back(line_shape({mid, 0}, {mid, h}));
    const float cx = static_cast<float>(ctx.frame().centre_x);
    f.geometry.push_back(line_shape({cx, ctx.face().box[0].y}, {cx, ctx.face().box[1].y}, fmt(off, 0) + " px"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_centring() { return std::make_unique<Centring>(); }
}  // namespace rs::findings
