#include "core/findings/decode.hpp"

#include <algorithm>
#include <cstring>

#include <opencv2/imgcodecs.hpp>

namespace rs::findings {
namespace {

using Bytes = std::span<const std::uint8_t>;

unsigned be16(Bytes b, std::size_t at) { return (unsigned(b[at]) << 8) | b[at + 1]; }
std::uint32_t be32(Bytes b, std::size_t at) {
  return (std::uint32_t(b[at]) << 24) | (std::uint32_t(b[at + 1]) << 16) | (std::uint32_t(b[at + 2]) << 8) | b[at + 3];
}

bool starts_with(Bytes b, std::initializer_list<std::uint8_t> sig) {
  if (b.size() < sig.size()) return false;
  return std::equal(sig.begin(), sig.end(), b.begin());
}

// A short human guess at what a non-image file is, for the cannot-assess message.
std::string guess_kind(Bytes b) {
  if (starts_with(b, {'G', 'I', 'F'})) return "a GIF image (only JPEG and PNG are accepted)";
  if (starts_with(b, {'B', 'M'})) return "a BMP image (only JPEG and PNG are accepted)";
  if (starts_with(b, {'I', 'I', 42, 0}) || starts_with(b, {'M', 'M', 0, 42})) return "a TIFF image (only JPEG and PNG are accepted)";
  if (b.size() >= 12 && std::memcmp(b.data(), "RIFF", 4) == 0 && std::memcmp(b.data() + 8, "WEBP", 4) == 0)
    return "a WebP image (only JPEG and PNG are accepted)";
  if (starts_with(b, {'%', 'P', 'D', 'F'})) return "not an image (a PDF document)";
  const std::size_t n = std::min<std::size_t>(b.size(), 512);
  const bool printable = std::all_of(b.begin(), b.begin() + n, [](std::uint8_t c) { return c == '\n' || c == '\r' || c == '\t' || c >= 0x20; });
  return printable ? "not an image (looks like text)" : "not an image (unknown file type)";
}

// EXIF orientation from the TIFF structure inside an APP1 "Exif" segment; 1 when absent.
int exif_orientation(Bytes seg) {
  if (seg.size() < 14 || std::memcmp(seg.data(), "Exif\0\0", 6) != 0) return 1;
  Bytes tiff = seg.subspan(6);
  const bool le = tiff[0] == 'I';
  auto u16 = [&](std::size_t at) -> unsigned { return le ? (tiff[at] | (tiff[at + 1] << 8)) : be16(tiff, at); };
  auto u32 = [&](std::size_t at) -> std::uint32_t {
    return le ? (tiff[at] | (tiff[at + 1] << 8) | (tiff[at + 2] << 16) | (std::uint32_t(tiff[at + 3]) << 24)) : be32(tiff, at);
  };
  const std::uint32_t ifd = u32(4);
  if (ifd + 2 > tiff.size()) return 1;
  const unsigned entries = u16(ifd);
  for (unsigned i = 0; i < entries; ++i) {
    const std::size_t e = ifd + 2 + 12 * i;
    if (e + 12 > tiff.size()) break;
    if (u16(e) == 0x0112) return static_cast<int>(u16(e + 8));
  }
  return 1;
}

// IJG standard luminance table (ITU-T T.81 Annex K), the reference the quality factor scales.
constexpr std::uint16_t kStdLuminance[64] = {16, 11, 10, 16, 24,  40,  51,  61,  12, 12, 14, 19, 26,  58,  60,  55,
                                             14, 13, 16, 24, 40,  57,  69,  56,  14, 17, 22, 29, 51,  87,  80,  62,
                                             18, 22, 37, 56, 68,  109, 103, 77,  24, 35, 55, 64, 81,  104, 113, 92,
                                             49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};

std::optional<std::string> read_jpeg(Bytes b, PhotoHeader& h) {
  h.format = "jpeg";
  std::size_t at = 2;
  bool have_sof = false;
  while (at + 4 <= b.size()) {
    if (b[at] != 0xFF) return "corrupt JPEG (bad marker structure)";
    const std::uint8_t marker = b[at + 1];
    if (marker == 0xFF) { ++at; continue; }  // fill byte
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) { at += 2; continue; }
    const std::size_t len = be16(b, at + 2);
    if (len < 2 || at + 2 + len > b.size()) return "truncated JPEG (a header segment runs past the end of the file)";
    Bytes seg = b.subspan(at + 4, len - 2);
    if (marker == 0xE1) {
      if (const int o = exif_orientation(seg); o != 1) h.exif_orientation = o;
    }
    if (marker == 0xDB) {
      for (std::size_t p = 0; p < seg.size();) {
        const int precision = seg[p] >> 4, id = seg[p] & 15;
        const std::size_t size = precision ? 128 : 64;
        if (p + 1 + size > seg.size()) break;
        if (id == 0) {
          std::uint16_t q[64];
          for (int i = 0; i < 64; ++i) q[i] = precision ? be16(seg, p + 1 + 2 * i) : seg[p + 1 + i];
          h.jpeg_quality = estimate_jpeg_quality(q);
        }
        p += 1 + size;
      }
    }
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof && seg.size() >= 6) {
      h.bit_depth = seg[0];
      h.height = static_cast<int>(be16(seg, 1));
      h.width = static_cast<int>(be16(seg, 3));
      h.channels = seg[5];
      have_sof = true;
    }
    if (marker == 0xDA) {  // start of scan: entropy-coded data follows; only EOI can hold FF D9 from here on
      const std::size_t data = at + 2 + len;
      bool eoi = false;
      for (std::size_t i = data; i + 1 < b.size(); ++i)
        if (b[i] == 0xFF && b[i + 1] == 0xD9) { eoi = true; break; }
      h.truncated = !eoi;
      break;
    }
    at += 2 + len;
  }
  if (!have_sof) return "corrupt or truncated JPEG (no frame header)";
  return std::nullopt;
}

