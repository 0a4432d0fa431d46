#pragma once
// The face levelled and scaled to a fixed inter-eye distance, so that measures can place regions
// in fixed units whatever the photo's size and roll (PhotoContext::levelled() caches it), and the
// edge-path search that finds long straight horizontal edges there (lens rims, hat edges).
#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"

namespace rs::findings {

// The face levelled (eye line horizontal) and scaled to kIed px between the eye centres.
struct LevelledFace {
  static constexpr int kIed = 64;
  cv::Mat grey;        // CV_8U, 3 x 3 kIed (eyes 1.75 kIed from the top); empty when the eyes are too close to measure
  cv::Point eye_mid;   // the eyes' midpoint in `grey`
  cv::Matx23d back;    // levelled -> photo coordinates
  Point to_photo(cv::Point2d levelled) const;
};
LevelledFace levelled_face(const cv::Mat& grey, const FaceGeometry& face);

// Strongest straight-ish horizontal edge across `region` of a signed vertical gradient image: the
// region is cut into `strips` vertical strips, each strip's mean gradient per row is taken (skin
// texture averages away, a straight edge adds up), and a path picks one row per strip, neighbouring
// rows at most `slack` apart. Positive: darker above than below. Returns the path's mean gradient
// and, in *row, the path's last row.
double edge_path(const cv::Mat& gy, const cv::Rect& region, int strips, int slack, int* row = nullptr);

}  // namespace rs::findings
