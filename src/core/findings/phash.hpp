#pragma once
// Perceptual hash (DCT of a 32x32 grey thumbnail, the 8x8 lowest frequencies against their median)
// for the resubmission checks: is the new photo the rejected one again, or its mirror image?
#include <cstdint>

#include <opencv2/core.hpp>

namespace rs::findings {

struct PhotoHash {
  std::uint64_t straight = 0;
  std::uint64_t mirrored = 0;  // hash of the horizontally flipped photo
};

PhotoHash photo_hash(const cv::Mat& bgr);
int hamming(std::uint64_t a, std::uint64_t b);

// How a new attempt relates to the previous one (distances 0..64; small = same picture).
struct HashComparison {
  int same = 64;    // new vs previous
  int mirror = 64;  // new vs the previous one flipped
};
HashComparison compare_hashes(const PhotoHash& previous, const PhotoHash& current);

}  // namespace rs::findings
