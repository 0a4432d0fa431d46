#include "core/findings/face_light.hpp"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/findings/context.hpp"

namespace rs::findings {
namespace {
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

FaceLight make_face_light(const PhotoContext& ctx) {
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

}  // namespace rs::findings
