// glasses.present: edge strength across the nose bridge between the eyes, where frames cross, over
// the edge strength of the cheeks (a heuristic; people who wear glasses may keep them on).
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class GlassesPresent final : public Measure {
 public:
  std::string_view id() const override { return "glasses.present"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    // The bridge: between the inner eye corners, from the eye line up to the brows.
    const cv::Rect bridge = clip(cv::Rect(cv::Point(cvRound(lm[39].x + 0.05 * ied), cvRound(std::min(lm[21].y, lm[22].y))),
                                          cv::Point(cvRound(lm[42].x - 0.05 * ied), cvRound((lm[39].y + lm[42].y) / 2))), ctx.size());
    const cv::Rect cheek = square_at(ctx.frame().right_cheek, 0.3 * ied, ctx.size());
    if (bridge.area() < 9 || cheek.area() < 9) return not_assessed(rule, "bridge of the nose not visible");
    auto edge = [&](const cv::Rect& r) {
      cv::Mat gy;
      cv::Sobel(ctx.grey()(r), gy, CV_32F, 0, 1);  // frames cross the bridge horizontally
      return cv::mean(cv::abs(gy))[0];
    };
    const double v = edge(bridge) / std::max(2.0, edge(cheek));
    Finding f = judged(rule, v);
    f.geometry.push_back(rect_shape(bridge, fmt(v, 1)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_glasses_present() { return std::make_unique<GlassesPresent>(); }
}  // namespace rs::findings
