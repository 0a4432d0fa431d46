#pragma once
// Shared by the measures that read the face skin's grey-level histogram (lighting.face_shadow,
// lighting.glare, lighting.underexposed, lighting.overexposed) and the face's own lit skin
// (FaceLight, face_light.hpp: lighting.uniformity, lighting.face_shadow, the exposure rules).
#include <array>

#include <opencv2/core.hpp>

#include "core/findings/context.hpp"
#include "core/findings/finding.hpp"

namespace rs::findings {

// Which tail of the histogram a measure looks at: darker than a cut, or brighter than it.
enum class Tail { Dark, Bright };

// The median grey of the face skin (0 without a face).
int skin_median(const std::array<double, 256>& histogram);
// Share of the histogram in [lo, hi] (inclusive, clamped to 0..255).
double histogram_share(const std::array<double, 256>& histogram, int lo, int hi);
// How far each face skin pixel is past `cut` into the tail, 0..1, as a coarse heat map; with
// `within` (a CV_8U mask of face_rect's size, e.g. from to_photo_mask), only its pixels.
ValueMap tail_map(const PhotoContext& ctx, double cut, Tail tail, const cv::Mat& within = {});
// Outlines of the (up to five) largest skin regions past `cut`, added to the finding's geometry
// (with `within`, as for tail_map).
void add_tail_outlines(const PhotoContext& ctx, double cut, Tail tail, Finding& f, const cv::Mat& within = {});

// FaceLight (face_light.hpp), the face's own skin, is made once per photo: PhotoContext::face_light.
inline const FaceLight& face_light(const PhotoContext& ctx) { return ctx.face_light(); }
// Normalised grey histogram of `grey` where `mask` is set (all zero when nothing is).
std::array<double, 256> masked_histogram(const cv::Mat& grey, const cv::Mat& mask);
// The pixels of `mask` in its 8-connected patches of at least `min_area` pixels.
cv::Mat large_patches(const cv::Mat& mask, int min_area);
// Pixels set in `mask`.
int mask_count(const cv::Mat& mask);
// The bounding box of `levelled_mask` (one of FaceLight's) as a closed outline on the photo.
Shape levelled_outline(const FaceLight& light, const cv::Mat& levelled_mask, std::string label);
// `levelled_mask` (one of FaceLight's) drawn back onto the photo: a CV_8U mask of `area`'s size
// whose (0, 0) is the photo pixel area.tl().
cv::Mat to_photo_mask(const FaceLight& light, const cv::Mat& levelled_mask, const cv::Rect& area);

}  // namespace rs::findings
