// accessory.head_covering: hats, caps, scarves and hair bands sit on the crown, between the top of
// the head and the hairline. Hair there is nearly colourless (black, brown, grey, blond are low in
// chroma), so strongly coloured pixels on the crown (not skin, not the wall) suggest something worn.
// Value: their share.
// Strongly coloured means both: chroma above params.min_chroma, and chroma above
// params.min_chroma_per_lightness times L* (0-100). Over-exposure lifts brown or blond hair to a
// light tan (L* 65-98, chroma 30-40, so chroma/L* under 0.5) that the chroma test alone reads as a
// worn colour; a cap, scarf or band, light or dark, keeps its colour strong for its lightness (the
// red cap's chroma is ~1.6 L*, still ~0.9 L* brightened the same way).
// A heuristic: it asks the reviewer to look (warn) rather than failing.
#include <cmath>

#include "core/findings/measure.hpp"
#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
constexpr int kMinCrown = 20;  // px: a smaller crown box (head cut by the top edge) is not judged

class HeadCovering final : public Measure {
 public:
  std::string_view id() const override { return "accessory.head_covering"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  std::vector<std::string_view> params() const override {
    return {"typical_crown", "depth", "half_width", "min_chroma", "background_tolerance", "min_chroma_per_lightness"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const BackgroundMap& bg = ctx.background();
    const FaceFrame& fr = ctx.frame();
    // Without a head top found against the background, a crown band of typical height is used.
    const double top =
        bg.head_top_sure ? bg.head_top : std::max(0.0, fr.brow_top - rule.param("typical_crown") * fr.face_width);
    const double bottom = top + rule.param("depth") * (fr.brow_top - top);
    const double half = rule.param("half_width") * fr.face_width;
    const cv::Rect crown = clip(cv::Rect(cv::Point(cvRound(fr.centre_x - half), cvRound(top)),
                                         cv::Point(cvRound(fr.centre_x + half), cvRound(bottom))),
                                ctx.size());
    if (crown.area() < kMinCrown) return not_assessed(rule, Cause::CrownTooSmall);
    const double min_chroma = rule.param("min_chroma"), bg_tol = rule.param("background_tolerance");
    // 8-bit OpenCV Lab stores L* * 255 / 100.
    const double per_level = rule.param("min_chroma_per_lightness") * 100.0 / 255.0;
    long hits = 0, n = 0;
    for (int y = crown.y; y < crown.y + crown.height; ++y)
      for (int x = crown.x; x < crown.x + crown.width; ++x) {
        const cv::Vec3b p = ctx.lab().at<cv::Vec3b>(y, x);
        if (ctx.skin().valid && ctx.skin().is_skin(p)) continue;  // a bald crown or the forehead
        if (is_background(ctx, p, x, y, bg_tol)) continue;        // a coloured wall beside a round crown
        ++n;
        const double chroma = std::hypot(p[1] - 128.0, p[2] - 128.0);
        hits += chroma > min_chroma && chroma > per_level * p[0];
      }
    const double v = n ? double(hits) / n : 0;
    Finding f = judged(rule, v);
    f.geometry.push_back(rect_shape(crown, fmt(v * 100, 0) + "%"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_head_covering() { return std::make_unique<HeadCovering>(); }
}  // namespace rs::findings
