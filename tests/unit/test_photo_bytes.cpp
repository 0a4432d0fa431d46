// Hostile photo bytes (issue 13): the header readers go through rs::ByteReader, so offsets near 2^32,
// huge counts and bad tag values are refused or ignored instead of read past the end.
#include <doctest/doctest.h>

#include <cstring>

#include "core/findings/decode.hpp"
#include "core/util/byte_reader.hpp"
#include "core/util/utf8.hpp"
#include "test_findings_support.hpp"

using namespace rs::findings;
using Bytes = std::vector<std::uint8_t>;

namespace {
cv::Mat colour_photo() {
  cv::Mat m(64, 48, CV_8UC3);
  cv::randu(m, 0, 255);
  return m;
}

void put16(Bytes& v, unsigned x, bool le) {
  if (le)
    v.insert(v.end(), {std::uint8_t(x), std::uint8_t(x >> 8)});
  else
    v.insert(v.end(), {std::uint8_t(x >> 8), std::uint8_t(x)});
}
void put32(Bytes& v, std::uint32_t x, bool le) {
  if (le)
    put16(v, x & 0xFFFF, le), put16(v, x >> 16, le);
  else
    put16(v, x >> 16, le), put16(v, x & 0xFFFF, le);
}

// A TIFF structure: byte order, 42, IFD0 at `ifd`, then `count` entries of which the first is the
// orientation tag with the given type and value.
Bytes tiff(bool le, std::uint32_t ifd, unsigned count, unsigned type, unsigned value) {
  Bytes t = {std::uint8_t(le ? 'I' : 'M'), std::uint8_t(le ? 'I' : 'M')};
  put16(t, 42, le);
  put32(t, ifd, le);
  put16(t, count, le);
  put16(t, 0x0112, le);
  put16(t, type, le);
  put32(t, 1, le);
  put16(t, value, le);
  put16(t, 0, le);
  return t;
}

// `jpeg` with an APP1 Exif segment holding `body` inserted after SOI.
Bytes with_exif(const Bytes& jpeg, const Bytes& body) {
  Bytes seg = {'E', 'x', 'i', 'f', 0, 0};
  seg.insert(seg.end(), body.begin(), body.end());
  Bytes out(jpeg.begin(), jpeg.begin() + 2);
  out.insert(out.end(), {0xFF, 0xE1});
  put16(out, unsigned(seg.size() + 2), false);
  out.insert(out.end(), seg.begin(), seg.end());
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

// `png` with an eXIf chunk holding `body` inserted after IHDR (8 + 25 bytes).
Bytes with_exif_chunk(const Bytes& png, const Bytes& body) {
  Bytes out(png.begin(), png.begin() + 33);
  put32(out, std::uint32_t(body.size()), false);
  out.insert(out.end(), {'e', 'X', 'I', 'f'});
  out.insert(out.end(), body.begin(), body.end());
  put32(out, 0, false);  // CRC: not checked by our reader; libpng checks ancillary CRCs and skips
  out.insert(out.end(), png.begin() + 33, png.end());
  return out;
}
}  // namespace

TEST_CASE("byte reader: reads inside, refuses past the end without wrapping") {
  const Bytes b = {1, 2, 3, 4, 5};
  rs::ByteReader r(b);
  CHECK(r.u16(0) == 0x0102);
  CHECK(r.u32(1) == 0x02030405u);
  CHECK_FALSE(r.u32(2).has_value());
  CHECK_FALSE(r.u8(5).has_value());
  CHECK_FALSE(r.has(0xFFFFFFFEull, 4));
  CHECK_FALSE(r.has(1, 0xFFFFFFFFFFFFFFFFull));  // at + n would wrap to 0
  CHECK_FALSE(r.slice(4, 2).has_value());
  CHECK(r.slice(5, 0).has_value());
  r.set_order(rs::ByteReader::Order::Little);
  CHECK(r.u16(0) == 0x0201);
  CHECK(r.u32(0) == 0x04030201u);
}

TEST_CASE("EXIF: wrapped and huge IFD offsets, huge counts, bad orientation values") {
  const Bytes jpeg = rs::test::encode(colour_photo(), ".jpg");
  for (bool le : {true, false}) {
    for (std::uint32_t ifd : {0xFFFFFFFEu, 0xFFFFFFFFu, 0xFFFFFFF0u, 0x7FFFFFFFu, 4000u}) {
      CAPTURE(le);
      CAPTURE(ifd);
      DecodedPhoto d = decode_photo(with_exif(jpeg, tiff(le, ifd, 1, 3, 6)));
      CHECK(d.readable);
      CHECK(d.header.exif_orientation == 1);  // unreachable IFD: no orientation
    }
    // An IFD0 at offset 8 claiming 65535 entries: walked only as far as the bytes go.
    DecodedPhoto many = decode_photo(with_exif(jpeg, tiff(le, 8, 0xFFFF, 3, 6)));
    CHECK(many.header.exif_orientation == 6);
    // Orientation 0 and 99 are not orientations; a LONG-typed tag is malformed: both ignored.
    CHECK(decode_photo(with_exif(jpeg, tiff(le, 8, 1, 3, 0))).header.exif_orientation == 1);
    CHECK(decode_photo(with_exif(jpeg, tiff(le, 8, 1, 3, 99))).header.exif_orientation == 1);
    CHECK(decode_photo(with_exif(jpeg, tiff(le, 8, 1, 4, 6))).header.exif_orientation == 1);
    DecodedPhoto rotated = decode_photo(with_exif(jpeg, tiff(le, 8, 1, 3, 8)));
    CHECK(rotated.header.exif_orientation == 8);
    CHECK(rotated.readable);  // a readable photo the rules cannot assess: the reviewer rejects it
    REQUIRE(rotated.cannot_assess);
    CHECK(rotated.cannot_assess->find("EXIF-rotated") != std::string::npos);
  }
  // Empty and short Exif bodies, and a bad byte-order mark.
  for (const Bytes& body : {Bytes{}, Bytes{'I', 'I'}, Bytes{'I', 'I', 42, 0, 8}, Bytes{'X', 'X', 42, 0, 8, 0, 0, 0}}) {
    DecodedPhoto d = decode_photo(with_exif(jpeg, body));
    CHECK(d.readable);
    CHECK(d.header.exif_orientation == 1);
  }
}

TEST_CASE("PNG: eXIf with a wrapped offset, 2^31 and 0x0 sizes, chunk lengths near 2^32") {
  const Bytes png = rs::test::encode(colour_photo(), ".png");
  for (bool le : {true, false}) {
    DecodedPhoto d = decode_photo(with_exif_chunk(png, tiff(le, 0xFFFFFFFEu, 1, 3, 6)));
    CHECK(d.header.exif_orientation == 1);
    CHECK(decode_photo(with_exif_chunk(png, tiff(le, 8, 1, 3, 6))).header.exif_orientation == 6);
  }
  Bytes huge = png;
  for (int at : {16, 20}) huge[at] = 0x80, huge[at + 1] = huge[at + 2] = huge[at + 3] = 0;
  DecodedPhoto h = decode_photo(huge);
  CHECK_FALSE(h.readable);
  REQUIRE(h.cannot_assess);
  CHECK(h.cannot_assess->find("2^31") != std::string::npos);

  Bytes zero = png;
  for (int at = 16; at < 24; ++at) zero[at] = 0;
  CHECK(decode_photo(zero).cannot_assess->find("zero width") != std::string::npos);

  Bytes long_chunk = png;  // IDAT's length field says 0xFFFFFFF0: runs past the end, so truncated
  const std::size_t idat = 33;
  for (int k = 0; k < 4; ++k) long_chunk[idat + k] = k < 3 ? 0xFF : 0xF0;
  DecodedPhoto t = decode_photo(long_chunk);
  CHECK_FALSE(t.readable);
  CHECK(t.cannot_assess->find("truncated") != std::string::npos);
}

TEST_CASE("JPEG: a 65500x65500 frame header is refused before decoding; truncations never read past the end") {
  Bytes jpeg = rs::test::encode(colour_photo(), ".jpg");
  Bytes big = jpeg;
  for (std::size_t i = 2; i + 9 < big.size(); ++i)
    if (big[i] == 0xFF && big[i + 1] == 0xC0) {
      big[i + 5] = big[i + 7] = 0xFF;
      big[i + 6] = big[i + 8] = 0xDC;  // 65500
      break;
    }
  DecodedPhoto d = decode_photo(big);
  CHECK_FALSE(d.readable);
  REQUIRE(d.cannot_assess);
  CHECK(d.cannot_assess->find("too large") != std::string::npos);
  CHECK(d.header.width == 65500);

  // Every truncation of a small JPEG and PNG: a cause, never a crash (run under ASan in CI).
  const Bytes png = rs::test::encode(colour_photo(), ".png");
  for (const Bytes* whole : std::initializer_list<const Bytes*>{&jpeg, &png})
    for (std::size_t n = 0; n < whole->size(); n += 7) {
      DecodedPhoto p = decode_photo(std::span(whole->data(), n));
      CHECK_FALSE(p.readable);
      CHECK(p.cannot_assess.has_value());
    }
  CHECK(decode_photo(jpeg).readable);
  CHECK(decode_photo(png).readable);
}

TEST_CASE("utf8: strict validation, lengths in characters, forbidden characters") {
  using namespace rs::utf8;
  CHECK(valid("张三 Zhang·San"));
  CHECK(valid("\xF0\xAA\x9A\xA5"));  // 𪚥 U+2A6A5
  CHECK_FALSE(valid("bob\xff"));
  CHECK_FALSE(valid("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(valid("\xE0\x80\xAF"));      // overlong, 3 bytes
  CHECK_FALSE(valid("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(valid("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(valid("\xE5\xBC"));          // cut short
  CHECK(length("张三") == 2);
  CHECK(length("\xF0\xAA\x9A\xA5x") == 2);
  CHECK(sanitised("a\xff"
                  "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(sanitised("张三") == "张三");
  CHECK(first_forbidden("张三") == std::nullopt);
  CHECK(first_forbidden("a\nb") == U'\n');
  CHECK(first_forbidden("a\nb", true) == std::nullopt);
  CHECK(first_forbidden("x\xE2\x80\xAEy") == U'\u202E');  // right-to-left override
  CHECK(first_forbidden(std::string_view("a\0b", 3)) == U'\0');
  CHECK(code_point_name(0x2A6A5) == "U+2A6A5");
  CHECK(code_point_name(0x7) == "U+0007");
}

TEST_CASE("utf8: one text_problem line for every check of outside text") {
  using namespace rs::utf8;
  CHECK(text_problem("name", "张三").empty());
  CHECK(text_problem("name", "").empty());
  CHECK(text_problem("name", "", {.allow_empty = false}) == "name is empty");
  CHECK(text_problem("name", "bob\xff") == "name is not valid UTF-8");
  CHECK(text_problem("name", "bob\xEF\xBF\xBD") == "name is not valid UTF-8");  // U+FFFD: lost upstream
  CHECK(text_problem("name", "x\xE2\x80\xAEy") == "name holds the control character U+202E");
  CHECK(text_problem("text", "a\nb") == "text holds the control character U+000A");
  CHECK(text_problem("text", "a\nb", {.allow_newlines = true}).empty());
  CHECK(text_problem("name", "张三李", {.max_chars = 2}) == "name is longer than 2 characters");
  CHECK(text_problem("name", "张三", {.max_chars = 2}).empty());
}
