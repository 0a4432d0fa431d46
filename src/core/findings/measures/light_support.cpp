#include "core/findings/measures/light_support.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {

int skin_median(const std::array<double, 256>& h) {
  double acc = 0;
  int median = 0;
  while (median < 255 && (acc += h[median]) < 0.5) ++median;
  return median;
}

double histogram_share(const std::array<double, 256>& h, int lo, int hi) {
  double share = 0;
  for (int i = std::max(0, lo); i <= std::min(255, hi); ++i) share += h[i];
  return share;
}

ValueMap tail_map(const PhotoContext& ctx, double cut, Tail tail) {
  const cv::Rect r = ctx.face_rect();
  if (r.area() == 0) return {};
  cv::Mat s(r.size(), CV_32F, cv::Scalar(0));
  for (int y = 0; y < r.height; ++y)
    for (int x = 0; x < r.width; ++x) {
      if (!ctx.skin_mask().at<std::uint8_t>(y + r.y, x + r.x)) continue;
      const double g = ctx.grey().at<std::uint8_t>(y + r.y, x + r.x);
      const double v = tail == Tail::Dark ? (cut - g) / std::max(1.0, cut) : (g - cut) / std::max(1.0, 255 - cut);
      s.at<float>(y, x) = static_cast<float>(std::clamp(v, 0.0, 1.0));
    }
  return heat_map(s, cv::Rect2d(r), 4);
}

void add_tail_outlines(const PhotoContext& ctx, double cut, Tail tail, Finding& f) {
  const cv::Rect r = ctx.face_rect();
  cv::Mat sel;
  cv::threshold(ctx.grey()(r), sel, cut, 255, tail == Tail::Dark ? cv::THRESH_BINARY_INV : cv::THRESH_BINARY);
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

}  // namespace rs::findings
