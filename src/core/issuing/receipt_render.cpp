// render_receipt: checks the data, loads the layout for its group and city, and paints it on a
// cairo PDF or image surface with the one painter.
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/domain/image_number.hpp"
#include "core/issuing/qr.hpp"
#include "core/issuing/receipt.hpp"
#include "core/issuing/receipt_cairo.hpp"
#include "core/issuing/receipt_fonts.hpp"
#include "core/issuing/receipt_layout.hpp"
#include "core/issuing/receipt_output.hpp"
#include "core/issuing/receipt_painter.hpp"
#include "core/issuing/receipt_text.hpp"
#include "core/util/paths.hpp"

namespace rs::issuing {
namespace fs = std::filesystem;
namespace cu = cairo_util;

namespace {
constexpr double kMmPerInch = 25.4;
constexpr double kPtPerMm = 72.0 / kMmPerInch;

[[noreturn]] void refuse(const ReceiptData& d, const std::string& problem) {
  throw std::runtime_error("receipt " + (d.image_number.empty() ? std::string("(no number)") : d.image_number) + ": " +
                           problem);
}

struct Checked {
  City city;
  DocType doc_type;
};

// A receipt is what the issuing desk trusts; anything inconsistent is refused, never printed.
Checked check_data(const ReceiptData& d) {
  auto parsed = parse_image_number(d.image_number);
  if (!parsed.parts) refuse(d, "the image number is malformed: " + parsed.error);
  if (parsed.parts->group != d.doc_group)
    refuse(d, "document group '" + std::string(1, d.doc_group) + "' disagrees with the number's '" +
                  std::string(1, parsed.parts->group) + "'");
  auto city = parse_city(d.city_zh);
  if (!city.city) refuse(d, "city: " + city.error);
  if (city.city->letter != parsed.parts->city_letter)
    refuse(d, "the number's city letter '" + std::string(1, parsed.parts->city_letter) + "' is not " +
                  std::string(city.city->name_zh) + " ('" + std::string(1, city.city->letter) + "')");
  auto type = parse_doc_type(d.doc_type_code);
  if (!type) refuse(d, "unknown document type '" + d.doc_type_code + "'");
  if (!doc_group_serves(d.doc_group, *type))
    refuse(d, "group '" + std::string(1, d.doc_group) + "' does not serve " + std::string(doc_type_name_zh(*type)));
  if (printable_text(d.applicant_name).empty()) refuse(d, "the applicant name is empty (nothing printable)");
  if (d.id_number.empty()) refuse(d, "the ID number is empty");
  if (d.issue_date.empty() || d.expiry_date.empty()) refuse(d, "the issue or expiry date is empty");
  if (d.photo.empty()) refuse(d, "there is no photo");
  return {*city.city, *type};
}

std::map<std::string, std::string> template_values(const ReceiptData& d, const Checked& c, const ReceiptLayout& l) {
  return {{"image_number", d.image_number},
          {"doc_type", std::string(doc_type_name_zh(c.doc_type))},
          {"doc_group", std::string(1, d.doc_group)},
          {"group_name", l.group_name},
          {"city", std::string(c.city.name_zh)},
          {"applicant_name", printable_text(d.applicant_name)},
          {"id_number", printable_text(mask_id_number(d.id_number))},
          {"issue_date", d.issue_date},
          {"expiry_date", d.expiry_date},
          {"order_no", d.order_no.empty() ? std::string("—") : printable_text(d.order_no)}};
}

// The stored photo's header, read by the bounds-checked intake parser, against the caps: a
// decompression bomb approved from the command line is refused here, before OpenCV allocates
// its pixels (a 16000x16000 PNG took 2.8 GB and 16 s to decode).
findings::PhotoHeader checked_photo_header(const ReceiptData& d) {
  const auto hr = findings::read_header(d.photo);
  if (hr.error) refuse(d, "the photo cannot be decoded: " + *hr.error);
  const auto& h = hr.header;
  const auto& cap = d.photo_limits;
  if (h.width <= 0 || h.height <= 0 || h.width > cap.max_side || h.height > cap.max_side ||
      static_cast<long long>(h.width) * h.height > cap.max_pixels)
    refuse(d, "the photo cannot be decoded: its header says " + std::to_string(h.width) + "×" +
                  std::to_string(h.height) + " px, outside the decode caps (1 to " + std::to_string(cap.max_side) +
                  " px a side, at most " + std::to_string(cap.max_pixels) + " px)");
  return h;
}

// Decodes the photo into a cairo RGB24 surface. cairo stores RGB24 as native-endian 32-bit xRGB,
// which on a little-endian machine is OpenCV's BGRA byte order.
cu::Surface photo_surface(const ReceiptData& d) {
  static_assert(std::endian::native == std::endian::little, "photo_surface assumes a little-endian host");
  const findings::PhotoHeader h = checked_photo_header(d);
  cv::Mat bgr;
  try {
    bgr = cv::imdecode(cv::Mat(1, static_cast<int>(d.photo.size()), CV_8UC1, const_cast<std::uint8_t*>(d.photo.data())),
                       cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    refuse(d, std::string("the photo cannot be decoded: ") + e.what());
  }
  if (bgr.empty()) refuse(d, "the photo (" + std::to_string(d.photo.size()) + " bytes) cannot be decoded");
  // The decoder read the same header (turned by an EXIF orientation, perhaps); anything else
  // means the header check above did not see what was decoded.
  const bool same = (bgr.cols == h.width && bgr.rows == h.height) || (bgr.cols == h.height && bgr.rows == h.width);
  if (!same) refuse(d, "the photo cannot be decoded: its pixels are not the size its header says");
  cv::Mat bgra;
  cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
  cu::Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, bgra.cols, bgra.rows));
  cu::check(s.get(), "photo surface");
  cairo_surface_flush(s.get());
  unsigned char* dst = cairo_image_surface_get_data(s.get());
  const int stride = cairo_image_surface_get_stride(s.get());
  for (int y = 0; y < bgra.rows; ++y) std::memcpy(dst + y * stride, bgra.ptr(y), static_cast<size_t>(bgra.cols) * 4);
  cairo_surface_mark_dirty(s.get());
  return s;
}

// A JPEG photo goes into the PDF as its original bytes instead of being re-encoded.
void attach_jpeg(cairo_surface_t* photo, const std::vector<std::uint8_t>& bytes) {
  if (bytes.size() < 3 || bytes[0] != 0xFF || bytes[1] != 0xD8 || bytes[2] != 0xFF) return;
  auto* copy = new std::vector<std::uint8_t>(bytes);
  cairo_surface_set_mime_data(
      photo, CAIRO_MIME_TYPE_JPEG, copy->data(), copy->size(),
      [](void* p) { delete static_cast<std::vector<std::uint8_t>*>(p); }, copy);
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

ReceiptContent with_fonts(cairo_t* cr, const ReceiptLayout& l, ReceiptContent c) {
  try {
    c.font = cu::pick_family(cr, l.fonts);
    c.number_font = cu::pick_family(cr, l.number_fonts);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("receipt layout " + l.source.string() + ": " + e.what());
  }
  return c;
}

std::vector<std::uint8_t> render_png(const ReceiptLayout& l, const ReceiptContent& c) {
  const double px_per_mm = l.png_dpi / kMmPerInch;
  const int w = static_cast<int>(std::lround(l.page_w_mm * px_per_mm));
  const int h = static_cast<int>(std::lround(l.page_h_mm * px_per_mm));
  cu::Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  cu::check(surface.get(), "receipt image surface");
  {
    cu::Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), px_per_mm, px_per_mm);
    paint_receipt(cr.get(), l, with_fonts(cr.get(), l, c), true);
  }
  std::vector<std::uint8_t> png;
  cairo_status_t st = cairo_surface_write_to_png_stream(surface.get(), append_bytes, &png);
  if (st != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("PNG encoding: ") + cairo_status_to_string(st));
  return png_with_dpi(png, l.png_dpi);
}