std::optional<std::string> read_png(Bytes b, PhotoHeader& h) {
  h.format = "png";
  if (b.size() < 33 || std::memcmp(b.data() + 12, "IHDR", 4) != 0) return "corrupt PNG (no IHDR header)";
  h.width = static_cast<int>(be32(b, 16));
  h.height = static_cast<int>(be32(b, 20));
  h.bit_depth = b[24];
  const int colour_type = b[25];
  h.channels = colour_type == 0 ? 1 : colour_type == 4 ? 2 : colour_type == 6 ? 4 : 3;
  bool iend = false;
  for (std::size_t at = 8; at + 8 <= b.size();) {
    const std::uint32_t len = be32(b, at);
    if (at + 12 + std::size_t(len) > b.size()) break;
    if (std::memcmp(b.data() + at + 4, "eXIf", 4) == 0) {
      std::vector<std::uint8_t> seg = {'E', 'x', 'i', 'f', 0, 0};
      seg.insert(seg.end(), b.begin() + at + 8, b.begin() + at + 8 + len);
      h.exif_orientation = exif_orientation(seg);
    }
    if (std::memcmp(b.data() + at + 4, "IEND", 4) == 0) { iend = true; break; }
    at += 12 + len;
  }
  h.truncated = !iend;
  return std::nullopt;
}

