#include "core/findings/measures/light_support.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr double kHeatCellPx = 4;        // photo px per cell of the shadow and glare heat maps
constexpr std::size_t kMaxOutlines = 5;  // the largest regions past the cut that are outlined
}  // namespace

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
  cv::Mat g;
  ctx.grey()(r).convertTo(g, CV_32F);
  // Whole-array arithmetic (not per pixel): this runs twice per photo, for shadow and glare.
  cv::Mat s =
      tail == Tail::Dark ? (cut - g) * (1.0 / std::max(1.0, cut)) : (g - cut) * (1.0 / std::max(1.0, 255 - cut));
  cv::max(s, 0.0, s);
  cv::min(s, 1.0, s);
  s.setTo(0, ctx.skin_mask()(r) == 0);
  return heat_map(s, cv::Rect2d(r), kHeatCellPx);
}

void add_tail_outlines(const PhotoContext& ctx, double cut, Tail tail, Finding& f) {
  const cv::Rect r = ctx.face_rect();
  cv::Mat sel;
  cv::threshold(ctx.grey()(r), sel, cut, 255, tail == Tail::Dark ? cv::THRESH_BINARY_INV : cv::THRESH_BINARY);
  cv::bitwise_and(sel, ctx.skin_mask()(r), sel);
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(sel, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::sort(contours.begin(), contours.end(),
            [](const auto& a, const auto& b) { return cv::contourArea(a) > cv::contourArea(b); });
  for (std::size_t i = 0; i < std::min(contours.size(), kMaxOutlines); ++i) {
    std::vector<Point> pts;
    for (const auto& p : contours[i]) pts.push_back({float(p.x + r.x), float(p.y + r.y)});
    if (pts.size() > 2) {
      pts.push_back(pts.front());
      f.geometry.push_back(polyline_shape(std::move(pts)));
    }
  }
}

}  // namespace rs::findings
