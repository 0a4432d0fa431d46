#include "core/findings/colour.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace rs::findings {
namespace {

// One 256-bin histogram per channel; the median is the first level whose running count passes
// half the pixels (integer half: the value at index n/2 of the sorted channel).
struct ChannelHistograms {
  std::array<std::array<std::size_t, 256>, 3> bins{};
  std::size_t n = 0;

  void add(const cv::Vec3b& p) {
    for (int c = 0; c < 3; ++c) ++bins[c][p[c]];
    ++n;
  }
  cv::Vec3b medians() const {
    if (n == 0) throw std::invalid_argument("channel_medians: no pixels");
    cv::Vec3b out;
    for (int c = 0; c < 3; ++c) {
      std::size_t seen = 0;
      int v = 0;
      while ((seen += bins[c][v]) <= n / 2) ++v;
      out[c] = static_cast<std::uint8_t>(v);
    }
    return out;
  }
};

}  // namespace

cv::Vec3b channel_medians(const cv::Mat& image, const cv::Mat& mask) {
  if (image.type() != CV_8UC3) throw std::invalid_argument("channel_medians: the image is not 8-bit with 3 channels");
  if (!mask.empty() && (mask.type() != CV_8UC1 || mask.size() != image.size()))
    throw std::invalid_argument("channel_medians: the mask is not 8-bit with one channel and the image's size");
  ChannelHistograms h;
  for (int y = 0; y < image.rows; ++y) {
    const auto* row = image.ptr<cv::Vec3b>(y);
    const std::uint8_t* m = mask.empty() ? nullptr : mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < image.cols; ++x)
      if (!m || m[x]) h.add(row[x]);
  }
  return h.medians();
}

cv::Vec3b channel_medians(const std::vector<cv::Vec3b>& pixels) {
  ChannelHistograms h;
  for (const cv::Vec3b& p : pixels) h.add(p);
  return h.medians();
}

}  // namespace rs::findings
