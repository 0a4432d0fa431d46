#include "core/findings/face_frame.hpp"

#include <algorithm>
#include <cmath>

namespace rs::findings {

double distance(const Point& a, const Point& b) { return std::hypot(a.x - b.x, a.y - b.y); }

namespace {
Point mix(std::initializer_list<std::pair<Point, float>> parts) {
  Point p;
  for (const auto& [q, w] : parts) {
    p.x += q.x * w;
    p.y += q.y * w;
  }
  return p;
}
}  // namespace

FaceFrame face_frame(const FaceGeometry& f) {
  FaceFrame fr;
  const auto& lm = f.landmarks;
  fr.eye_mid = {(f.left_eye.x + f.right_eye.x) / 2, (f.left_eye.y + f.right_eye.y) / 2};
  fr.ied = distance(f.left_eye, f.right_eye);
  if (lm.size() != 68) return fr;
  fr.chin = lm[8];
  fr.eye_to_chin = distance(fr.eye_mid, fr.chin);
  fr.face_width = distance(lm[0], lm[16]);
  fr.centre_x = (lm[0].x + lm[16].x) / 2;
  fr.brow_top = lm[17].y;
  for (int i = 17; i <= 26; ++i) fr.brow_top = std::min<double>(fr.brow_top, lm[i].y);
  // Cheeks: below the eye's outer half, beside the nose, above the mouth corner.
  fr.right_cheek = mix({{lm[41], 0.35f}, {lm[2], 0.25f}, {lm[31], 0.2f}, {lm[48], 0.2f}});
  fr.left_cheek = mix({{lm[46], 0.35f}, {lm[14], 0.25f}, {lm[35], 0.2f}, {lm[54], 0.2f}});
  return fr;
}

std::vector<cv::Point> landmark_polygon(const FaceGeometry& face, int from, int to) {
  std::vector<cv::Point> poly;
  for (int i = from; i <= to && i < static_cast<int>(face.landmarks.size()); ++i)
    poly.emplace_back(static_cast<int>(std::lround(face.landmarks[i].x)), static_cast<int>(std::lround(face.landmarks[i].y)));
  return poly;
}

cv::Rect clip(const cv::Rect& r, const cv::Size& image) { return r & cv::Rect(0, 0, image.width, image.height); }

cv::Rect square_at(const Point& p, double side, const cv::Size& image) {
  const int s = std::max(2, static_cast<int>(std::lround(side)));
  return clip(cv::Rect(static_cast<int>(std::lround(p.x - s / 2.0)), static_cast<int>(std::lround(p.y - s / 2.0)), s, s), image);
}

}  // namespace rs::findings
