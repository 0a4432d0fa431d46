#pragma once
// The applicant's own skin colour, sampled on both cheeks (CIELAB, OpenCV 8-bit scale:
// L = L*·255/100, a = a*+128, b = b*+128). Hair, occlusion and shadow measures compare pixels to it.
#include <algorithm>

#include <opencv2/core.hpp>

#include "core/findings/colour.hpp"
#include "core/findings/face_frame.hpp"

namespace rs::findings {

// How many robust deviations of chroma from the cheeks still count as skin (lit differently,
// freckles). Rules that look at skin lit otherwise widen it with a spec parameter (hair.eyebrows'
// and accessory.hair_band's skin_sigmas).
constexpr double kSkinSigmas = 3.0;

// The cheek patches the model samples (and colour.skin_natural outlines): squares of this many
// inter-eye distances, at least kMinCheekPatch px, on the cheek centres of FaceFrame.
constexpr double kCheekPatchIed = 0.28;
constexpr double kMinCheekPatch = 4.0;
inline double cheek_patch_side(double ied) { return std::max(kMinCheekPatch, ied * kCheekPatchIed); }

// The face's skin grey (0-255) that contrast measures divide by: SkinModel::grey(), the model's
// lightness, or kTypicalSkinGrey (a mid skin tone) when the cheeks gave no model; at least
// kMinSkinGrey, so a very dark face does not inflate every contrast.
constexpr double kTypicalSkinGrey = 150, kMinSkinGrey = 40;

struct SkinModel {
  bool valid = false;
  cv::Vec3f mean{0, 0, 0};
  cv::Vec3f sd{0, 0, 0};
  // The cheeks' lightness on the 0-255 scale of a grey image (the stored L, L*·255/100), or
  // kTypicalSkinGrey without a model.
  double grey() const { return valid ? mean[0] : kTypicalSkinGrey; }
  bool is_skin(const cv::Vec3b& lab, double sigmas = kSkinSigmas) const;
  // Share (0..1) of pixels in `roi` of `lab` that look like skin, counting only where mask != 0
  // (an empty mask counts every pixel).
  double share(const cv::Mat& lab, const cv::Rect& roi, const cv::Mat& mask = {}) const;
};

SkinModel skin_model(const cv::Mat& lab, const FaceFrame& frame);

}  // namespace rs::findings
