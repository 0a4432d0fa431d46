#pragma once
// Safe decoding of an uploaded photo. The header is read by hand first, through the bounds-checked
// rs::ByteReader, so that a photo that cannot be assessed (empty, not an image, truncated, CMYK,
// 16-bit, grey, EXIF-rotated, a decompression bomb) is refused with its cause before OpenCV is
// asked to decode anything.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <opencv2/core.hpp>

namespace rs::findings {

// The caps on an upload's size, checked from its header before any pixel is decoded. These
// defaults are the one definition: intake, the engine, the receipt and crop all decode with them,
// and they are the same for every document type (a photo intake accepts must not be refused by
// the engine), so they are not in db/spec; load_spec refuses a spec that sets "decode". Tests
// pass smaller caps.
struct DecodeLimits {
  // Above what phones and cameras give (12-50 Mpx); decoded, 40 Mpx is 120 MB of BGR, while a
  // 30000 x 30000 "bomb" would need 2.7 GB.
  long long max_pixels = 40'000'000;
  int max_side = 12'000;  // longer than any camera photo's side; a 12000 x 3333 panorama still fits
};

// What the header says, before any pixel is decoded.
struct PhotoHeader {
  std::string format;  // "jpeg", "png", or "" when unknown
  int width = 0, height = 0;
  int bit_depth = 8;         // bits per channel
  int channels = 3;          // colour components in the file (JPEG: 1 grey, 3 YCbCr, 4 CMYK)
  int exif_orientation = 1;  // 1 = upright
  bool truncated = false;    // JPEG without its end-of-image marker, PNG without IEND
  int jpeg_quality = -1;     // IJG quality estimated from the luminance quantisation table
};

// Parses the header; on a problem returns the cause in `error` (e.g. "not an image (looks like text)").
struct HeaderResult {
  PhotoHeader header;
  std::optional<std::string> error;
};
HeaderResult read_header(std::span<const std::uint8_t> bytes);

struct DecodedPhoto {
  PhotoHeader header;
  cv::Mat bgr;                               // 8-bit, 3 channels
  std::optional<std::string> cannot_assess;  // the cause, when the photo cannot be assessed
  // The bytes are a JPEG or PNG within the limits that the decoder reads whole. False: intake
  // refuses the upload (not an image, truncated, corrupt, too large). A readable photo can still
  // be one the rules cannot assess (CMYK, 16-bit, grey, EXIF-rotated): a reviewer rejects those.
  bool readable = false;
};
DecodedPhoto decode_photo(std::span<const std::uint8_t> bytes, const DecodeLimits& limits = {});

// Estimated IJG quality (1-100) from a JPEG's 64 luminance quantisation values in natural order.
int estimate_jpeg_quality(const std::uint16_t (&table)[64]);

}  // namespace rs::findings
