// accessory.earrings: small bright highlights (pearls, metal) below the ear lobes, found with a
// white top-hat, outside the background. Value: highlight area over the squared inter-eye distance.
// A heuristic: it asks the reviewer to look (warn) rather than failing.
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class Earrings final : public Measure {
 public:
  std::string_view id() const override { return "accessory.earrings"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    const BackgroundMap& bg = ctx.background();
    const int k = std::max(3, cvRound(rule.param("blob", 0.12) * ied)) | 1;
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k));
    double total = 0;
    Finding f;
    std::vector<Shape> shapes;
    for (int side = 0; side < 2; ++side) {
      const Point lobe = side == 0 ? lm[2] : lm[14];
      const double out = side == 0 ? -1 : 1;
      const cv::Rect r = clip(cv::Rect(cv::Point(cvRound(lobe.x + out * 0.45 * ied), cvRound(lobe.y - 0.15 * ied)),
                                       cv::Point(cvRound(lobe.x - out * 0.05 * ied), cvRound(lobe.y + 0.6 * ied))),
                              ctx.size());
      if (r.area() < 9) continue;
      cv::Mat hat;
      cv::morphologyEx(ctx.grey()(r), hat, cv::MORPH_TOPHAT, kernel);
      long hits = 0;
      for (int y = 0; y < r.height; ++y)
        for (int x = 0; x < r.width; ++x) {
          if (hat.at<std::uint8_t>(y, x) < rule.param("contrast", 45)) continue;
          const int fx = static_cast<int>((x + r.x) * bg.scale), fy = static_cast<int>((y + r.y) * bg.scale);
          if (bg.flood.at<std::uint8_t>(std::min(fy, bg.flood.rows - 1), std::min(fx, bg.flood.cols - 1))) continue;
          ++hits;
        }
      total += hits;
      shapes.push_back(rect_shape(r, std::to_string(hits) + " px"));
    }
    f = judged(rule, total / (ied * ied));
    f.geometry = std::move(shapes);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_earrings() { return std::make_unique<Earrings>(); }
}  // namespace rs::findings