std::optional<std::string> refuse(const PhotoHeader& h, const DecodeLimits& limits) {
  const std::string dims = std::to_string(h.width) + "×" + std::to_string(h.height);
  if (h.width <= 0 || h.height <= 0) return "corrupt " + h.format + " (zero width or height)";
  if (h.width > limits.max_side || h.height > limits.max_side ||
      static_cast<long long>(h.width) * h.height > limits.max_pixels)
    return "image too large to decode safely (" + dims + " px, a possible decompression bomb)";
  if (h.truncated) return "truncated " + h.format + " (the file ends before the image data does)";
  if (h.format == "jpeg" && h.channels == 4) return "CMYK JPEG (the photo must be 24-bit RGB)";
  if (h.format == "jpeg" && h.channels != 3 && h.channels != 1) return "JPEG with " + std::to_string(h.channels) + " colour components";
  if (h.bit_depth == 16) return std::string(h.format == "png" ? "16-bit PNG" : "16-bit image") + " (the photo must be 8 bits per channel)";
  if (h.bit_depth != 8 && !(h.format == "png" && h.channels == 3 && h.bit_depth < 8))
    return std::to_string(h.bit_depth) + "-bit " + h.format + " (the photo must be 8 bits per channel)";
  if (h.channels <= 2) return "greyscale image (the photo must be in colour)";
  if (h.exif_orientation != 1)
    return "EXIF-rotated (orientation tag " + std::to_string(h.exif_orientation) + "; the pixels are not upright)";
  return std::nullopt;
}

// An RGB file can still hold a black-and-white picture: no pixel has any chroma to speak of.
bool looks_grey(const cv::Mat& bgr) {
  const int step = std::max(1, static_cast<int>(bgr.total() / 20000));
  const auto* p = bgr.ptr<cv::Vec3b>(0);
  int coloured = 0, seen = 0;
  for (std::size_t i = 0; i < bgr.total(); i += step, ++seen) {
    const cv::Vec3b& v = p[i];
    const int spread = std::max({v[0], v[1], v[2]}) - std::min({v[0], v[1], v[2]});
    if (spread > 6) ++coloured;
  }
  return coloured < seen / 200 + 1;
}

}  // namespace

int estimate_jpeg_quality(const std::uint16_t (&table)[64]) {
  double sum = 0, ref = 0;
  for (int i = 0; i < 64; ++i) {
    sum += table[i];
    ref += kStdLuminance[i];
  }
  const double scale = 100.0 * sum / ref;  // the IJG scale factor, in percent
  if (scale <= 1) return 100;
  const double q = scale <= 100 ? (200.0 - scale) / 2.0 : 5000.0 / scale;
  return std::clamp(static_cast<int>(std::lround(q)), 1, 100);
}

HeaderResult read_header(Bytes b) {
  HeaderResult r;
  if (b.empty()) {
    r.error = "empty file (0 bytes)";
    return r;
  }
  if (starts_with(b, {0xFF, 0xD8, 0xFF}))
    r.error = read_jpeg(b, r.header);
  else if (starts_with(b, {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}))
    r.error = read_png(b, r.header);
  else
    r.error = guess_kind(b);
  return r;
}

DecodedPhoto decode_photo(Bytes b, const DecodeLimits& limits) {
  DecodedPhoto out;
  HeaderResult hr = read_header(b);
  out.header = hr.header;
  if (hr.error) {
    out.cannot_assess = hr.error;
    return out;
  }
  if (auto why = refuse(out.header, limits)) {
    out.cannot_assess = why;
    return out;
  }
  try {
    const cv::Mat raw(1, static_cast<int>(b.size()), CV_8UC1, const_cast<std::uint8_t*>(b.data()));
    out.bgr = cv::imdecode(raw, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  } catch (const cv::Exception& e) {
    out.cannot_assess = "corrupt " + out.header.format + " (the decoder failed: " + e.msg + ")";
    return out;
  }
  if (out.bgr.empty()) {
    out.cannot_assess = "corrupt " + out.header.format + " (the decoder could not read the image data)";
  } else if (out.bgr.cols != out.header.width || out.bgr.rows != out.header.height) {
    out.cannot_assess = "corrupt " + out.header.format + " (decoded size differs from the header)";
  } else if (looks_grey(out.bgr)) {
    out.cannot_assess = "greyscale image stored as RGB (the photo must be in colour)";
  }
  if (out.cannot_assess) out.bgr.release();
  return out;
}

}  // namespace rs::findings
