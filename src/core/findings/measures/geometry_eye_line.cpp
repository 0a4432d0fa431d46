// geometry.eye_line: height of the eye line above the bottom edge (GA 461: at least 207 px).
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class EyeLine final : public Measure {
 public:
  std::string_view id() const override { return "geometry.eye_line"; }
  std::string_view unit() const override { return "px"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.in_spec_frame()) return not_assessed(rule, Cause::NotInSpecFrame);
    const double h = ctx.size().height, w = ctx.size().width;
    const double eye_y = ctx.frame().eye_mid.y;
    Finding f = judged(rule, h - eye_y);
    f.geometry.push_back(hline(eye_y, w, fmt(h - eye_y, 0) + " px"));
    if (rule.pass.lo) f.geometry.push_back(hline(h - *rule.pass.lo, w, "≥ " + fmt(*rule.pass.lo, 0)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_eye_line() { return std::make_unique<EyeLine>(); }
}  // namespace rs::findings
