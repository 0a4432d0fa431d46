// geometry.head_top: distance from the top edge to the top of the hair (GA 461: 7-21 px). The hair
// top is where the background flood from the top corners stops above the face (background.cpp).
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class HeadTop final : public Measure {
 public:
  std::string_view id() const override { return "geometry.head_top"; }
  std::string_view unit() const override { return "px"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.in_spec_frame()) return not_assessed(rule, Cause::NotInSpecFrame);
    const BackgroundMap& bg = ctx.background();
    Finding f = judged(rule, bg.head_top);
    const double w = ctx.size().width;
    f.geometry.push_back(line_shape({float(bg.head_left), float(bg.head_top)},
                                    {float(bg.head_right), float(bg.head_top)}, fmt(bg.head_top, 0) + " px"));
    if (rule.pass.lo) f.geometry.push_back(hline(*rule.pass.lo, w));
    if (rule.pass.hi) f.geometry.push_back(hline(*rule.pass.hi, w));
    if (!bg.head_top_sure) {
      f.detail = "hair top not found against the background; estimated from the face";
      if (f.verdict == Verdict::Fail) f.verdict = Verdict::Warn;
    }
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_head_top() { return std::make_unique<HeadTop>(); }
}  // namespace rs::findings
