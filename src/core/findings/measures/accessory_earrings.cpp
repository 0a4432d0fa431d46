// accessory.earrings: small, compact bright blobs (pearls, studs, metal) at or just below the ear
// lobes, found with a white top-hat and kept only when round-ish, of jewellery size, not touching
// the search box's edge (hair highlights run long), not hanging further than params.max_drop below
// the lobe (collars and shirt buttons sit lower), not skin-coloured (a highlight on a bare ear
// keeps the skin's hue) and surrounded by hair or skin rather than background (a bright notch at
// the edge of a white wall is not an island). Value: the blob count.
// A heuristic: it asks the reviewer to look (warn) rather than failing.
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
// Share of the 2-px ring around a blob (mask in box coordinates) that is background.
double ring_background_share(const PhotoContext& ctx, const cv::Mat& blob, const cv::Rect& box) {
  cv::Mat ring;
  cv::dilate(blob, ring, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
  ring &= ~blob;
  const BackgroundMap& bg = ctx.background();
  long n = 0, hits = 0;
  for (int y = 0; y < ring.rows; ++y)
    for (int x = 0; x < ring.cols; ++x) {
      if (!ring.at<std::uint8_t>(y, x)) continue;
      ++n;
      const int fx = static_cast<int>((x + box.x) * bg.scale), fy = static_cast<int>((y + box.y) * bg.scale);
      hits += bg.flood.at<std::uint8_t>(std::min(fy, bg.flood.rows - 1), std::min(fx, bg.flood.cols - 1)) != 0;
    }
  return n ? double(hits) / n : 0;
}

class Earrings final : public Measure {
 public:
  std::string_view id() const override { return "accessory.earrings"; }
  std::string_view unit() const override { return "blobs"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    const int k = std::max(3, cvRound(rule.param("blob", 0.15) * ied)) | 1;
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k));
    int count = 0;
    std::vector<Shape> shapes;
    for (int side = 0; side < 2; ++side) {
      const Point lobe = side == 0 ? lm[2] : lm[14];
      const double out = side == 0 ? -1 : 1;
      const cv::Rect r = clip(cv::Rect(cv::Point(cvRound(lobe.x + out * 0.4 * ied), cvRound(lobe.y - 0.1 * ied)),
                                       cv::Point(cvRound(lobe.x - out * 0.02 * ied), cvRound(lm[side == 0 ? 4 : 12].y + 0.2 * ied))),
                              ctx.size());
      if (r.width < 4 || r.height < 4) continue;
      shapes.push_back(rect_shape(r));
      const double lowest = lobe.y + rule.param("max_drop", 0.35) * ied;
      for (const cv::Rect& blob : blobs(ctx, r, kernel, ied, rule)) {
        if (blob.y + r.y + blob.height / 2.0 > lowest) continue;
        ++count;
        shapes.push_back(rect_shape(blob + r.tl(), "?"));
      }
    }
    Finding f = judged(rule, count);
    f.geometry = std::move(shapes);
    return f;
  }

 private:
  std::vector<cv::Rect> blobs(const PhotoContext& ctx, const cv::Rect& r, const cv::Mat& kernel, double ied, const RuleSpec& rule) const {
    cv::Mat hat, bright, labels, stats, centroids;
    cv::morphologyEx(ctx.grey()(r), hat, cv::MORPH_TOPHAT, kernel);
    cv::threshold(hat, bright, rule.param("contrast", 40), 255, cv::THRESH_BINARY);
    const int n = cv::connectedComponentsWithStats(bright, labels, stats, centroids, 8);
    const BackgroundMap& bg = ctx.background();
    const double min_area = rule.param("min_area", 0.001) * ied * ied, max_area = rule.param("max_area", 0.015) * ied * ied;
    std::vector<cv::Rect> out;
    for (int i = 1; i < n; ++i) {
      const cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), stats.at<int>(i, cv::CC_STAT_WIDTH),
                       stats.at<int>(i, cv::CC_STAT_HEIGHT));
      const double area = stats.at<int>(i, cv::CC_STAT_AREA);
      if (area < min_area || area > max_area) continue;
      if (b.x == 0 || b.y == 0 || b.x + b.width >= r.width || b.y + b.height >= r.height) continue;
      if (std::max(b.width, b.height) > 2.0 * std::min(b.width, b.height) || area < 0.5 * b.area()) continue;
      const cv::Point c(cvRound((centroids.at<double>(i, 0) + r.x) * bg.scale), cvRound((centroids.at<double>(i, 1) + r.y) * bg.scale));
      if (bg.flood.at<std::uint8_t>(std::min(c.y, bg.flood.rows - 1), std::min(c.x, bg.flood.cols - 1))) continue;
      const cv::Mat blob = labels(b) == i;
      const cv::Scalar m = cv::mean(ctx.lab()(b + r.tl()), blob);
      if (ctx.skin().is_skin(cv::Vec3b(cv::saturate_cast<uchar>(m[0]), cv::saturate_cast<uchar>(m[1]), cv::saturate_cast<uchar>(m[2])))) continue;
      if (ring_background_share(ctx, labels == i, r) > rule.param("max_background_ring", 0.1)) continue;
      out.push_back(b);
    }
    return out;
  }
};
}  // namespace
std::unique_ptr<Measure> make_earrings() { return std::make_unique<Earrings>(); }
}  // namespace rs::findings
