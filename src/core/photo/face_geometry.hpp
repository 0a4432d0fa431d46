#pragma once
// A face's geometry on a photo: the detected box, the 68 landmarks and the eye centres, in photo
// pixels. Plain data that the crop (photo/) and the rule engine (findings/, which names these
// findings::Point and findings::FaceGeometry) share.
//
// Layering: photo/ is the lower layer. It holds the portrait's geometry, the GA 461 frame and the
// crop, and includes nothing from findings/; findings/ (the rule engine) builds on it.
#include <array>
#include <vector>

namespace rs::photo {

struct Point {
  float x = 0, y = 0;  // photo pixel coordinates (origin top-left)
};

struct FaceGeometry {
  std::array<Point, 2> box;      // min, max of the detected face rectangle
  std::vector<Point> landmarks;  // the 68 dlib landmarks (iBUG order)
  Point left_eye, right_eye;     // centres, left = applicant's left = right side of the image
  double roll_deg = 0;           // eye-line angle, positive = clockwise in the image
  bool turned = false;           // a face in profile found by its box alone (no landmarks)
};

}  // namespace rs::photo
