// geometry.in_frame: is the whole head (and the chin with some neck) inside the photo? Value: the
// smallest margin between the head and an edge, over the face width. On a raw upload the hair top
// counts too (a cut head cannot be cropped to spec); in the spec frame the hair top is
// geometry.head_top's business, since GA 461 lets tall hair be cut.
#include <algorithm>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class InFrame final : public Measure {
 public:
  std::string_view id() const override { return "geometry.in_frame"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const FaceFrame& fr = ctx.frame();
    const double fw = std::max(1.0, fr.face_width), w = ctx.size().width, h = ctx.size().height;
    const double side = rule.param("head_half_width", 0.6) * fw;
    std::vector<std::pair<double, const char*>> margins = {
        {fr.centre_x - side, "left"}, {w - (fr.centre_x + side), "right"}, {h - (fr.chin.y + rule.param("neck", 0.2) * fw), "bottom"}};
    std::string note;
    if (!ctx.in_spec_frame()) {
      const BackgroundMap& bg = ctx.background();
      // Hair reaching the top edge leaves no margin at all.
      if (bg.head_top_sure)
        margins.push_back({bg.head_top, "top"});
      else
        note = "; hair top not found against the background, top edge not judged";
    }
    const auto worst = *std::min_element(margins.begin(), margins.end());
    Finding f = judged(rule, worst.first / fw);
    f.detail = std::string("tightest edge: ") + worst.second + note;
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_in_frame() { return std::make_unique<InFrame>(); }
}  // namespace rs::findings
