#pragma once
// Turns the stored photo bytes into RGBA pixels ready for a GL texture upload. Runs on the review
// session's worker thread, never on the UI thread. The header is checked before decoding so a
// decompression bomb (30000 x 30000 in a few KB) is refused instead of allocating gigabytes.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rs::review {

struct RgbaImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // width*height*4, rows top to bottom, no padding
};

struct PixelSize {
  int width = 0, height = 0;
};

// Width and height from a JPEG (SOFn) or PNG (IHDR) header; nullopt for anything else.
std::optional<PixelSize> sniff_pixel_size(std::span<const std::uint8_t> bytes);

// Colour statistics the shader layers need (background heat map, face shadow/glare map).
struct PhotoStats {
  float background_rgb[3] = {1, 1, 1};  // mean of the top corners, 0..1 (spec background reference)
  float luma_mean = 0.5f;               // mean luminance of the whole photo, 0..1
};

struct DisplayImage {
  std::shared_ptr<const RgbaImage> image;  // null when it could not be decoded
  PhotoStats stats;
  std::string error;  // why there is no image, one line (shown in the photo view)
};

// Decodes for display, keeping the stored pixel orientation (EXIF rotation is not applied) so the
// findings' pixel geometry lines up with what is drawn. Refuses sides above max_side.
DisplayImage decode_for_display(std::span<const std::uint8_t> bytes, int max_side = 8192);

}  // namespace rs::review
