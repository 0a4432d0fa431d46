// mouth.teeth: visible teeth (an open smile). Teeth are light, nearly colourless pixels inside the
// inner-lip outline; the value is their area over the squared inter-eye distance. A face with fewer
// than params.min_ied_px px between the eyes is not judged (teeth are then a few blurred pixels).
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class MouthTeeth final : public Measure {
 public:
  std::string_view id() const override { return "mouth.teeth"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "EXPRESSION"; }
  std::vector<std::string_view> params() const override {
    return {"min_lightness_vs_skin", "max_chroma", "min_ied_px"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (ctx.frame().ied < rule.param("min_ied_px")) return not_assessed(rule, Cause::FaceTooSmall);
    const auto inner = landmark_polygon(ctx.face(), 60, 67);
    const cv::Rect r = clip(cv::boundingRect(inner), ctx.size());
    int teeth = 0;
    if (r.area() > 0) {
      cv::Mat mask = cv::Mat::zeros(r.size(), CV_8U);
      std::vector<cv::Point> local;
      for (const auto& p : inner) local.emplace_back(p.x - r.x, p.y - r.y);
      cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{local}, cv::Scalar(255));
      const cv::Mat lab = ctx.lab()(r);
      const double skin_l = ctx.skin().valid ? ctx.skin().mean[0] : kTypicalSkinGrey;  // 8-bit L, about the grey
      const double min_l = rule.param("min_lightness_vs_skin") * skin_l;
      const double max_chroma = rule.param("max_chroma");
      for (int y = 0; y < r.height; ++y)
        for (int x = 0; x < r.width; ++x) {
          if (!mask.at<std::uint8_t>(y, x)) continue;
          const auto& p = lab.at<cv::Vec3b>(y, x);
          const double chroma = std::hypot(p[1] - 128.0, p[2] - 128.0);
          teeth += p[0] >= min_l && chroma <= max_chroma;
        }
    }
    const double ied = std::max(1.0, ctx.frame().ied);
    const double v = teeth / (ied * ied);
    Finding f = judged(rule, v);
    std::vector<Point> outline;
    for (int i = 60; i <= 67; ++i) outline.push_back(ctx.face().landmarks[i]);
    outline.push_back(ctx.face().landmarks[60]);
    f.geometry.push_back(polyline_shape(std::move(outline), fmt(v, 3)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_mouth_teeth() { return std::make_unique<MouthTeeth>(); }
}  // namespace rs::findings
