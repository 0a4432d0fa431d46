#include "core/findings/face_frame.hpp"

#include <algorithm>
#include <cmath>

namespace rs::findings {
namespace {
// A tiny face still gets a 2 x 2 patch rather than one pixel (or none) to sample.
constexpr int kMinSquareSide = 2;
}  // namespace

std::vector<cv::Point> landmark_polygon(const FaceGeometry& face, int from, int to) {
  std::vector<cv::Point> poly;
  for (int i = from; i <= to && i < static_cast<int>(face.landmarks.size()); ++i)
    poly.emplace_back(static_cast<int>(std::lround(face.landmarks[i].x)),
                      static_cast<int>(std::lround(face.landmarks[i].y)));
  return poly;
}

cv::Rect clip(const cv::Rect& r, const cv::Size& image) { return r & cv::Rect(0, 0, image.width, image.height); }

cv::Rect square_at(const Point& p, double side, const cv::Size& image) {
  const int s = std::max(kMinSquareSide, static_cast<int>(std::lround(side)));
  return clip(
      cv::Rect(static_cast<int>(std::lround(p.x - s / 2.0)), static_cast<int>(std::lround(p.y - s / 2.0)), s, s),
      image);
}

}  // namespace rs::findings
