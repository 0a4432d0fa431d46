#include "core/findings/measures/hair_support.hpp"

#include <cmath>

namespace rs::findings {

double lab_dist(const cv::Vec3b& p, const cv::Vec3f& q) {
  const double dl = (p[0] - q[0]) * 0.5;
  return std::sqrt(dl * dl + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
}

std::optional<cv::Vec3f> hair_colour(const PhotoContext& ctx) {
  const BackgroundMap& bg = ctx.background();
  if (!bg.head_top_sure) return std::nullopt;
  const FaceFrame& fr = ctx.frame();
  const double y0 = bg.head_top + 0.15 * (fr.brow_top - bg.head_top), y1 = bg.head_top + 0.45 * (fr.brow_top - bg.head_top);
  const cv::Rect r = clip(cv::Rect(cv::Point(int(fr.centre_x - 0.2 * fr.face_width), int(y0)), cv::Point(int(fr.centre_x + 0.2 * fr.face_width), int(y1))), ctx.size());
  if (r.area() < 10) return std::nullopt;
  const cv::Scalar m = cv::mean(ctx.lab()(r));
  return cv::Vec3f(float(m[0]), float(m[1]), float(m[2]));
}

bool is_background(const PhotoContext& ctx, const cv::Vec3b& p, int x, int y, double tolerance) {
  const BackgroundMap& bg = ctx.background();
  const int fx = static_cast<int>(x * bg.scale), fy = static_cast<int>(y * bg.scale);
  if (bg.flood.at<std::uint8_t>(std::min(fy, bg.flood.rows - 1), std::min(fx, bg.flood.cols - 1))) return true;
  return lab_dist(p, cv::Vec3f(bg.seed_lab[0], bg.seed_lab[1], bg.seed_lab[2])) < tolerance;
}

}  // namespace rs::findings
