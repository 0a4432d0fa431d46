#include "core/demo/nod_morph.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/findings/face_locator.hpp"

namespace rs::demo {
namespace {
// Depth towards the camera, in outer eye-corner distances: sides of the face far back, the nose
// out in front, the chin a little ahead of the eyes.
double rough_depth(int i) {
  if (i <= 16) return 0.1 - 0.6 * std::pow(std::abs(i - 8) / 8.0, 1.5);
  if (i <= 26) return 0.15;
  if (i <= 30) return 0.15 + 0.07 * (i - 27);
  if (i <= 35) return 0.22;
  if (i <= 47) return 0.03;
  return 0.18;
}
}  // namespace

findings::FaceGeometry nodded(const findings::FaceGeometry& f, double deg) {
  findings::FaceGeometry out = f;
  const auto& lm = f.landmarks;
  const double ied = std::hypot(lm[45].x - lm[36].x, lm[45].y - lm[36].y);
  const double cy = (f.left_eye.y + f.right_eye.y) / 2;
  const double a = deg * CV_PI / 180;
  for (int i = 0; i < 68; ++i) {
    const double y = lm[i].y - cy, z = rough_depth(i) * ied;
    out.landmarks[i].y = static_cast<float>(cy + y * std::cos(a) + z * std::sin(a));
  }
  findings::fill_eyes_and_roll(out);
  return out;
}

cv::Mat morph(const cv::Mat& m, const findings::FaceGeometry& from, const findings::FaceGeometry& to) {
  std::vector<cv::Point2f> src, dst;
  for (int i = 0; i < 68; ++i) {
    src.emplace_back(from.landmarks[i].x, from.landmarks[i].y);
    dst.emplace_back(to.landmarks[i].x, to.landmarks[i].y);
  }
  const float w = static_cast<float>(m.cols - 1), h = static_cast<float>(m.rows - 1);
  for (cv::Point2f p : {cv::Point2f(0, 0), {w / 2, 0}, {w, 0}, {w, h / 2}, {w, h}, {w / 2, h}, {0, h}, {0, h / 2}}) {
    src.push_back(p);
    dst.push_back(p);
  }
  cv::Subdiv2D mesh(cv::Rect(0, 0, m.cols, m.rows));
  for (const auto& p : dst) mesh.insert(p);
  std::vector<cv::Vec6f> triangles;
  mesh.getTriangleList(triangles);
  auto index_of = [&](cv::Point2f p) {
    for (std::size_t i = 0; i < dst.size(); ++i)
      if (std::abs(dst[i].x - p.x) < 0.01f && std::abs(dst[i].y - p.y) < 0.01f) return static_cast<int>(i);
    return -1;
  };
  cv::Mat mx(m.size(), CV_32F, cv::Scalar(-1)), my(m.size(), CV_32F, cv::Scalar(-1));
  for (const auto& t : triangles) {
    const int a = index_of({t[0], t[1]}), b = index_of({t[2], t[3]}), c = index_of({t[4], t[5]});
    if (a < 0 || b < 0 || c < 0) continue;  // a triangle on Subdiv2D's outer virtual vertices
    const cv::Point2f d[3] = {dst[a], dst[b], dst[c]}, s[3] = {src[a], src[b], src[c]};
    const cv::Mat back = cv::getAffineTransform(d, s);
    std::vector<cv::Point> poly = {d[0], d[1], d[2]};
    cv::Mat inside = cv::Mat::zeros(m.size(), CV_8U);
    cv::fillConvexPoly(inside, poly, 255);
    const cv::Rect box = cv::boundingRect(poly) & cv::Rect(0, 0, m.cols, m.rows);
    for (int y = box.y; y < box.y + box.height; ++y)
      for (int x = box.x; x < box.x + box.width; ++x) {
        if (!inside.at<uchar>(y, x)) continue;
        mx.at<float>(y, x) =
            static_cast<float>(back.at<double>(0, 0) * x + back.at<double>(0, 1) * y + back.at<double>(0, 2));
        my.at<float>(y, x) =
            static_cast<float>(back.at<double>(1, 0) * x + back.at<double>(1, 1) * y + back.at<double>(1, 2));
      }
  }
  // Pixels no triangle covered (on the frame's edge) keep their place.
  for (int y = 0; y < m.rows; ++y)
    for (int x = 0; x < m.cols; ++x)
      if (mx.at<float>(y, x) < 0) {
        mx.at<float>(y, x) = static_cast<float>(x);
        my.at<float>(y, x) = static_cast<float>(y);
      }
  cv::Mat out;
  cv::remap(m, out, mx, my, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

}  // namespace rs::demo