std::vector<std::uint8_t> render_pdf(const ReceiptLayout& l, const ReceiptContent& c, const std::string& title) {
  std::vector<std::uint8_t> pdf;
  {
    cu::Surface surface(
        cairo_pdf_surface_create_for_stream(append_bytes, &pdf, l.page_w_mm * kPtPerMm, l.page_h_mm * kPtPerMm));
    cu::check(surface.get(), "receipt PDF surface");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "ReviewStation");
    {
      cu::Context cr(cairo_create(surface.get()));
      cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
      paint_receipt(cr.get(), l, with_fonts(cr.get(), l, c), false);
      cairo_show_page(cr.get());
    }
    cairo_surface_finish(surface.get());  // writes the trailer into `pdf`
    cu::check(surface.get(), "receipt PDF");
  }
  return pdf;
}
}  // namespace

fs::path default_receipt_layouts_dir() { return data_dir() / "db" / "receipts"; }

std::vector<std::uint8_t> render_receipt_bytes(const ReceiptData& data, ReceiptFormat format,
                                               const fs::path& layouts_dir) {
  const Checked checked = check_data(data);
  const ReceiptLayout layout = load_receipt_layout(layouts_dir.empty() ? default_receipt_layouts_dir() : layouts_dir,
                                                   data.doc_group, checked.city.name_zh);
  cu::Surface photo = photo_surface(data);
  ReceiptContent content;
  content.values = template_values(data, checked, layout);
  content.photo = photo.get();
  content.qr = encode_qr(data.image_number, layout.qr_ec_level);
  if (format == ReceiptFormat::Png) return render_png(layout, content);
  attach_jpeg(photo.get(), data.photo);
  return render_pdf(layout, content, expand_template(layout.title.text, content.values));
}

void render_receipt(const ReceiptData& data, ReceiptFormat format, const fs::path& out, const fs::path& layouts_dir) {
  std::vector<std::uint8_t> bytes;
  try {
    bytes = render_receipt_bytes(data, format, layouts_dir);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(out.string() + ": " + e.what());
  }
  write_file_atomically(out, bytes);
}

ReceiptFormat receipt_format_for_path(const fs::path& out) {
  std::string ext = out.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (ext == ".png") return ReceiptFormat::Png;
  if (ext == ".pdf") return ReceiptFormat::Pdf;
  throw std::runtime_error("receipt output " + out.string() + ": the name must end in .pdf or .png");
}

}  // namespace rs::issuing
