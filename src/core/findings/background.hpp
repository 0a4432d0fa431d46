#pragma once
// Where the background is and where the head ends. The background is what a flood fill reaches
// from the top corner(s) of the photo with a small step tolerance (so a vignette or a soft gradient
// is followed, but an edge such as hair or a busy scene is not). The head top is the first row,
// above the face, that the flood does not reach.
#include <opencv2/core.hpp>

#include "core/findings/face_frame.hpp"

namespace rs::findings {

struct BackgroundMap {
  double scale = 1;  // flood and prior are at this scale of the photo
  cv::Mat flood;     // CV_8U, 255 where connected to the seed corner(s)
  cv::Mat prior;     // CV_8U, 255 where the background ought to be (beside and above the head)
  cv::Mat lab;       // the scaled, smoothed photo in 8-bit Lab (for colour statistics)
  cv::Vec3b seed_lab{0, 0, 0};
  bool seeds_agree = true;            // both top corners look alike (else only the brighter one seeded)
  double head_top = 0;                // photo px: first row of the head (hair) in the band above the face
  bool head_top_sure = true;          // false: the head top was estimated from the face, not found
  int head_left = 0, head_right = 0;  // photo px: the band searched for the head top
  cv::Point2d head_centre;            // the head ellipse cut out of the prior, in scaled pixels
  cv::Size2d head_axes;
  // Pixels that are both expected background and reached by the flood: the clean background.
  cv::Mat clean() const;
  // Share of prior pixels the flood reached (1 = a clean, uniform background around the head).
  double connected_share() const;
};

BackgroundMap map_background(const cv::Mat& bgr, const FaceFrame& frame, const cv::Mat& skin_lab = {});

}  // namespace rs::findings
