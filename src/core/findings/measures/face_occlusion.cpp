// face.occlusion: share of the lower face (cheeks, nose, chin; lips and nostrils excluded) covered by
// something that is not the face: a hand, a mask, a phone, a scarf, a microphone.
// Not every pixel that differs from the cheeks is a cover. A beard, stubble and shadow are darker
// and greyer than the cheeks, and on real photos they were a third to a half of the lower face
// (a hand with a microphone over a mouth read less than some beards). What only a cover brings is
// a pixel lighter than the cheeks that is not skin (a lit hand in front, a white or pale mask, a
// phone's face) or a cool colour (blue, green: no skin, lip, beard or shadow is cool). The value is
// the share of those. A dark cover (a black mask) looks like a full beard: when dark, greyer
// pixels fill params.dark_unsure of the lower face, the finding warns and says it is not sure.
// A face with fewer than params.min_ied_px px between the eyes is not judged: JPEG keeps colour at
// half that resolution, so the lower face's colours are then mixed with the wall's and the shirt's
// (a 191x264 snapshot read a quarter of a bare face as covered).
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr double kBelowEyes = 0.25;  // the lower face starts this many inter-eye distances below the eye line
// A cool colour: a (green-red) or b (blue-yellow) at least kCool levels below neutral (128).
constexpr int kCool = 5;

struct LowerFace {
  int pixels = 0, cover = 0, dark = 0;
};

LowerFace classify(const PhotoContext& ctx, const cv::Mat& lower, const cv::Rect& r) {
  const SkinModel& skin = ctx.skin();
  const double skin_chroma = std::hypot(skin.mean[1] - 128.0, skin.mean[2] - 128.0);
  LowerFace out;
  for (int y = r.y; y < r.y + r.height; ++y) {
    const auto* lab = ctx.lab().ptr<cv::Vec3b>(y);
    const auto* m = lower.ptr<std::uint8_t>(y);
    for (int x = r.x; x < r.x + r.width; ++x) {
      if (!m[x]) continue;
      ++out.pixels;
      const cv::Vec3b p = lab[x];
      if (skin.is_skin(p)) continue;
      const bool cool = p[1] < 128 - kCool || p[2] < 128 - kCool;
      if (cool || p[0] >= skin.mean[0])
        ++out.cover;
      else if (std::hypot(p[1] - 128.0, p[2] - 128.0) <= skin_chroma)
        ++out.dark;  // beard, stubble, shadow or a dark cover: greyer and darker than the cheeks
      // else darker and more coloured: lip edges, blush, a flushed chin; not counted
    }
  }
  return out;
}

class Occlusion final : public Measure {
 public:
  std::string_view id() const override { return "face.occlusion"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "FEATURES_HIDDEN"; }
  std::vector<std::string_view> params() const override { return {"dark_unsure", "min_ied_px"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (ctx.frame().ied < rule.param("min_ied_px")) return not_assessed(rule, Cause::FaceTooSmall);
    if (!ctx.skin().valid) return not_assessed(rule, Cause::NoSkinReference);
    const cv::Rect r = ctx.face_rect();
    const int from = cvRound(ctx.frame().eye_mid.y + kBelowEyes * ctx.frame().ied);
    cv::Mat lower = ctx.skin_mask().clone();
    if (from > 0) lower.rowRange(0, std::min(from, lower.rows)).setTo(0);
    const LowerFace counts = classify(ctx, lower, r);
    if (counts.pixels == 0) return not_assessed(rule, Cause::CheeksHidden);
    const double v = double(counts.cover) / counts.pixels, dark = double(counts.dark) / counts.pixels;
    Finding f = judged(rule, v);
    if (dark >= rule.param("dark_unsure")) {
      if (f.verdict == Verdict::Pass) f.verdict = Verdict::Warn;
      mark_unsure(f, Cause::DarkCoverOrBeard);
    }
    f.detail += (f.detail.empty() ? "" : "; ") + std::string("darker, greyer than the cheeks (beard, shadow): ") +
                fmt(dark * 100, 0) + "%";
    f.geometry.push_back(rect_shape(cv::Rect(cv::Point(r.x, from), cv::Point(r.x + r.width, r.y + r.height)) & r,
                                    fmt(v * 100, 0) + "%"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_occlusion() { return std::make_unique<Occlusion>(); }
}  // namespace rs::findings
