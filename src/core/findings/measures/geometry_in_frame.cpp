// geometry.in_frame: is the whole head (and the chin with some neck) inside the photo? Value: the
// smallest margin between the head and an edge, over the face width. On a raw upload the hair top
// counts too (a cut head cannot be cropped to spec); in the spec frame the hair top is
// geometry.head_top's business, since GA 461 lets tall hair be cut. A raw upload framed so tight
// that the GA 461 crop window runs past its edges by more than params.crop_slack spec pixels
// (ppp_003: 12-17 px at both sides and the bottom, which the crop fills by smearing the edge
// rows) has a negative margin there: the overrun in photo pixels over the face width.
#include <algorithm>
#include <cmath>

#include "core/findings/measure.hpp"
#include "core/photo/crop.hpp"

namespace rs::findings {
namespace {
class InFrame final : public Measure {
 public:
  std::string_view id() const override { return "geometry.in_frame"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  std::vector<std::string_view> params() const override { return {"head_half_width", "neck", "crop_slack"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const FaceFrame& fr = ctx.frame();
    const double fw = std::max(1.0, fr.face_width), w = ctx.size().width, h = ctx.size().height;
    const double side = rule.param("head_half_width") * fw;
    std::vector<std::pair<double, const char*>> margins = {{fr.centre_x - side, "left"},
                                                           {w - (fr.centre_x + side), "right"},
                                                           {h - (fr.chin.y + rule.param("neck") * fw), "bottom"}};
    std::string note;
    if (!ctx.in_spec_frame()) {
      const BackgroundMap& bg = ctx.background();
      // Hair reaching the top edge leaves no margin at all.
      if (bg.head_top_sure)
        margins.push_back({bg.head_top, "top"});
      else
        note = "; hair top not found against the background, top edge not judged";
      const auto [overrun, edge] = crop_overrun(ctx);
      if (overrun > rule.param("crop_slack")) {
        const double scale = photo::spec_transform(ctx.face(), ctx.spec().frame).scale;
        margins.push_back({-overrun / scale, edge});
        note += "; the GA 461 crop runs " + fmt(overrun, 0) + " px past this edge (framed too tight)";
      }
    }
    const auto worst = *std::min_element(margins.begin(), margins.end());
    Finding f = judged(rule, worst.first / fw);
    f.detail = std::string("tightest edge: ") + worst.second + note;
    return f;
  }

 private:
  // How far (spec px) the GA 461 crop window of this raw upload runs past the photo, at its worst
  // edge: the photo's corners mapped into the spec frame must enclose the whole frame.
  static std::pair<double, const char*> crop_overrun(const PhotoContext& ctx) {
    const Ga461Frame& spec = ctx.spec().frame;
    const cv::Matx23d m = photo::spec_transform(ctx.face(), spec).matrix;
    const double w = ctx.size().width, h = ctx.size().height;
    // The eye line is levelled first, so the photo's edges are tilted by the roll: take the
    // innermost point of each mapped edge.
    auto at = [&](double x, double y) { return photo::apply(m, {float(x), float(y)}); };
    const Point tl = at(0, 0), tr = at(w, 0), bl = at(0, h), br = at(w, h);
    const std::pair<double, const char*> over[] = {{std::max(tl.x, bl.x), "left"},
                                                   {spec.width - std::min(tr.x, br.x), "right"},
                                                   {std::max(tl.y, tr.y), "top"},
                                                   {spec.height - std::min(bl.y, br.y), "bottom"}};
    return *std::max_element(std::begin(over), std::end(over), [](auto& a, auto& b) { return a.first < b.first; });
  }
};
}  // namespace
std::unique_ptr<Measure> make_in_frame() { return std::make_unique<InFrame>(); }
}  // namespace rs::findings
