#pragma once
// Regions on the photo that many measures share, built from the landmarks, and the face frame
// (photo/face_frame.hpp: lengths and points from the 68 landmarks) under findings' names. Pure
// functions. findings/ builds on photo/, never the other way (photo/face_geometry.hpp).
#include <vector>

#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"
#include "core/photo/face_frame.hpp"

namespace rs::findings {

using photo::distance;
using photo::face_frame;
using photo::FaceFrame;

inline cv::Point2f cvp(const Point& p) { return {p.x, p.y}; }
// Landmarks from..to (inclusive) as an integer polygon for cv::fillPoly.
std::vector<cv::Point> landmark_polygon(const FaceGeometry& face, int from, int to);
// A square of side `side` centred on p, clipped to the image.
cv::Rect square_at(const Point& p, double side, const cv::Size& image);
cv::Rect clip(const cv::Rect& r, const cv::Size& image);

}  // namespace rs::findings
