#pragma once
// Head pose from the 68 landmarks: cv::solvePnP against a generic 3D face (the eyes, the nose and
// the jaw contour: 38 points that do not move with the expression), camera centred on the nose tip.
#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"

namespace rs::findings {

struct HeadPose {
  bool ok = false;
  double yaw = 0;          // degrees, positive = the face turned towards the image's right
  double pitch = 0;        // degrees, positive = chin down
  double pitch_inner = 0;  // the same from the eyes and the nose alone (no jaw contour)
  double roll = 0;         // degrees, positive = clockwise in the image
  cv::Vec3d rvec, tvec;
  cv::Matx33d camera;
  // Projected ends of the pose axes from the nose tip (x red, y green, z blue), for drawing.
  Point origin, x_axis, y_axis, z_axis;
};

HeadPose head_pose(const FaceGeometry& face, const cv::Size& image);

// Yaw from the nose tip's place between the two sides of the face contour (degrees, positive = the
// nose towards the image's right). Less biased than the generic-model fit on real faces.
double yaw_from_symmetry(const FaceGeometry& face);

}  // namespace rs::findings
