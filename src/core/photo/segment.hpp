#pragma once
// Separates the person from the background of a portrait (GrabCut seeded from the 68 landmarks)
// and finds the top of the hair, which the face box does not give.
//
// Layering: photo/ is the lower layer and includes nothing from findings/ (face_geometry.hpp).
#include <opencv2/core.hpp>
#include <optional>

#include "core/photo/face_geometry.hpp"

namespace rs::photo {

// CV_32F alpha, 1 = person, with a soft edge. Deterministic for the same input.
cv::Mat person_alpha(const cv::Mat& bgr, const FaceGeometry& face);

// The first row from the top where the person (alpha > 0.5) covers at least a few pixels of the
// band above the face centre; nullopt when the person reaches the top edge (the hair is cut).
std::optional<int> head_top_row(const cv::Mat& alpha, const FaceGeometry& face);

}  // namespace rs::photo
