// geometry.head_size: eye-to-chin distance over the photo height (OFIQ head size), spec frame only.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class HeadSize final : public Measure {
 public:
  std::string_view id() const override { return "geometry.head_size"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.in_spec_frame()) return not_assessed(rule, Cause::NotInSpecFrame);
    const double v = ctx.frame().eye_to_chin / ctx.size().height;
    Finding f = judged(rule, v);
    f.geometry.push_back(line_shape(ctx.frame().eye_mid, ctx.frame().chin, fmt(v, 2)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_head_size() { return std::make_unique<HeadSize>(); }
}  // namespace rs::findings
