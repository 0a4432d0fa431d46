// lighting.face_shadow and lighting.glare: share of face skin pixels much darker than the face's
// median (shadow) or much brighter than it (specular glare). Their outlines are drawn.
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class LocalLight final : public Measure {
 public:
  explicit LocalLight(bool shadow) : shadow_(shadow) {}
  std::string_view id() const override { return shadow_ ? "lighting.face_shadow" : "lighting.glare"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return shadow_ ? "FACE_SHADOW" : "FACE_GLARE"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& h = ctx.skin_histogram();
    double acc = 0;
    int median = 0;
    while (median < 255 && (acc += h[median]) < 0.5) ++median;
    // Shadow: darker than a fraction of the median. Glare: beyond a fraction of the way to white.
    const double cut = shadow_ ? rule.param("dark_fraction", 0.6) * median
                               : std::max(rule.param("min_grey", 235), median + rule.param("towards_white", 0.6) * (255 - median));
    double share = 0;
    for (int i = 0; i < 256; ++i)
      if (shadow_ ? i < cut : i > cut) share += h[i];
    Finding f = judged(rule, share);
    f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(share * 100, 1) + "%"));
    if (f.verdict != Verdict::Pass) add_outlines(ctx, cut, f);
    f.map = strength_map(ctx, cut);
    return f;
  }

 private:
  // How far each face skin pixel is into the shadow (below the cut) or the glare (above it).
  ValueMap strength_map(const PhotoContext& ctx, double cut) const {
    const cv::Rect r = ctx.face_rect();
    if (r.area() == 0) return {};
    cv::Mat s(r.size(), CV_32F, cv::Scalar(0));
    for (int y = 0; y < r.height; ++y)
      for (int x = 0; x < r.width; ++x) {
        if (!ctx.skin_mask().at<std::uint8_t>(y + r.y, x + r.x)) continue;
        const double g = ctx.grey().at<std::uint8_t>(y + r.y, x + r.x);
        const double v = shadow_ ? (cut - g) / std::max(1.0, cut) : (g - cut) / std::max(1.0, 255 - cut);
        s.at<float>(y, x) = static_cast<float>(std::clamp(v, 0.0, 1.0));
      }
    return heat_map(s, cv::Rect2d(r), 4);
  }

  void add_outlines(const PhotoContext& ctx, double cut, Finding& f) const {
    const cv::Rect r = ctx.face_rect();
    cv::Mat sel;
    cv::threshold(ctx.grey()(r), sel, cut, 255, shadow_ ? cv::THRESH_BINARY_INV : cv::THRESH_BINARY);
    cv::bitwise_and(sel, ctx.skin_mask()(r), sel);
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(sel, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::sort(contours.begin(), contours.end(), [](const auto& a, const auto& b) { return cv::contourArea(a) > cv::contourArea(b); });
    for (std::size_t i = 0; i < std::min<std::size_t>(contours.size(), 5); ++i) {
      std::vector<Point> pts;
      for (const auto& p : contours[i]) pts.push_back({float(p.x + r.x), float(p.y + r.y)});
      if (pts.size() > 2) {
        pts.push_back(pts.front());
        f.geometry.push_back(polyline_shape(std::move(pts)));
      }
    }
  }
  bool shadow_;
};
}  // namespace
std::unique_ptr<Measure> make_face_shadow() { return std::make_unique<LocalLight>(true); }
std::unique_ptr<Measure> make_glare() { return std::make_unique<LocalLight>(false); }
}  // namespace rs::findings
