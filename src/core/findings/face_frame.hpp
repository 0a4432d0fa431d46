#pragma once
// Lengths and points derived from the 68 landmarks that many measures share. Pure functions.
#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"

namespace rs::findings {

struct FaceFrame {
  Point eye_mid;          // midpoint of the two eye centres
  double ied = 0;         // inter-eye distance (eye centres), px
  Point chin;             // landmark 8
  double eye_to_chin = 0; // eye midpoint to chin, px
  double face_width = 0;  // landmark 0 to 16 (the face's width at the ears' roots), px
  double centre_x = 0;    // midpoint of landmarks 0 and 16
  double brow_top = 0;    // highest eyebrow landmark (smallest y)
  Point right_cheek, left_cheek;  // cheek centres; right = the applicant's right = image left
};

FaceFrame face_frame(const FaceGeometry& face);

inline cv::Point2f cvp(const Point& p) { return {p.x, p.y}; }
double distance(const Point& a, const Point& b);
// Landmarks from..to (inclusive) as an integer polygon for cv::fillPoly.
std::vector<cv::Point> landmark_polygon(const FaceGeometry& face, int from, int to);
// A square of side `side` centred on p, clipped to the image.
cv::Rect square_at(const Point& p, double side, const cv::Size& image);
cv::Rect clip(const cv::Rect& r, const cv::Size& image);

}  // namespace rs::findings
