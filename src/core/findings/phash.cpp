#include "core/findings/phash.hpp"

#include <algorithm>
#include <bit>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace rs::findings {
namespace {
std::uint64_t dct_hash(const cv::Mat& grey32f) {
  cv::Mat freq;
  cv::dct(grey32f, freq);
  std::vector<float> low;
  for (int v = 0; v < 8; ++v)
    for (int u = 0; u < 8; ++u) low.push_back(freq.at<float>(v, u));
  std::vector<float> sorted(low.begin() + 1, low.end());  // the DC term only says how bright
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const float median = sorted[sorted.size() / 2];
  std::uint64_t h = 0;
  for (int i = 0; i < 64; ++i)
    if (low[i] > median) h |= std::uint64_t{1} << i;
  return h;
}
}  // namespace

PhotoHash photo_hash(const cv::Mat& bgr) {
  PhotoHash out;
  if (bgr.empty()) return out;
  cv::Mat grey, small, f;
  if (bgr.channels() == 3)
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  else
    grey = bgr;
  cv::resize(grey, small, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
  small.convertTo(f, CV_32F);
  out.straight = dct_hash(f);
  cv::Mat flipped;
  cv::flip(f, flipped, 1);
  out.mirrored = dct_hash(flipped);
  return out;
}

int hamming(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

HashComparison compare_hashes(const PhotoHash& previous, const PhotoHash& current) {
  return {hamming(previous.straight, current.straight), hamming(previous.mirrored, current.straight)};
}

}  // namespace rs::findings
