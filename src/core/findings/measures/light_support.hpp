#pragma once
// Shared by the measures that read the face skin's grey-level histogram (lighting.face_shadow,
// lighting.glare, lighting.underexposed, lighting.overexposed) and the face's own lit skin
// (FaceLight: lighting.uniformity, lighting.face_shadow, the exposure rules).
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

// The face's own skin, where light and exposure can be read without what grows on it or sits on
// it. PhotoContext::skin_mask is the whole jaw outline: on real photos it holds beards and
// moustaches, glasses rims, the hair that falls over the face's edge and a hand under the chin,
// all darker than the skin; read as skin they make an evenly lit bearded face "shadowed" and a
// face with black frames "under-exposed". FaceLight reads the levelled face (eyes level, kIed px
// apart), so every region and filter has the same size in face units on every photo:
// - inner: the skin mask between the outer eye corners, from the forehead down to the mouth
//   corners, without the upper lip (a moustache) and a rim along its edge (hair, jaw shade);
// - cheek[0], cheek[1]: its image-left and image-right cheeks under the eyes' outer halves (below
//   a glasses rim, above the smile's fold and the nose's own shadow);
// - closed: the levelled grey with thin dark lines closed over (a grey closing about a tenth of
//   the inter-eye distance wide: rims, wrinkles, stubble, lashes), so a shadow is what is left:
//   a dark area, not a dark line.
struct FaceLight {
  cv::Mat grey, closed;  // CV_8U, LevelledFace::kSide square
  cv::Mat inner;         // CV_8U masks of the same size
  std::array<cv::Mat, 2> cheek;
  cv::Matx23d back;  // levelled -> photo coordinates
  bool empty() const { return inner.empty(); }
};
// Empty without landmarks or when the eyes are too close to level the face.
FaceLight face_light(const PhotoContext& ctx);
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
