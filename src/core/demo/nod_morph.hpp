#pragma once
// A head nodded up or down in 3D, for photos: the face's 68 landmarks lifted to 3D with rough
// depths of a human face (written independently of the engine's generic face in pose.cpp), turned
// about the horizontal axis through the eyes and projected again (orthographic); and a piecewise
// affine morph that moves a photo's landmarks onto the nodded ones. Used by the generated set's
// nod variants and by the pose tests.
#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"

namespace rs::demo {

// The landmarks of `f` after a nod of `deg` degrees; > 0 nods the chin down (points in front of
// the face move down the photo). Eye centres and roll are refilled from the moved landmarks.
findings::FaceGeometry nodded(const findings::FaceGeometry& f, double deg);

// The photo warped so that `from`'s landmarks land on `to`'s: each triangle of a Delaunay mesh over
// the target landmarks and the frame's corners and edge midpoints maps affinely onto its source.
// Pixels on the frame's edge keep their place.
cv::Mat morph(const cv::Mat& m, const findings::FaceGeometry& from, const findings::FaceGeometry& to);

}  // namespace rs::demo
