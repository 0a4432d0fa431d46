// Receipts: id masking, templates, wrapping, QR modules, layout loading and its errors, and the
// rendered PNG/PDF (QR decoded back with ZXing, golden PNG within a tolerance, text in the PDF).
#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "core/domain/image_number.hpp"
#include "core/issuing/qr.hpp"
#include "core/issuing/receipt.hpp"
#include "core/issuing/receipt_layout.hpp"
#include "core/issuing/receipt_output.hpp"
#include "core/issuing/receipt_text.hpp"

namespace fs = std::filesystem;
using namespace rs::issuing;
using nlohmann::json;

namespace {
// Golden comparisons run on a quarter-size grey copy: antialiasing and hinting noise averages
// out, a moved box or a changed text does not.
constexpr int kGoldenScale = 4;
// Worst-tile mean absolute grey difference (0-255) allowed against the golden (worst_tile_diff).
// Measured with the cases below: 349 instead of 350 dpi ~9, Noto's Japanese glyph cut ~14; a
// photo moved by 1 mm ~33, field rows 0.5 mm closer ~60, a changed title ~140.
constexpr double kGoldenTolerance = 20.0;

fs::path golden_path() { return fs::path(RS_SOURCE_DIR) / "tests" / "golden" / "receipt_sample_X.png"; }
fs::path layouts_dir() { return fs::path(RS_SOURCE_DIR) / "db" / "receipts"; }

// A scratch folder per test case, removed at the end.
struct ScratchDir {
  fs::path path;
  explicit ScratchDir(const std::string& name)
      : path(fs::temp_directory_path() / ("rs_receipt_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Copies the shipped layouts and applies a merge patch to one file, to break a layout on purpose.
fs::path patched_layouts(const ScratchDir& dir, const std::string& file, const json& patch) {
  fs::path out = dir.path / "layouts";
  fs::create_directories(out);
  for (const auto& e : fs::directory_iterator(layouts_dir()))
    if (e.path().extension() == ".json") fs::copy_file(e.path(), out / e.path().filename());
  if (!file.empty()) {
    std::ifstream in(out / file);
    json j = json::parse(in);
    j.merge_patch(patch);
    std::ofstream(out / file, std::ios::trunc) << j.dump(2);
  }
  return out;
}

void write_text(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::trunc) << s; }

cv::Mat decode_gray(const std::vector<std::uint8_t>& bytes) {
  return cv::imdecode(cv::Mat(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<std::uint8_t*>(bytes.data())),
                      cv::IMREAD_GRAYSCALE);
}

std::string read_qr(const cv::Mat& gray) {
  REQUIRE(gray.type() == CV_8UC1);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  ZXing::ImageView view(gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum, static_cast<int>(gray.step));
  ZXing::Result r = ZXing::ReadBarcode(view, hints);
  return r.isValid() ? r.text() : std::string();
}

cv::Mat golden_view(const cv::Mat& gray) {
  cv::Mat small;
  cv::resize(gray, small, {gray.cols / kGoldenScale, gray.rows / kGoldenScale}, 0, 0, cv::INTER_AREA);
  return small;
}

double mean_abs_diff(const cv::Mat& a, const cv::Mat& b) {
  REQUIRE(a.size() == b.size());
  cv::Mat d;
  cv::absdiff(a, b, d);
  return cv::mean(d)[0];
}

// The worst tile's mean absolute difference. A whole-page mean dilutes a moved box in white
// paper; per ~4.6 mm tile, after halving and a slight blur that absorbs sub-pixel glyph noise,
// a moved box or a changed word stands out while antialiasing does not.
double worst_tile_diff(const cv::Mat& a, const cv::Mat& b) {
  REQUIRE(a.size() == b.size());
  cv::Mat sa, sb, d;
  cv::resize(a, sa, {a.cols / 2, a.rows / 2}, 0, 0, cv::INTER_AREA);
  cv::resize(b, sb, {b.cols / 2, b.rows / 2}, 0, 0, cv::INTER_AREA);
  cv::GaussianBlur(sa, sa, {3, 3}, 0);
  cv::GaussianBlur(sb, sb, {3, 3}, 0);
  cv::absdiff(sa, sb, d);
  constexpr int kTile = 8;
  double worst = 0;
  for (int y = 0; y + kTile <= d.rows; y += kTile)
    for (int x = 0; x + kTile <= d.cols; x += kTile)
      worst = std::max(worst, cv::mean(d(cv::Rect(x, y, kTile, kTile)))[0]);
  return worst;
}

// Golden view of the sample receipt rendered with `layouts`, resized to the golden's size.
cv::Mat sample_view(const fs::path& layouts, const cv::Size& size) {
  cv::Mat v = golden_view(decode_gray(render_receipt_bytes(sample_receipt_data(), ReceiptFormat::Png, layouts)));
  if (v.size() != size) cv::resize(v, v, size, 0, 0, cv::INTER_AREA);
  return v;
}

int run(const std::string& cmd) { return std::system(cmd.c_str()); }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string layout_error(const fs::path& dir, char group, const std::string& city) {
  try {
    load_receipt_layout(dir, group, city);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("mask_id_number keeps the first 6 and last 4 characters") {
  CHECK(mask_id_number("440301199001011234") == "440301********1234");
  CHECK(mask_id_number("44030119900101123X") == "440301********123X");
  CHECK(mask_id_number("440301900101123") == "440301*****1123");  // old 15-digit number
  CHECK(mask_id_number("12345678901") == "123456*8901");          // shortest with 6 + 4 visible
  CHECK(mask_id_number("E12345678") == "*****5678");              // passport: last 4 only
  CHECK(mask_id_number("1234567890") == "******7890");
  CHECK(mask_id_number("1234") == "****");
  CHECK(mask_id_number("") == "");
  CHECK(mask_id_number("44030119900101123") != "44030119900101123");
}

TEST_CASE("templates: known placeholders expand, unknown and unbalanced ones are reported") {
  CHECK(check_template("本回执仅限{city}市使用，有效期至{expiry_date}。") == "");
  CHECK(check_template("{cty}").find("unknown placeholder {cty}") != std::string::npos);
  CHECK(check_template("a {city").find("unclosed") != std::string::npos);
  CHECK(check_template("a }").find("stray") != std::string::npos);
  std::map<std::string, std::string> v = {{"city", "深圳"}, {"expiry_date", "2027-05-20"}};
  CHECK(expand_template("仅限{city}市，至{expiry_date}", v) == "仅限深圳市，至2027-05-20");
}

TEST_CASE("wrap_text breaks between Chinese characters but keeps a date whole") {
  auto width = [](std::string_view s) { return static_cast<double>(utf8_code_points(s).size()); };
  auto lines = wrap_text("有效期至2027-05-20。", 11, width);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "有效期至");
  CHECK(lines[1] == "2027-05-20。");
  // A full stop stays with the character before it instead of opening the next line.
  CHECK(wrap_text("一二三。四", 3, width) == std::vector<std::string>{"一二", "三。四"});
  for (const auto& l : wrap_text("本回执仅限深圳市使用可用于办理社会保障卡", 5, width)) CHECK(width(l) <= 5);
  auto long_word = wrap_text("ABCDEFGHIJ", 4, width);  // wider than a line: split anyway
  CHECK(long_word == std::vector<std::string>{"ABCD", "EFGH", "IJ"});
  CHECK(utf8_code_points("a深\xFF").size() == 3);
}

TEST_CASE("png_crc32 and png_with_dpi write a valid pHYs chunk") {
  const std::string check = "123456789";
  CHECK(png_crc32(reinterpret_cast<const std::uint8_t*>(check.data()), check.size()) == 0xCBF43926u);
  std::vector<std::uint8_t> png;
  cv::imencode(".png", cv::Mat(8, 8, CV_8UC1, cv::Scalar(200)), png);
  auto out = png_with_dpi(png, 350);
  REQUIRE(out.size() == png.size() + 21);
  CHECK(std::string(out.begin() + 37, out.begin() + 41) == "pHYs");
  const std::uint32_t ppm = (out[41] << 24) | (out[42] << 16) | (out[43] << 8) | out[44];
  CHECK(ppm == 13780);  // 350 dpi in pixels per metre
  CHECK(!decode_gray(out).empty());
  CHECK_THROWS_AS(png_with_dpi({1, 2, 3}, 350), std::invalid_argument);
}

TEST_CASE("encode_qr gives a version-1 symbol for an image number") {
  QrMatrix m = encode_qr("GDXB26112100042P");
  REQUIRE(m.size == 21);
  REQUIRE(m.modules.size() == 441u);
  // Finder pattern corners: dark outer ring, light ring inside, dark centre.
  CHECK(m.dark(0, 0));
  CHECK(m.dark(6, 6));
  CHECK(!m.dark(1, 1));
  CHECK(m.dark(3, 3));
  CHECK(m.dark(20, 0));
  CHECK(m.dark(0, 20));
  CHECK_THROWS_AS(encode_qr(""), std::invalid_argument);
  CHECK_THROWS_AS(parse_qr_ec_level("Z"), std::invalid_argument);
}

TEST_CASE("every shipped layout loads; city overrides and Shenzhen's shared receipt apply") {
  for (char g : std::string("ISRHPD")) {
    ReceiptLayout l = load_receipt_layout(layouts_dir(), g, "佛山");
    CHECK(l.group == g);
    CHECK(!l.title.text.empty());
    CHECK(l.photo.box.w == doctest::Approx(26));
    CHECK(l.photo.box.h == doctest::Approx(32));
  }
  CHECK(load_receipt_layout(layouts_dir(), 'I', "佛山").title.text == "广东省居民身份证数字相片采集回执");
  ReceiptLayout gz = load_receipt_layout(layouts_dir(), 'I', "广州");
  CHECK(gz.city == "广州");
  CHECK(gz.title.text == "广州市居民身份证数字相片采集回执");
  CHECK(gz.number.label == "回执号（图像号）");
  CHECK(gz.fields.rows.size() == 8);  // the base's table survives the override
  ReceiptLayout sz = load_receipt_layout(layouts_dir(), 'X', "深圳");
  CHECK(sz.title.text.find("深圳市") == 0);
  CHECK(layout_error(layouts_dir(), 'X', "广州").find("only_cities") != std::string::npos);
}

TEST_CASE("a bad layout is refused with the file and the problem named") {
  ScratchDir dir("bad_layout");
  SUBCASE("missing group file") { CHECK(layout_error(dir.path, 'Q', "深圳").find("Q.json") != std::string::npos); }
  SUBCASE("invalid JSON") {
    write_text(dir.path / "I.json", "{ \"group\": \"I\", ");
    std::string e = layout_error(dir.path, 'I', "深圳");
    CHECK(e.find("I.json") != std::string::npos);
    CHECK(e.find("invalid JSON") != std::string::npos);
  }
  SUBCASE("missing key") {
    auto d = patched_layouts(dir, "base.json", {{"photo", {{"width_mm", nullptr}}}});
    std::string e = layout_error(d, 'I', "深圳");
    CHECK(e.find("I.json (extends base.json)") != std::string::npos);
    CHECK(e.find("photo.width_mm: missing") != std::string::npos);
  }
  SUBCASE("wrong type") {
    auto d = patched_layouts(dir, "I.json", {{"title", {{"size_mm", "big"}}}});
    CHECK(layout_error(d, 'I', "深圳").find("title.size_mm: expected a number") != std::string::npos);
  }
  SUBCASE("misspelt key") {
    auto d = patched_layouts(dir, "I.json", {{"qr", {{"sise_mm", 30}}}});
    CHECK(layout_error(d, 'I', "深圳").find("qr.sise_mm: unknown key") != std::string::npos);
  }
  SUBCASE("unknown placeholder") {
    auto d = patched_layouts(dir, "I.json", {{"note", {{"text", "有效期至{expiry}"}}}});
    CHECK(layout_error(d, 'I', "深圳").find("note.text: unknown placeholder {expiry}") != std::string::npos);
  }
  SUBCASE("box off the page") {
    auto d = patched_layouts(dir, "I.json", {{"qr", {{"x_mm", 130}}}});
    CHECK(layout_error(d, 'I', "深圳").find("qr: ") != std::string::npos);
    CHECK(layout_error(d, 'I', "深圳").find("outside the printable area") != std::string::npos);
  }
  SUBCASE("overlapping boxes") {
    auto d = patched_layouts(dir, "I.json", {{"photo", {{"x_mm", 85}}}});
    std::string e = layout_error(d, 'I', "深圳");
    CHECK(e.find("photo") != std::string::npos);
    CHECK(e.find("overlaps qr") != std::string::npos);
  }
  SUBCASE("override for a place that is not a Guangdong city") {
    auto d = patched_layouts(dir, "I.json", {{"cities", {{"广东省", {{"title", {{"text", "x"}}}}}}}});
    CHECK(layout_error(d, 'I', "深圳").find("cities.广东省: not a Guangdong city") != std::string::npos);
  }
  SUBCASE("group letter that disagrees with the file name") {
    auto d = patched_layouts(dir, "S.json", {{"group", "I"}});
    CHECK(layout_error(d, 'S', "深圳").find("group: says 'I'") != std::string::npos);
  }
  SUBCASE("a font that is not installed") {
    auto d = patched_layouts(dir, "base.json", {{"fonts", {{"text", "No Such Font Family"}}}});
    try {
      render_receipt_bytes(sample_receipt_data(), ReceiptFormat::Png, d);
      FAIL("rendered with a missing font");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()).find("No Such Font Family is installed") != std::string::npos);
    }
  }
}

TEST_CASE("inconsistent receipt data is refused before anything is drawn") {
  ScratchDir dir("bad_data");
  auto refused = [&](const ReceiptData& d, const std::string& words) {
    const fs::path out = dir.path / "r.png";
    try {
      render_receipt(d, ReceiptFormat::Png, out);
    } catch (const std::runtime_error& e) {
      CHECK_MESSAGE(std::string(e.what()).find(words) != std::string::npos, e.what());
      CHECK(std::string(e.what()).find(out.string()) != std::string::npos);
      CHECK(!fs::exists(out));
      return;
    }
    FAIL("accepted: " << words);
  };
  ReceiptData d = sample_receipt_data();
  d.image_number[10] = d.image_number[10] == '0' ? '1' : '0';
  refused(d, "malformed");
  d = sample_receipt_data();
  d.doc_group = 'I';
  refused(d, "disagrees");
  d = sample_receipt_data();
  d.city_zh = "广州";
  refused(d, "city letter");
  d = sample_receipt_data();
  d.city_zh = "广东省";
  refused(d, "city");
  d = sample_receipt_data();
  d.doc_type_code = "passport";
  refused(d, "does not serve");
  d = sample_receipt_data();
  d.photo = {1, 2, 3, 4};
  refused(d, "cannot be decoded");
  d = sample_receipt_data();
  d.applicant_name.clear();
  refused(d, "name is empty");
  CHECK_THROWS_WITH_AS(render_receipt(sample_receipt_data(), ReceiptFormat::Png, dir.path / "no" / "such" / "r.png"),
                       doctest::Contains("no/such/r.png"), std::runtime_error);
}

TEST_CASE("receipt_format_for_path") {
  CHECK(receipt_format_for_path("a/b.PDF") == ReceiptFormat::Pdf);
  CHECK(receipt_format_for_path("r.png") == ReceiptFormat::Png);
  CHECK_THROWS_AS(receipt_format_for_path("r.jpg"), std::runtime_error);
}

TEST_CASE("a rendered PNG receipt: print size, photo at 26x32 mm, QR decodes to the number") {
  const ReceiptData data = sample_receipt_data();
  const std::vector<std::uint8_t> png = render_receipt_bytes(data, ReceiptFormat::Png);
  cv::Mat gray = decode_gray(png);
  REQUIRE(!gray.empty());
  CHECK(gray.cols == 2039);  // A5 at 350 dpi
  CHECK(gray.rows == 2894);
  CHECK(read_qr(gray) == data.image_number);

  // The photo box (24, 38) mm, 26x32 mm, holds the photo itself at 350 dpi: ~358x441 px.
  const double px = 350 / 25.4;
  cv::Rect box(static_cast<int>(24 * px) + 3, static_cast<int>(38 * px) + 3, static_cast<int>(26 * px) - 6,
               static_cast<int>(32 * px) - 6);
  cv::Mat photo = decode_gray(data.photo), expected;
  cv::resize(photo, expected, {static_cast<int>(26 * px), static_cast<int>(32 * px)}, 0, 0, cv::INTER_AREA);
  cv::Mat expected_inner = expected(cv::Rect(3, 3, box.width, box.height));
  CHECK(mean_abs_diff(gray(box), expected_inner) < 6.0);
}

TEST_CASE("the PNG receipt matches the golden image within the tolerance, and breakage does not") {
  cv::Mat current = golden_view(decode_gray(render_receipt_bytes(sample_receipt_data(), ReceiptFormat::Png)));
  if (std::getenv("RS_UPDATE_GOLDEN")) {
    cv::imwrite(golden_path().string(), current, {cv::IMWRITE_PNG_COMPRESSION, 9});
    MESSAGE("golden written: " << golden_path());
  }
  cv::Mat golden = cv::imread(golden_path().string(), cv::IMREAD_GRAYSCALE);
  REQUIRE_MESSAGE(!golden.empty(), "missing golden " << golden_path() << " (RS_UPDATE_GOLDEN=1 writes it)");
  const double same = worst_tile_diff(current, golden);
  MESSAGE("golden difference " << same);
  CHECK(same < kGoldenTolerance);

  ScratchDir dir("golden");
  auto diff_with = [&](const std::string& file, const json& patch, const char* what) {
    const cv::Mat view = sample_view(patched_layouts(dir, file, patch), golden.size());
    const double diff = worst_tile_diff(view, golden);
    MESSAGE(std::string(what) << ": worst tile " << diff << ", page mean " << mean_abs_diff(view, golden));
    return diff;
  };
  // Tolerated: raster noise and slightly different glyph designs (a proxy for another font version).
  SUBCASE("349 instead of 350 dpi stays within the tolerance") {
    CHECK(diff_with("base.json", {{"page", {{"png_dpi", 349}}}}, "349 dpi") < kGoldenTolerance);
  }
  SUBCASE("the Japanese cut of Noto Sans CJK stays within the tolerance") {
    CHECK(diff_with("base.json", {{"fonts", {{"text", "Noto Sans CJK JP"}}}}, "JP glyphs") < kGoldenTolerance);
  }
  // Caught: anything that moves or changes what a person reads.
  SUBCASE("a photo moved by 1 mm is caught") {
    CHECK(diff_with("base.json", {{"photo", {{"x_mm", 25}}}}, "photo +1 mm") > kGoldenTolerance);
  }
  SUBCASE("field rows 0.5 mm closer are caught") {
    CHECK(diff_with("base.json", {{"fields", {{"row_mm", 8.5}}}}, "rows 8.5 mm") > kGoldenTolerance);
  }
  SUBCASE("another number font is caught") {
    CHECK(diff_with("base.json", {{"fonts", {{"number", "Noto Sans Mono CJK SC"}}}}, "number font") > kGoldenTolerance);
  }
  SUBCASE("a different title is caught") {
    CHECK(diff_with("X.json", {{"title", {{"text", "深圳市居住证数字相片回执（样张）"}}}}, "title") > kGoldenTolerance);
  }
}

TEST_CASE("the PDF receipt: a PDF that poppler rasterises, with searchable text and a readable QR") {
  ScratchDir dir("pdf");
  const ReceiptData data = sample_receipt_data();
  const fs::path pdf = dir.path / "receipt.pdf";
  render_receipt(data, ReceiptFormat::Pdf, pdf);
  REQUIRE(fs::exists(pdf));
  CHECK(slurp(pdf).rfind("%PDF-", 0) == 0);

  REQUIRE(run("pdftotext -enc UTF-8 '" + pdf.string() + "' '" + (dir.path / "receipt.txt").string() + "'") == 0);
  const std::string text = slurp(dir.path / "receipt.txt");
  CHECK(text.find("深圳市社保卡/居民身份证/居住证数字相片回执") != std::string::npos);
  CHECK(text.find(data.image_number) != std::string::npos);
  CHECK(text.find("440301********1234") != std::string::npos);
  CHECK(text.find(data.id_number) == std::string::npos);  // never the full ID number
  CHECK(text.find("本回执仅限深圳市使用") != std::string::npos);

  REQUIRE(run("pdftoppm -r 200 -gray -singlefile -png '" + pdf.string() + "' '" + (dir.path / "page").string() + "'") ==
          0);
  cv::Mat page = cv::imread((dir.path / "page.png").string(), cv::IMREAD_GRAYSCALE);
  REQUIRE(!page.empty());
  CHECK(page.cols == doctest::Approx(148 / 25.4 * 200).epsilon(0.01));
  CHECK(read_qr(page) == data.image_number);
}

TEST_CASE("a Guangzhou ID-card receipt uses the city's override") {
  ReceiptData d = sample_receipt_data();
  d.doc_group = 'I';
  d.city_zh = "广州市";
  rs::ImageNumberParts parts{'I', 'A', 26, 11, 21, 7};
  d.image_number = rs::format_image_number(parts);
  ScratchDir dir("gz");
  render_receipt(d, ReceiptFormat::Pdf, dir.path / "gz.pdf");
  REQUIRE(run("pdftotext -enc UTF-8 '" + (dir.path / "gz.pdf").string() + "' '" + (dir.path / "gz.txt").string() +
              "'") == 0);
  const std::string text = slurp(dir.path / "gz.txt");
  CHECK(text.find("广州市居民身份证数字相片采集回执") != std::string::npos);
  CHECK(text.find("回执号（图像号）") != std::string::npos);
  CHECK(text.find("本回执仅限广州市使用") != std::string::npos);
}

TEST_CASE("bench_receipt_render_ms measures a positive time") {
  CHECK(bench_receipt_render_ms(ReceiptFormat::Pdf, 1) > 0.0);
}
