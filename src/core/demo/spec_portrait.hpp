#pragma once
// A source face photo put into GA 461 geometry, with the person separated from the background
// (GrabCut seeded from the landmarks), so variants can change the background or the exposure.
#include <filesystem>

#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"

namespace rs::demo {

// The frame demo photos are put in: the ID card's, whatever the order's document type (every
// spec's frame is GA 461's). Its size and its JPEG quality come from db/spec.
const findings::Ga461Frame& demo_frame();

struct SpecPortrait {
  cv::Mat original;      // demo_frame()'s size, BGR, the source's own background
  cv::Mat on_white;      // the person on a white background
  cv::Mat person_alpha;  // CV_32F, 1 = person, soft edge
  findings::Point eye_mid;
  findings::FaceGeometry face;  // the source's landmarks carried into this frame (for the nod morphs)

  // The person over another background of the same size.
  cv::Mat compose(const cv::Mat& background) const;
};

// Loads, crops and segments once per process (cached; thread-safe). Throws naming the file when it
// cannot be read or holds no face.
struct FaceSource;
const SpecPortrait& spec_portrait(const FaceSource& source);
// Starts building the source's portrait on its own thread if it is not cached yet (a GrabCut
// takes a good part of a second; the sources build side by side on a multi-core machine).
void prefetch_spec_portrait(const FaceSource& source);

}  // namespace rs::demo
