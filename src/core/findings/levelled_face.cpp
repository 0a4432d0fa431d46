#include "core/findings/levelled_face.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace rs::findings {
namespace {
// Eyes closer than this (px between the centres) would be enlarged over 4 times to kIed: the
// levelled image would show interpolation, not edges.
constexpr double kMinIed = 16;
// A horizontal edge needs a row above and a row below it in the searched region.
constexpr int kMinEdgeRows = 3;
}  // namespace

LevelledFace levelled_face(const cv::Mat& grey, const FaceGeometry& face) {
  LevelledFace lf;
  const Point r = face.right_eye, l = face.left_eye;
  const double ied = std::hypot(l.x - r.x, l.y - r.y);
  if (ied < kMinIed) return lf;
  const cv::Point2f mid((r.x + l.x) / 2, (r.y + l.y) / 2);
  lf.eye_mid = {LevelledFace::kSide / 2, LevelledFace::kEyeRow};
  // Rotating by the eye line's angle (clockwise positive in the image) levels it.
  cv::Mat m = cv::getRotationMatrix2D(mid, std::atan2(l.y - r.y, l.x - r.x) * 180 / CV_PI, LevelledFace::kIed / ied);
  m.at<double>(0, 2) += lf.eye_mid.x - mid.x;
  m.at<double>(1, 2) += lf.eye_mid.y - mid.y;
  cv::warpAffine(grey, lf.grey, m, cv::Size(LevelledFace::kSide, LevelledFace::kSide), cv::INTER_LINEAR,
                 cv::BORDER_REPLICATE);
  cv::Mat back;
  cv::invertAffineTransform(m, back);
  lf.back = cv::Matx23d(back);
  return lf;
}

Point LevelledFace::to_photo(cv::Point2d q) const {
  const cv::Vec2d p = back * cv::Vec3d(q.x, q.y, 1);
  return {float(p[0]), float(p[1])};
}

double edge_path(const cv::Mat& gy, const cv::Rect& region, int strips, int slack, int* row) {
  const cv::Rect r = region & cv::Rect(0, 0, gy.cols, gy.rows);
  if (r.height < kMinEdgeRows || r.width < strips) return 0;
  std::vector<std::vector<double>> profile(strips, std::vector<double>(r.height, 0));
  for (int s = 0; s < strips; ++s) {
    const int x0 = r.x + r.width * s / strips, x1 = r.x + r.width * (s + 1) / strips;
    for (int y = 0; y < r.height; ++y) {
      const float* p = gy.ptr<float>(r.y + y);
      double sum = 0;
      for (int x = x0; x < x1; ++x) sum += p[x];
      profile[s][y] = sum / std::max(1, x1 - x0);
    }
  }
  std::vector<double> acc = profile[0], next(r.height);
  for (int s = 1; s < strips; ++s) {
    for (int y = 0; y < r.height; ++y) {
      double prev = -1e18;
      for (int d = std::max(-slack, -y); d <= slack && y + d < r.height; ++d) prev = std::max(prev, acc[y + d]);
      next[y] = prev + profile[s][y];
    }
    acc.swap(next);
  }
  const auto best = std::max_element(acc.begin(), acc.end());
  if (row) *row = int(best - acc.begin()) + r.y;
  return *best / strips;
}

}  // namespace rs::findings
