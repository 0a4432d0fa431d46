#pragma once
// The face levelled and scaled to a fixed inter-eye distance, so that measures can place regions
// in fixed units whatever the photo's size and roll (PhotoContext::levelled() caches it), and the
// edge-path search that finds long straight horizontal edges there (lens rims, hat edges).
#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"

namespace rs::findings {

// The face levelled (eye line horizontal) and scaled to kIed px between the eye centres.
struct LevelledFace {
  // The unit the measures place their regions in; 64 px keeps a lens rim or a hat edge many
  // pixels long while the levelled image stays small to warp and search.
  static constexpr int kIed = 64;
  // The levelled image: three inter-eye distances square (the face from ear to ear), the eyes
  // centred across it and 1.75 units from the top, with more room above them (brows, forehead,
  // a hat's edge) than below (the lower lens rims, the cheeks).
  static constexpr int kSide = 3 * kIed;
  static constexpr int kEyeRow = 7 * kIed / 4;
  cv::Mat grey;  // CV_8U, kSide x kSide, the eyes' midpoint centred on row kEyeRow; empty when the eyes are too close
                 // to measure
  cv::Point eye_mid;  // the eyes' midpoint in `grey`
  cv::Matx23d back;   // levelled -> photo coordinates
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
