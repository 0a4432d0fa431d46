#include "core/findings/measures/light_support.hpp"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr double kHeatCellPx = 4;        // photo px per cell of the shadow and glare heat maps
constexpr std::size_t kMaxOutlines = 5;  // the largest regions past the cut that are outlined

}  // namespace

std::array<double, 256> masked_histogram(const cv::Mat& grey, const cv::Mat& mask) {
  std::array<double, 256> h{};
  long n = 0;
  for (int y = 0; y < grey.rows; ++y) {
    const auto* g = grey.ptr<std::uint8_t>(y);
    const auto* m = mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x)
      if (m[x]) {
        h[g[x]] += 1;
        ++n;
      }
  }
  if (n)
    for (auto& v : h) v /= n;
  return h;
}

cv::Mat large_patches(const cv::Mat& mask, int min_area) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<std::uint8_t> keep(n, 0);
  for (int c = 1; c < n; ++c) keep[c] = stats.at<int>(c, cv::CC_STAT_AREA) >= min_area ? 255 : 0;
  cv::Mat out(mask.size(), CV_8U);
  for (int y = 0; y < mask.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    auto* o = out.ptr<std::uint8_t>(y);
    for (int x = 0; x < mask.cols; ++x) o[x] = keep[l[x]];
  }
  return out;
}

int mask_count(const cv::Mat& mask) { return mask.empty() ? 0 : cv::countNonZero(mask); }

Shape levelled_outline(const FaceLight& light, const cv::Mat& levelled_mask, std::string label) {
  const cv::Rect b = cv::boundingRect(levelled_mask);
  std::vector<Point> pts;
  for (const cv::Point q : {b.tl(), cv::Point(b.br().x, b.y), b.br(), cv::Point(b.x, b.br().y), b.tl()}) {
    const cv::Vec2d p = light.back * cv::Vec3d(q.x, q.y, 1);
    pts.push_back({float(p[0]), float(p[1])});
  }
  return polyline_shape(std::move(pts), std::move(label));
}

cv::Mat to_photo_mask(const FaceLight& light, const cv::Mat& levelled_mask, const cv::Rect& area) {
  cv::Matx23d to_levelled;
  cv::invertAffineTransform(light.back, to_levelled);
  // Photo pixel (x, y) of the area is (x + area.x, y + area.y): shift the map's input.
  for (int r = 0; r < 2; ++r) to_levelled(r, 2) += to_levelled(r, 0) * area.x + to_levelled(r, 1) * area.y;
  cv::Mat out;
  cv::warpAffine(levelled_mask, out, cv::Mat(to_levelled), area.size(), cv::INTER_NEAREST | cv::WARP_INVERSE_MAP,
                 cv::BORDER_CONSTANT);
  return out;
}

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

ValueMap tail_map(const PhotoContext& ctx, double cut, Tail tail, const cv::Mat& within) {
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
  if (!within.empty()) s.setTo(0, within == 0);
  return heat_map(s, cv::Rect2d(r), kHeatCellPx);
}

void add_tail_outlines(const PhotoContext& ctx, double cut, Tail tail, Finding& f, const cv::Mat& within) {
  const cv::Rect r = ctx.face_rect();
  cv::Mat sel;
  cv::threshold(ctx.grey()(r), sel, cut, 255, tail == Tail::Dark ? cv::THRESH_BINARY_INV : cv::THRESH_BINARY);
  cv::bitwise_and(sel, ctx.skin_mask()(r), sel);
  if (!within.empty()) cv::bitwise_and(sel, within, sel);
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
