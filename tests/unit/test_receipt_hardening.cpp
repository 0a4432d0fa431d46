// Receipts against hostile or unusual stored data: a rare character (𪚥 U+2A6A5) prints from the
// fallback font, control characters never stop a receipt, a decompression bomb approved from the
// command line is refused from its header, and receipt_text_problem names what no font can print.
#include <cairo.h>
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <sstream>

#include "core/issuing/receipt.hpp"
#include "core/issuing/receipt_cairo.hpp"
#include "core/issuing/receipt_fonts.hpp"
#include "core/issuing/receipt_output.hpp"

using namespace rs::issuing;
namespace cu = rs::issuing::cairo_util;

namespace {
const std::string kRare = "\xF0\xAA\x9A\xA5";  // 𪚥 U+2A6A5, CJK Extension B

// Dark pixels (grey < 128) of a decoded receipt PNG.
long ink(const std::vector<std::uint8_t>& png) {
  cv::Mat g = cv::imdecode(cv::Mat(1, static_cast<int>(png.size()), CV_8UC1, const_cast<std::uint8_t*>(png.data())),
                           cv::IMREAD_GRAYSCALE);
  REQUIRE(!g.empty());
  return static_cast<long>(cv::countNonZero(g < 128));
}

// `text` drawn at 60 px with `family` selected, on a white 160x100 grey image.
cv::Mat draw_alone(const std::string& family, const std::string& text) {
  cu::Surface s(cairo_image_surface_create(CAIRO_FORMAT_A8, 160, 100));
  {
    cu::Context cr(cairo_create(s.get()));
    cu::select_font(cr.get(), family, false, 60);
    cu::show_text(cr.get(), text, 20, 75, family);
    cu::check(cr.get(), "test drawing");
  }
  cairo_surface_flush(s.get());
  cv::Mat alpha(100, 160, CV_8UC1, cairo_image_surface_get_data(s.get()),
                static_cast<size_t>(cairo_image_surface_get_stride(s.get())));
  return 255 - alpha;  // ink is alpha: white paper, black glyphs
}

long peak_rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// Resets VmHWM to the current RSS (Linux clear_refs "5"); false where the kernel refuses.
bool reset_peak_rss() { return static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5" << std::flush); }

// A real small PNG whose IHDR then claims width x height (CRC fixed): what a bomb's header says.
std::vector<std::uint8_t> png_claiming(std::uint32_t width, std::uint32_t height) {
  cv::Mat img(8, 8, CV_8UC3, cv::Scalar(40, 90, 200));
  std::vector<std::uint8_t> png;
  cv::imencode(".png", img, png);
  auto put = [&](std::size_t at, std::uint32_t v) {
    for (int k = 0; k < 4; ++k) png[at + k] = static_cast<std::uint8_t>(v >> (24 - 8 * k));
  };
  put(16, width);
  put(20, height);
  put(29, png_crc32(png.data() + 12, 4 + 13));  // over "IHDR" and its 13 bytes
  return png;
}
}  // namespace

TEST_CASE("printable_text: controls and invisible characters left out, invalid UTF-8 as U+FFFD") {
  CHECK(printable_text("张\x01三") == "张三");
  CHECK(printable_text("张\n三\t丰") == "张 三 丰");
  CHECK(printable_text("a\x7F\xC2\x85"
                       "b") == "ab");  // DEL, NEL (C1)
  CHECK(printable_text("\xE2\x80\xAE"
                       "abc\xE2\x80\x8B") == "abc");                        // RLO, zero-width space
  CHECK(printable_text("\xE8\x91\x9B\xF3\xA0\x84\x80") == "\xE8\x91\x9B");  // 葛 + an ideographic variation selector
  CHECK(printable_text("a\xFF"
                       "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(printable_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/': invalid, not '/'
  CHECK(printable_text(kRare) == kRare);
}

TEST_CASE("cairo alone does not fall back: Noto Sans CJK has no 𪚥, the receipt's fallback does") {
  // The premise of the fallback chain, checked rather than trusted.
  cu::Surface s(cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8));
  cu::Context cr(cairo_create(s.get()));
  cu::select_font(cr.get(), "Noto Sans CJK SC", false, 10);
  REQUIRE(cu::is_family(cairo_get_scaled_font(cr.get()), "Noto Sans CJK SC"));
  CHECK_FALSE(cu::has_glyph(cairo_get_scaled_font(cr.get()), kRare));
  CHECK(cu::has_glyph(cairo_get_scaled_font(cr.get()), "张"));
  cu::select_font(cr.get(), "HanaMinA", false, 10);
  REQUIRE_MESSAGE(cu::is_family(cairo_get_scaled_font(cr.get()), "HanaMinA"), "fonts-hanazono is not installed");
  CHECK(cu::has_glyph(cairo_get_scaled_font(cr.get()), kRare));
}

TEST_CASE("𪚥 drawn with the receipt font comes out as the fallback font's glyph, with ink") {
  const cv::Mat via_fallback = draw_alone("Noto Sans CJK SC", kRare);
  const cv::Mat direct = draw_alone("HanaMinA", kRare);
  const int dark = cv::countNonZero(via_fallback < 128);
  MESSAGE("𪚥 at 60 px: " << dark << " dark pixels");
  CHECK(dark > 600);                                        // four 龍: a dense glyph, not an empty box's outline
  CHECK(cv::norm(via_fallback, direct, cv::NORM_L1) == 0);  // the same pixels as HanaMinA's own glyph
  // Mixed text: 张 from Noto, 𪚥 from the fallback, side by side; the width covers both.
  cu::Surface s(cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8));
  cu::Context cr(cairo_create(s.get()));
  cu::select_font(cr.get(), "Noto Sans CJK SC", false, 10);
  CHECK(cu::text_width(cr.get(), "张" + kRare) == doctest::Approx(20).epsilon(0.05));
}

TEST_CASE("a receipt for a name with 𪚥 renders, and the name has the glyph's ink") {
  ReceiptData plain = sample_receipt_data();
  plain.applicant_name = "张";
  ReceiptData rare = plain;
  rare.applicant_name = "张" + kRare;
  const long without = ink(render_receipt_bytes(plain, ReceiptFormat::Png));
  const long with = ink(render_receipt_bytes(rare, ReceiptFormat::Png));
  MESSAGE("ink: " << without << " without 𪚥, " << with << " with it");
  CHECK(with - without > 400);  // ~4 mm glyph at 350 dpi
  const auto pdf = render_receipt_bytes(rare, ReceiptFormat::Pdf);
  CHECK(pdf.size() > 1000);
}

TEST_CASE("control characters in a stored name or order number never stop a receipt") {
  ReceiptData d = sample_receipt_data();
  const ReceiptData clean = d;
  d.applicant_name = "张\x01\x1B[31m三\n\xE2\x80\xAE\xFF";
  d.order_no = std::string("RS\0\n42", 6);
  std::vector<std::uint8_t> png;
  REQUIRE_NOTHROW(png = render_receipt_bytes(d, ReceiptFormat::Png));
  CHECK(ink(png) > 0);
  REQUIRE_NOTHROW(render_receipt_bytes(d, ReceiptFormat::Pdf));
  // Only control characters: nothing printable is left, which is an empty name, refused by name.
  d = clean;
  d.applicant_name = "\x01\x02\n";
  CHECK_THROWS_WITH_AS(render_receipt_bytes(d, ReceiptFormat::Png), doctest::Contains("name is empty"),
                       std::runtime_error);
}

TEST_CASE("a character no font has fails the render with its code point") {
  ReceiptData d = sample_receipt_data();
  d.applicant_name = "张\xF4\x8F\xBF\xBD";  // U+10FFFD, private use
  CHECK_THROWS_WITH_AS(render_receipt_bytes(d, ReceiptFormat::Png), doctest::Contains("U+10FFFD"), std::runtime_error);
}

TEST_CASE("an oversized stored photo is refused from its header, quickly and without decoding it") {
  ReceiptData d = sample_receipt_data();
  d.photo = png_claiming(16000, 16000);
  const bool peak_resettable = reset_peak_rss();
  const long rss_before = peak_rss_kb();
  const auto start = std::chrono::steady_clock::now();
  std::string error;
  try {
    render_receipt_bytes(d, ReceiptFormat::Png);
  } catch (const std::runtime_error& e) {
    error = e.what();
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  MESSAGE(error << " (" << ms << " ms)");
  CHECK(error.find(d.image_number) != std::string::npos);
  CHECK(error.find("16000×16000") != std::string::npos);
  CHECK(error.find("decode caps") != std::string::npos);
  CHECK(ms < 2000);  // decoding it took 16 s
  if (peak_resettable) {
    const long grown_mb = (peak_rss_kb() - rss_before) / 1024;
    MESSAGE("peak RSS grew by " << grown_mb << " MB");
    CHECK(grown_mb < 100);  // the decode would have needed 768 MB for the pixels alone
  } else {
    MESSAGE("this kernel does not reset the RSS peak: only the time and the message were checked");
  }
  // A 2^31 side or a 0 side is refused the same way; the caps come from the data.
  d.photo = png_claiming(0x80000000u, 1);
  CHECK_THROWS_AS(render_receipt_bytes(d, ReceiptFormat::Png), std::runtime_error);
  d = sample_receipt_data();
  d.photo_limits.max_side = 400;  // the sample photo is 358x441
  CHECK_THROWS_WITH_AS(render_receipt_bytes(d, ReceiptFormat::Png), doctest::Contains("358×441"), std::runtime_error);
  d.photo_limits = {};
  CHECK_NOTHROW(render_receipt_bytes(d, ReceiptFormat::Pdf));
}

TEST_CASE("receipt_text_problem: rare characters and ordinary names pass, what no font has is named") {
  CHECK_FALSE(receipt_text_problem("张三"));
  CHECK_FALSE(receipt_text_problem(kRare));
  CHECK_FALSE(receipt_text_problem("欧阳" + kRare + "丰"));
  CHECK_FALSE(receipt_text_problem("JOHN SMITH"));
  CHECK_FALSE(receipt_text_problem("Zoë Müller-Łukasiewicz"));
  CHECK_FALSE(receipt_text_problem("张\x01三\n"));  // left out when printed, so no problem
  CHECK_FALSE(receipt_text_problem(""));

  auto pua = receipt_text_problem("张\xF4\x8F\xBF\xBD");  // U+10FFFD
  REQUIRE(pua);
  CHECK(pua->find("U+10FFFD") != std::string::npos);
  CHECK(pua->find("applicant name") != std::string::npos);
  auto bmp_pua = receipt_text_problem("\xEE\x80\x80", "order number");  // U+E000
  REQUIRE(bmp_pua);
  CHECK(bmp_pua->find("U+E000") != std::string::npos);
  CHECK(bmp_pua->rfind("order number:", 0) == 0);
  // What the check accepts, the receipt prints; what it refuses, the receipt refuses too.
  ReceiptData d = sample_receipt_data();
  d.applicant_name = "欧阳" + kRare + "丰";
  CHECK_NOTHROW(render_receipt_bytes(d, ReceiptFormat::Pdf));
}

TEST_CASE("receipt_text_problem is cheap enough for every approval") {
  load_receipt_fonts();  // ~40 ms, once per process
  CHECK_FALSE(receipt_text_problem("预热"));
  constexpr int kCalls = 20000;
  const auto start = std::chrono::steady_clock::now();
  int problems = 0;
  for (int i = 0; i < kCalls; ++i) problems += receipt_text_problem(i % 2 ? "张三丰" : "欧阳" + kRare).has_value();
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / kCalls;
  MESSAGE("receipt_text_problem: " << us << " µs per three-character name");
  CHECK(problems == 0);
  CHECK(us < 200);
}
