#include "core/findings/measures/light_support.hpp"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr double kHeatCellPx = 4;        // photo px per cell of the shadow and glare heat maps
constexpr std::size_t kMaxOutlines = 5;  // the largest regions past the cut that are outlined

// FaceLight's regions and filter, in inter-eye distances (LevelledFace::kIed px).
constexpr double kClosing = 0.11;   // grey closing: dark lines narrower than this are closed over
constexpr double kInnerRim = 0.06;  // eroded off the inner region's edge (hair, jaw shade)
// A cheek: below the eye's outer half, from kCheekTop below the eye line (under a glasses rim)
// down to kCheekBottom of the way to the nose's base, from the outer eye corner to kCheekInward
// past the eye's centre. Not lower and not nearer the nose: the smile's fold, the nose's own
// shadow and a beard's upper edge lie there and darken one side of evenly lit faces.
constexpr double kCheekTop = 0.3, kCheekBottom = 0.85, kCheekInward = 0.1;

cv::Point2d apply(const cv::Matx23d& m, const Point& p) {
  const cv::Vec2d v = m * cv::Vec3d(p.x, p.y, 1);
  return {v[0], v[1]};
}
cv::Mat ellipse_kernel(double units) {
  const int side = std::max(1, 2 * cvRound(units * LevelledFace::kIed / 2) + 1);
  return cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(side, side));
}
// Keeps `mask` only in the band of rows [y0, y1) and columns [x0, x1) (levelled pixels).
void keep_box(cv::Mat& mask, double x0, double x1, double y0, double y1) {
  cv::Mat box = cv::Mat::zeros(mask.size(), CV_8U);
  const cv::Rect r = cv::Rect(cv::Point(cvRound(x0), cvRound(y0)), cv::Point(cvRound(x1), cvRound(y1))) &
                     cv::Rect(0, 0, mask.cols, mask.rows);
  if (r.area() > 0) box(r).setTo(255);
  cv::bitwise_and(mask, box, mask);
}
}  // namespace

FaceLight face_light(const PhotoContext& ctx) {
  FaceLight light;
  if (!ctx.has_face()) return light;
  const LevelledFace& lf = ctx.levelled();
  if (lf.grey.empty()) return light;
  light.grey = lf.grey;
  light.back = lf.back;
  cv::Matx23d to_levelled;
  cv::invertAffineTransform(lf.back, to_levelled);
  const auto& lm = ctx.face().landmarks;
  auto at = [&](int i) { return apply(to_levelled, lm[i]); };
  cv::Mat skin;
  cv::warpAffine(ctx.skin_mask(), skin, cv::Mat(to_levelled), lf.grey.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT);
  cv::morphologyEx(lf.grey, light.closed, cv::MORPH_CLOSE, ellipse_kernel(kClosing));

  // The upper lip: from the nose wings along the nostrils' base to the mouth corners.
  std::vector<cv::Point> lip;
  for (int i : {31, 32, 33, 34, 35, 54, 53, 52, 51, 50, 49, 48}) lip.emplace_back(cvRound(at(i).x), cvRound(at(i).y));
  cv::fillPoly(skin, std::vector<std::vector<cv::Point>>{lip}, cv::Scalar(0));
  const double mouth_y = (at(48).y + at(54).y) / 2;
  light.inner = skin;
  keep_box(light.inner, at(36).x, at(45).x, 0, mouth_y);
  cv::erode(light.inner, light.inner, ellipse_kernel(2 * kInnerRim));

  const double u = LevelledFace::kIed, eye_y = lf.eye_mid.y;
  const double top = eye_y + kCheekTop * u, bottom = eye_y + kCheekBottom * (at(33).y - eye_y);
  for (int side = 0; side < 2; ++side) {
    double eye_x = 0;  // the eye's centre: the mean of its six landmarks
    for (int i = side == 0 ? 36 : 42, n = 0; n < 6; ++i, ++n) eye_x += at(i).x / 6;
    const double x0 = side == 0 ? at(36).x : eye_x - kCheekInward * u;
    const double x1 = side == 0 ? eye_x + kCheekInward * u : at(45).x;
    light.cheek[side] = light.inner.clone();
    keep_box(light.cheek[side], x0, x1, top, bottom);
  }
  return light;
}

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
