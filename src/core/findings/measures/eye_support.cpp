#include "core/findings/measures/eye_support.hpp"

#include <cmath>

#include <opencv2/imgproc.hpp>

namespace rs::findings {

std::optional<std::array<EyePatch, 2>> eye_patches(const PhotoContext& ctx, double side_ied) {
  std::array<EyePatch, 2> eyes;
  const double side = ctx.frame().ied * side_ied;
  const std::array<Point, 2> centres = {ctx.face().right_eye, ctx.face().left_eye};
  for (int i = 0; i < 2; ++i) {
    eyes[i].box = square_at(centres[i], side, ctx.size());
    if (eyes[i].box.area() < 9) return std::nullopt;
    eyes[i].outline = landmark_polygon(ctx.face(), 36 + 6 * i, 41 + 6 * i);
  }
  return eyes;
}

LevelledFace levelled_face(const PhotoContext& ctx) {
  LevelledFace lf;
  const Point r = ctx.face().right_eye, l = ctx.face().left_eye;
  const double ied = std::hypot(l.x - r.x, l.y - r.y);
  if (ied < 16) return lf;
  const cv::Point2f mid((r.x + l.x) / 2, (r.y + l.y) / 2);
  lf.eye_mid = {3 * LevelledFace::kIed / 2, 3 * LevelledFace::kIed / 4};
  // Rotating by the eye line's angle (clockwise positive in the image) levels it.
  cv::Mat m = cv::getRotationMatrix2D(mid, std::atan2(l.y - r.y, l.x - r.x) * 180 / CV_PI, LevelledFace::kIed / ied);
  m.at<double>(0, 2) += lf.eye_mid.x - mid.x;
  m.at<double>(1, 2) += lf.eye_mid.y - mid.y;
  cv::warpAffine(ctx.grey(), lf.grey, m, cv::Size(3 * LevelledFace::kIed, 2 * LevelledFace::kIed), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  cv::Mat back;
  cv::invertAffineTransform(m, back);
  lf.back = cv::Matx23d(back);
  return lf;
}

Point LevelledFace::to_photo(cv::Point2d q) const {
  const cv::Vec2d p = back * cv::Vec3d(q.x, q.y, 1);
  return {float(p[0]), float(p[1])};
}

cv::Mat polygon_mask(const cv::Rect& box, const std::vector<cv::Point>& poly, double grow) {
  cv::Mat m = cv::Mat::zeros(box.size(), CV_8U);
  cv::Point2d c(0, 0);
  for (const auto& p : poly) c += cv::Point2d(p);
  c *= 1.0 / poly.size();
  std::vector<cv::Point> local;
  for (const auto& p : poly) local.emplace_back(cvRound(c.x + (p.x - c.x) * grow) - box.x, cvRound(c.y + (p.y - c.y) * grow) - box.y);
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{local}, cv::Scalar(255));
  return m;
}

}  // namespace rs::findings
