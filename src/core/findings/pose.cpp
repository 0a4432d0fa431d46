#include "core/findings/pose.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/calib3d.hpp>

namespace rs::findings {
namespace {
// Generic face in mm, camera-like axes (x right, y down, z away from the camera); nose tip at origin.
const std::vector<cv::Point3d>& model() {
  static const std::vector<cv::Point3d> m = {
      {0, 0, 0},             // 30 nose tip
      {0, 63.6, 12.5},       // 8 chin
      {-43.3, -32.7, 26},    // 36 outer corner of the eye on the image's left
      {43.3, -32.7, 26},     // 45 outer corner of the eye on the image's right
      {-28.9, 28.9, 24.1},   // 48 mouth corner, image left
      {28.9, 28.9, 24.1}};   // 54 mouth corner, image right
  return m;
}
constexpr int kIndex[] = {30, 8, 36, 45, 48, 54};

Point project(const cv::Point3d& p, const HeadPose& hp) {
  std::vector<cv::Point2d> out;
  cv::projectPoints(std::vector<cv::Point3d>{p}, hp.rvec, hp.tvec, hp.camera, cv::noArray(), out);
  return {static_cast<float>(out[0].x), static_cast<float>(out[0].y)};
}
}  // namespace

HeadPose head_pose(const FaceGeometry& face, const cv::Size& image) {
  HeadPose hp;
  if (face.landmarks.size() != 68) return hp;
  std::vector<cv::Point2d> pts;
  for (int i : kIndex) pts.emplace_back(face.landmarks[i].x, face.landmarks[i].y);
  // The principal point is put on the nose tip: an ID photo is cropped, so the true optical centre is
  // unknown, and centring the camera on the face measures the pose relative to the line of sight.
  const double f = std::max(image.width, image.height);
  hp.camera = cv::Matx33d(f, 0, face.landmarks[30].x, 0, f, face.landmarks[30].y, 0, 0, 1);
  cv::Mat rvec, tvec;
  if (!cv::solvePnP(model(), pts, hp.camera, cv::noArray(), rvec, tvec, false, cv::SOLVEPNP_ITERATIVE)) return hp;
  hp.rvec = cv::Vec3d(rvec);
  hp.tvec = cv::Vec3d(tvec);
  cv::Matx33d r;
  cv::Rodrigues(rvec, r);
  cv::Matx33d mtx_r, mtx_q;
  const cv::Vec3d euler = cv::RQDecomp3x3(r, mtx_r, mtx_q);  // degrees about x, y, z
  // Rotations near 180° mean the fit flipped the model; fold them back.
  auto fold = [](double a) { return a > 90 ? a - 180 : a < -90 ? a + 180 : a; };
  hp.pitch = -fold(euler[0]);
  hp.yaw = fold(euler[1]);
  hp.roll = fold(euler[2]);
  hp.ok = true;
  hp.origin = project({0, 0, 0}, hp);
  hp.x_axis = project({40, 0, 0}, hp);
  hp.y_axis = project({0, 40, 0}, hp);
  hp.z_axis = project({0, 0, -40}, hp);
  return hp;
}

double yaw_from_symmetry(const FaceGeometry& face) {
  if (face.landmarks.size() != 68) return 0;
  const auto& lm = face.landmarks;
  // Where the nose sits between the two sides of the face contour, on three rows (nose to mouth).
  double sum = 0;
  for (auto [l, r] : {std::pair{1, 15}, std::pair{2, 14}, std::pair{3, 13}}) {
    const double left = lm[l].x, right = lm[r].x;
    sum += (lm[30].x - left) / std::max(1.0, right - left);
  }
  const double offset = sum / 3 - 0.5;  // 0 = frontal
  // A head is roughly a cylinder with the nose tip standing out by about a third of its radius.
  const double s = std::clamp(2 * offset / 1.3, -1.0, 1.0);
  return std::asin(s) * 180 / CV_PI;
}

}  // namespace rs::findings
