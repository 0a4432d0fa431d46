#include "core/findings/decode.hpp"

#include <algorithm>
#include <cstring>

#include <opencv2/imgcodecs.hpp>

#include "core/util/byte_reader.hpp"

namespace rs::findings {
namespace {

using Bytes = std::span<const std::uint8_t>;

bool starts_with(Bytes b, std::initializer_list<std::uint8_t> sig) {
  return ByteReader(b).matches(0, std::span<const std::uint8_t>(sig.begin(), sig.size()));
}

// A short human guess at what a non-image file is, for the cannot-assess message.
std::string guess_kind(Bytes b) {
  if (starts_with(b, {'G', 'I', 'F'})) return "a GIF image (only JPEG and PNG are accepted)";
  if (starts_with(b, {'B', 'M'})) return "a BMP image (only JPEG and PNG are accepted)";
  if (starts_with(b, {'I', 'I', 42, 0}) || starts_with(b, {'M', 'M', 0, 42}))
    return "a TIFF image (only JPEG and PNG are accepted)";
  if (starts_with(b, {'R', 'I', 'F', 'F'}) &&
      ByteReader(b).matches(8, std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>("WEBP"), 4)))
    return "a WebP image (only JPEG and PNG are accepted)";
  if (starts_with(b, {'%', 'P', 'D', 'F'})) return "not an image (a PDF document)";
  const std::size_t n = std::min<std::size_t>(b.size(), 512);
  const bool printable = std::all_of(b.begin(), b.begin() + n,
                                     [](std::uint8_t c) { return c == '\n' || c == '\r' || c == '\t' || c >= 0x20; });
  return printable ? "not an image (looks like text)" : "not an image (unknown file type)";
}

// Real IFD0s hold a few dozen entries; a count beyond this is garbage and is not walked.
constexpr unsigned kMaxIfdEntries = 1024;
constexpr std::uint16_t kTagOrientation = 0x0112, kTypeShort = 3;

// EXIF orientation (1-8) from a TIFF structure (the body of a JPEG APP1 "Exif" segment or of a PNG
// eXIf chunk). 1 when absent, and also when the structure or the tag is malformed (a wrong type or
// count, a value outside 1-8): the decoder ignores orientation, so the pixels are shown as stored.
int exif_orientation(Bytes tiff) {
  ByteReader t(tiff);
  if (starts_with(tiff, {'I', 'I'}))
    t.set_order(ByteReader::Order::Little);
  else if (!starts_with(tiff, {'M', 'M'}))
    return 1;
  if (t.u16(2) != std::optional<std::uint16_t>(42)) return 1;
  const auto ifd = t.u32(4);
  const auto count = ifd ? t.u16(*ifd) : std::nullopt;
  if (!count) return 1;
  const unsigned entries = std::min<unsigned>(*count, kMaxIfdEntries);
  for (unsigned i = 0; i < entries; ++i) {
    const std::uint64_t e = std::uint64_t(*ifd) + 2 + 12ull * i;
    if (!t.has(e, 12)) break;
    if (*t.u16(e) != kTagOrientation) continue;
    if (*t.u16(e + 2) != kTypeShort || *t.u32(e + 4) != 1) return 1;
    const unsigned v = *t.u16(e + 8);
    return v >= 1 && v <= 8 ? static_cast<int>(v) : 1;
  }
  return 1;
}

// IJG standard luminance table (ITU-T T.81 Annex K), the reference the quality factor scales.
constexpr std::uint16_t kStdLuminance[64] = {16, 11, 10, 16, 24,  40,  51,  61,  12, 12, 14, 19, 26,  58,  60,  55,
                                             14, 13, 16, 24, 40,  57,  69,  56,  14, 17, 22, 29, 51,  87,  80,  62,
                                             18, 22, 37, 56, 68,  109, 103, 77,  24, 35, 55, 64, 81,  104, 113, 92,
                                             49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};

// The quality from a DQT segment's luminance table (id 0), when it holds one.
void read_quantisation(Bytes seg, PhotoHeader& h) {
  ByteReader r(seg);
  for (std::uint64_t p = 0; r.has(p, 1);) {
    const int precision = seg[p] >> 4, id = seg[p] & 15;
    const std::uint64_t size = precision ? 128 : 64;
    if (!r.has(p + 1, size)) break;
    if (id == 0) {
      std::uint16_t q[64];
      for (int i = 0; i < 64; ++i) q[i] = precision ? *r.u16(p + 1 + 2 * i) : *r.u8(p + 1 + i);
      h.jpeg_quality = estimate_jpeg_quality(q);
    }
    p += 1 + size;
  }
}

bool is_start_of_frame(std::uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

std::optional<std::string> read_jpeg(Bytes b, PhotoHeader& h) {
  h.format = "jpeg";
  ByteReader r(b);
  std::uint64_t at = 2;
  bool have_sof = false;
  while (r.has(at, 4)) {
    if (b[at] != 0xFF) return "corrupt JPEG (bad marker structure)";
    const std::uint8_t marker = b[at + 1];
    if (marker == 0xFF) {
      ++at;
      continue;
    }  // fill byte
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
      at += 2;
      continue;
    }
    const std::uint64_t len = *r.u16(at + 2);
    const auto body = len >= 2 ? r.slice(at + 4, len - 2) : std::nullopt;
    if (!body) return "truncated JPEG (a header segment runs past the end of the file)";
    const Bytes seg = *body;
    if (marker == 0xE1 && starts_with(seg, {'E', 'x', 'i', 'f', 0, 0}))
      if (const int o = exif_orientation(seg.subspan(6)); o != 1) h.exif_orientation = o;
    if (marker == 0xDB) read_quantisation(seg, h);
    if (is_start_of_frame(marker) && !have_sof) {  // libjpeg refuses a second frame header
      if (seg.size() < 6) return "corrupt JPEG (short frame header)";
      h.bit_depth = seg[0];
      h.height = *ByteReader(seg).u16(1);
      h.width = *ByteReader(seg).u16(3);
      h.channels = seg[5];
      have_sof = true;
    }
    if (marker == 0xDA) {  // start of scan: entropy-coded data follows; only EOI can hold FF D9 from here on
      bool eoi = false;
      for (std::uint64_t i = at + 2 + len; r.has(i, 2); ++i)
        if (b[i] == 0xFF && b[i + 1] == 0xD9) {
          eoi = true;
          break;
        }
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
  ByteReader r(b);
  static constexpr std::uint8_t kIhdr[] = {'I', 'H', 'D', 'R'};
  if (r.u32(8) != std::optional<std::uint32_t>(13) || !r.matches(12, kIhdr) || !r.has(16, 13))
    return "corrupt PNG (no IHDR header)";
  const std::uint32_t width = *r.u32(16), height = *r.u32(20);
  if (width > 0x7FFFFFFFu || height > 0x7FFFFFFFu)  // the PNG limit; beyond it the header is garbage
    return "corrupt PNG (width or height past 2^31-1)";
  h.width = static_cast<int>(width);
  h.height = static_cast<int>(height);
  h.bit_depth = b[24];
  const int colour_type = b[25];
  h.channels = colour_type == 0 ? 1 : colour_type == 4 ? 2 : colour_type == 6 ? 4 : 3;
  bool iend = false;
  for (std::uint64_t at = 8; r.has(at, 8);) {
    const std::uint64_t len = *r.u32(at);
    const auto data = r.slice(at + 8, len);
    if (!data || !r.has(at + 8 + len, 4)) break;  // a chunk past the end: truncated
    static constexpr std::uint8_t kExif[] = {'e', 'X', 'I', 'f'}, kIend[] = {'I', 'E', 'N', 'D'};
    if (r.matches(at + 4, kExif)) h.exif_orientation = exif_orientation(*data);
    if (r.matches(at + 4, kIend)) {
      iend = true;
      break;
    }
    at += 12 + len;
  }
  h.truncated = !iend;
  return std::nullopt;
}

// What makes the bytes unreadable before any pixel is decoded: nothing to decode, or more than the
// caps allow (refused here, so a "bomb" never reaches the decoder's allocations).
std::optional<std::string> unreadable(const PhotoHeader& h, const DecodeLimits& limits) {
  const std::string dims = std::to_string(h.width) + "×" + std::to_string(h.height);
  if (h.width <= 0 || h.height <= 0) return "corrupt " + h.format + " (zero width or height)";
  if (h.width > limits.max_side || h.height > limits.max_side ||
      static_cast<long long>(h.width) * h.height > limits.max_pixels)
    return "image too large to decode safely (" + dims + " px, a possible decompression bomb)";
  if (h.truncated) return "truncated " + h.format + " (the file ends before the image data does)";
  return std::nullopt;
}

// A readable image that is not a photo the rules can assess (the reviewer rejects it).
std::optional<std::string> not_assessable(const PhotoHeader& h) {
  if (h.format == "jpeg" && h.channels == 4) return "CMYK JPEG (the photo must be 24-bit RGB)";
  if (h.format == "jpeg" && h.channels != 3 && h.channels != 1)
    return "JPEG with " + std::to_string(h.channels) + " colour components";
  if (h.bit_depth == 16)
    return std::string(h.format == "png" ? "16-bit PNG" : "16-bit image") + " (the photo must be 8 bits per channel)";
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
  if (!hr.error) hr.error = unreadable(out.header, limits);
  if (hr.error) {
    out.cannot_assess = hr.error;
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
    // A header that already names what is wrong (CMYK, 16-bit) says more than "corrupt".
    out.cannot_assess = not_assessable(out.header)
                            .value_or("corrupt " + out.header.format + " (the decoder could not read the image data)");
  } else if (out.bgr.cols != out.header.width || out.bgr.rows != out.header.height) {
    out.cannot_assess = "corrupt " + out.header.format + " (decoded size differs from the header)";
  } else {
    out.readable = true;
    out.cannot_assess = not_assessable(out.header);
    if (!out.cannot_assess && looks_grey(out.bgr))
      out.cannot_assess = "greyscale image stored as RGB (the photo must be in colour)";
  }
  if (out.cannot_assess) out.bgr.release();
  return out;
}

}  // namespace rs::findings
