#include "core/review/display_image.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace rs::review {
namespace {

int be16(const std::uint8_t* p) { return (p[0] << 8) | p[1]; }
std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

bool is_sof_marker(int m) {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

std::optional<PixelSize> jpeg_size(std::span<const std::uint8_t> b) {
  std::size_t i = 2;
  while (i + 4 <= b.size()) {
    if (b[i] != 0xFF) return std::nullopt;
    int marker = b[i + 1];
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      i += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // image data before any SOF
    int len = be16(&b[i + 2]);
    if (len < 2) return std::nullopt;
    if (is_sof_marker(marker)) {
      if (i + 9 > b.size()) return std::nullopt;
      return PixelSize{be16(&b[i + 7]), be16(&b[i + 5])};
    }
    i += 2 + std::size_t(len);
  }
  return std::nullopt;
}

std::optional<PixelSize> png_size(std::span<const std::uint8_t> b) {
  static const std::uint8_t sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (b.size() < 24 || !std::equal(sig, sig + 8, b.begin())) return std::nullopt;
  if (b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') return std::nullopt;
  std::uint32_t w = be32(&b[16]), h = be32(&b[20]);
  if (w > 0x7FFFFFFF || h > 0x7FFFFFFF) return std::nullopt;
  return PixelSize{int(w), int(h)};
}

PhotoStats measure(const cv::Mat& rgba) {
  PhotoStats s;
  // The spec background is judged in the top corners, which the head never reaches.
  int cw = std::max(1, rgba.cols / 8), ch = std::max(1, rgba.rows / 8);
  cv::Scalar left = cv::mean(rgba(cv::Rect(0, 0, cw, ch)));
  cv::Scalar right = cv::mean(rgba(cv::Rect(rgba.cols - cw, 0, cw, ch)));
  for (int c = 0; c < 3; ++c) s.background_rgb[c] = float((left[c] + right[c]) / 2 / 255.0);
  cv::Mat grey;
  cv::cvtColor(rgba, grey, cv::COLOR_RGBA2GRAY);
  s.luma_mean = float(cv::mean(grey)[0] / 255.0);
  return s;
}

}  // namespace

std::optional<PixelSize> sniff_pixel_size(std::span<const std::uint8_t> b) {
  if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8) return jpeg_size(b);
  return png_size(b);
}

DisplayImage decode_for_display(std::span<const std::uint8_t> bytes, int max_side) {
  DisplayImage out;
  if (bytes.empty()) {
    out.error = "photo file is empty (0 bytes)";
    return out;
  }
  auto size = sniff_pixel_size(bytes);
  if (!size) {
    out.error = "not a JPEG or PNG file, or its header is damaged";
    return out;
  }
  if (size->width <= 0 || size->height <= 0 || size->width > max_side || size->height > max_side) {
    out.error = "image is " + std::to_string(size->width) + " x " + std::to_string(size->height) +
                " px; refusing to decode sides over " + std::to_string(max_side) + " px";
    return out;
  }
  cv::Mat encoded(1, int(bytes.size()), CV_8UC1, const_cast<std::uint8_t*>(bytes.data()));
  cv::Mat bgr;
  try {
    bgr = cv::imdecode(encoded, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  } catch (const cv::Exception& e) {
    out.error = std::string("decoder failed: ") + e.what();
    return out;
  }
  if (bgr.empty()) {
    out.error = "the image data could not be decoded (truncated or corrupt)";
    return out;
  }
  auto img = std::make_shared<RgbaImage>();
  img->width = bgr.cols;
  img->height = bgr.rows;
  img->pixels.resize(std::size_t(bgr.cols) * bgr.rows * 4);
  cv::Mat rgba(bgr.rows, bgr.cols, CV_8UC4, img->pixels.data());
  cv::cvtColor(bgr, rgba, cv::COLOR_BGR2RGBA);
  out.stats = measure(rgba);
  out.image = std::move(img);
  return out;
}

}  // namespace rs::review
