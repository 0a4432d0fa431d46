// lighting.face_mean: mean grey level (0-255) of the face's skin (too dark / too bright).
// The dark side also reads the photo's own exposure, its brightest params.lit_share of pixels:
// - a dark face in a photo whose bright parts reach params.lit_grey (a lit backdrop, the whites
//   of the eyes, a white collar) may be dark skin, correctly exposed, or a back light: the
//   finding warns, not sure (Cause::DarkFaceLitPhoto), instead of failing the applicant's skin;
// - a face in the warning band of a photo with nothing bright in it at all (a night shot, a
//   photo taken at a third of the light it needed) fails: face and photo both say under-exposed.
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"
#include "core/findings/measures/light_support.hpp"

namespace rs::findings {
namespace {
// The grey that the brightest `share` of the photo's pixels reach.
int bright_end(const cv::Mat& grey, double share) {
  const cv::Mat all(grey.size(), CV_8U, cv::Scalar(255));
  const auto h = masked_histogram(grey, all);
  double above = 0;
  int g = 255;
  while (g > 0 && (above += h[g]) < share) --g;
  return g;
}

class FaceMean final : public Measure {
 public:
  std::string_view id() const override { return "lighting.face_mean"; }
  std::string_view unit() const override { return "grey"; }
  std::string_view reason() const override { return "LIGHTING"; }
  std::vector<std::string_view> params() const override { return {"lit_share", "lit_grey"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& h = ctx.skin_histogram();
    double mean = 0;
    for (int i = 0; i < 256; ++i) mean += i * h[i];
    Finding f = judged(rule, mean);
    f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(mean, 0)));
    const bool dark_side = rule.pass.lo && mean < *rule.pass.lo;
    if (!dark_side) return f;
    const int lit = bright_end(ctx.grey(), rule.param("lit_share"));
    const bool photo_lit = lit >= rule.param("lit_grey");
    f.detail = "the photo's brightest " + fmt(100 * rule.param("lit_share"), 0) + "% reach grey " + std::to_string(lit);
    if (photo_lit && f.verdict == Verdict::Fail) mark_unsure(f, Cause::DarkFaceLitPhoto);
    if (!photo_lit && f.verdict == Verdict::Warn) f.verdict = Verdict::Fail;
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_face_mean() { return std::make_unique<FaceMean>(); }
}  // namespace rs::findings
