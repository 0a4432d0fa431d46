#pragma once
// Shared by the measures that look into the two eyes (eyes.visible, eyes.red, glasses.glare): the
// square patch around each eye with its landmark outline, and a mask of that outline in the patch.
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/findings/context.hpp"
#include "core/findings/measure.hpp"

namespace rs::findings {

struct EyePatch {
  cv::Rect box;                    // square around the eye centre, clipped to the photo
  std::vector<cv::Point> outline;  // the eye's six landmarks
  cv::Point2f centre;              // the eye centre, in box coordinates (the box may be clipped)
};

// The right eye (landmarks 36-41, image left) then the left eye (42-47), each in a square of side
// `side_ied` x the inter-eye distance. nullopt when either square is too small to measure.
std::optional<std::array<EyePatch, 2>> eye_patches(const PhotoContext& ctx, double side_ied);

// A measure with one value per eye (eyes.visible, eyes.red, glasses.glare).
class EyeMeasure : public Measure {
 protected:
  enum class WorseEye { Lower, Higher };
  // The flow they share: the patches (cannot assess when too small), one value per eye drawn as
  // its labelled patch, and the rule judged on the worse eye (the lower or the higher value).
  Finding judge_worse_eye(const PhotoContext& ctx, const RuleSpec& rule, double side_ied, WorseEye worse,
                          const std::function<double(const EyePatch&)>& value_of,
                          const std::function<std::string(double)>& label_of) const;
};

// Mask (box size, 255 inside) of `poly` scaled by `grow` about its centroid, in box coordinates.
cv::Mat polygon_mask(const cv::Rect& box, const std::vector<cv::Point>& poly, double grow);

}  // namespace rs::findings
