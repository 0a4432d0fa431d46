// A sample receipt for the bench, demos and tests, and the render-time bench itself.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/domain/image_number.hpp"
#include "core/findings/spec.hpp"
#include "core/issuing/receipt.hpp"
#include "core/photo/crop.hpp"
#include "core/util/paths.hpp"

namespace rs::issuing {
namespace {
// Encoded near the top of the quality range, so the receipt shows the drawing, not the blocks.
constexpr int kSampleQuality = 92;

// A plain drawn head and shoulders at the ID card's frame size (db/spec "frame") on a white
// background, so the sample needs no photo file and always encodes to the same bytes. Drawn
// about the frame's centre column from the top edge down (the head top, eyes and mouth where a
// portrait has them), and the shirt from the bottom edge.
std::vector<std::uint8_t> sample_photo_jpeg(const findings::Ga461Frame& frame) {
  cv::Mat img(frame.height, frame.width, CV_8UC3, cv::Scalar(250, 250, 250));
  const int cx = frame.width / 2, bottom = frame.height;
  const cv::Scalar skin(150, 185, 225), hair(40, 40, 45), shirt(120, 70, 40), feature(50, 45, 60);
  cv::ellipse(img, {cx, bottom + 29}, {170, 110}, 0, 0, 360, shirt, cv::FILLED, cv::LINE_AA);
  cv::rectangle(img, {cx - 29, 300}, {cx + 29, 370}, skin, cv::FILLED);
  cv::ellipse(img, {cx, 150}, {92, 105}, 0, 180, 360, hair, cv::FILLED, cv::LINE_AA);
  cv::ellipse(img, {cx, 205}, {80, 105}, 0, 0, 360, skin, cv::FILLED, cv::LINE_AA);
  cv::ellipse(img, {cx - 82, 205}, {10, 20}, 0, 0, 360, skin, cv::FILLED, cv::LINE_AA);  // ears
  cv::ellipse(img, {cx + 82, 205}, {10, 20}, 0, 0, 360, skin, cv::FILLED, cv::LINE_AA);
  cv::ellipse(img, {cx, 120}, {82, 40}, 0, 180, 360, hair, cv::FILLED, cv::LINE_AA);
  for (int x : {cx - 33, cx + 33}) {
    cv::ellipse(img, {x, 190}, {14, 7}, 0, 0, 360, cv::Scalar(255, 255, 255), cv::FILLED, cv::LINE_AA);
    cv::circle(img, {x, 190}, 5, feature, cv::FILLED, cv::LINE_AA);
    cv::line(img, {x - 16, 170}, {x + 16, 168}, hair, 4, cv::LINE_AA);  // eyebrows
  }
  cv::line(img, {cx, 200}, {cx - 6, 238}, feature, 2, cv::LINE_AA);
  cv::ellipse(img, {cx, 262}, {22, 8}, 0, 0, 180, cv::Scalar(90, 90, 170), 3, cv::LINE_AA);
  return photo::encode_jpeg(img, kSampleQuality);
}
}  // namespace

ReceiptData sample_receipt_data() {
  ReceiptData d;
  d.image_number = format_image_number({'X', 'B', 26, 11, 21, 42});
  d.doc_type_code = "id_card";
  d.doc_group = 'X';
  d.city_zh = "深圳";
  d.applicant_name = "张三";
  d.id_number = "440301199001011234";
  d.issue_date = "2026-11-21";
  d.expiry_date = "2027-05-20";
  d.order_no = "RS20261121000042";
  d.photo = sample_photo_jpeg(findings::load_spec(data_dir() / "db" / "spec", d.doc_type_code).frame);
  return d;
}

double bench_receipt_render_ms(ReceiptFormat format, int runs) {
  const ReceiptData data = sample_receipt_data();
  const auto out = std::filesystem::temp_directory_path() / ("rs_receipt_bench_" + std::to_string(::getpid()) +
                                                             (format == ReceiptFormat::Png ? ".png" : ".pdf"));
  render_receipt(data, format, out);  // warm-up: fontconfig and the font files load once
  runs = std::max(runs, 1);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < runs; ++i) render_receipt(data, format, out);
  const std::chrono::duration<double, std::milli> total = std::chrono::steady_clock::now() - start;
  std::error_code ec;
  std::filesystem::remove(out, ec);
  return total.count() / runs;
}

}  // namespace rs::issuing
