#include "core/findings/measures/eye_support.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace rs::findings {
namespace {
constexpr int kMinEyePatch = 9;  // px: a patch cut smaller by the photo's edge is too small to measure
}  // namespace

std::optional<std::array<EyePatch, 2>> eye_patches(const PhotoContext& ctx, double side_ied) {
  std::array<EyePatch, 2> eyes;
  const double side = ctx.frame().ied * side_ied;
  const std::array<Point, 2> centres = {ctx.face().right_eye, ctx.face().left_eye};
  for (int i = 0; i < 2; ++i) {
    eyes[i].box = square_at(centres[i], side, ctx.size());
    if (eyes[i].box.area() < kMinEyePatch) return std::nullopt;
    eyes[i].outline = landmark_polygon(ctx.face(), 36 + 6 * i, 41 + 6 * i);
    eyes[i].centre = {centres[i].x - eyes[i].box.x, centres[i].y - eyes[i].box.y};
  }
  return eyes;
}

Finding EyeMeasure::judge_worse_eye(const PhotoContext& ctx, const RuleSpec& rule, double side_ied, WorseEye worse,
                                    const std::function<double(const EyePatch&)>& value_of,
                                    const std::function<std::string(double)>& label_of) const {
  const auto eyes = eye_patches(ctx, side_ied);
  if (!eyes) return not_assessed(rule, Cause::EyesTooSmall);
  double worst = worse == WorseEye::Lower ? 1e9 : 0;
  std::vector<Shape> shapes;
  for (const EyePatch& e : *eyes) {
    const double v = value_of(e);
    worst = worse == WorseEye::Lower ? std::min(worst, v) : std::max(worst, v);
    shapes.push_back(rect_shape(e.box, label_of(v)));
  }
  Finding f = judged(rule, worst);
  f.geometry = std::move(shapes);
  return f;
}

cv::Mat polygon_mask(const cv::Rect& box, const std::vector<cv::Point>& poly, double grow) {
  cv::Mat m = cv::Mat::zeros(box.size(), CV_8U);
  cv::Point2d c(0, 0);
  for (const auto& p : poly) c += cv::Point2d(p);
  c *= 1.0 / poly.size();
  std::vector<cv::Point> local;
  for (const auto& p : poly)
    local.emplace_back(cvRound(c.x + (p.x - c.x) * grow) - box.x, cvRound(c.y + (p.y - c.y) * grow) - box.y);
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{local}, cv::Scalar(255));
  return m;
}

}  // namespace rs::findings
