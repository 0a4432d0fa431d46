#pragma once
// Printable receipt (回执单) for an approved photo, rendered with cairo from a JSON layout per
// document group with per-city overrides (db/receipts/).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/findings/decode.hpp"

namespace rs::issuing {

struct ReceiptData {
  std::string image_number;   // 16 characters
  std::string doc_type_code;  // "id_card", ...
  char doc_group = 'I';       // 3rd character of the number
  std::string city_zh;        // 深圳
  std::string applicant_name;
  std::string id_number;    // full; the renderer masks it
  std::string issue_date;   // 2026-11-21
  std::string expiry_date;  // 2027-05-20
  std::string order_no;
  std::vector<std::uint8_t> photo;  // encoded JPEG/PNG of the approved photo
  // The caps intake decodes with (DecodeLimits' defaults, the same for every document type): a
  // stored photo whose header promises more is refused before any pixel is decoded.
  findings::DecodeLimits photo_limits;
};

enum class ReceiptFormat { Png, Pdf };

// Writes the receipt; throws std::runtime_error naming the file and the problem.
// layouts_dir empty = default_receipt_layouts_dir(). The data is checked first: a malformed image
// number, a number whose group or city letter disagrees with the data, a document type the group
// does not serve, an empty name or date, or a photo that cannot be decoded (not an image, corrupt,
// or larger than data.photo_limits: refused from its header, before any pixel is decoded) is
// refused. Text is printed as printable_text() gives it (control characters never stop a receipt)
// and a character the layout's font lacks comes from the fallback fonts (receipt_fonts.hpp).
// The file is written atomically (temporary file, fsync, rename).
void render_receipt(const ReceiptData& data, ReceiptFormat format, const std::filesystem::path& out,
                    const std::filesystem::path& layouts_dir = {});

// The same receipt as bytes (PNG with its print resolution, or PDF), for previews and tests.
std::vector<std::uint8_t> render_receipt_bytes(const ReceiptData& data, ReceiptFormat format,
                                               const std::filesystem::path& layouts_dir = {});

// ".png" / ".pdf" (any case) -> format; anything else throws std::runtime_error naming the path.
ReceiptFormat receipt_format_for_path(const std::filesystem::path& out);

// rs::data_dir()/db/receipts.
std::filesystem::path default_receipt_layouts_dir();

// "440301********1234": keeps the first 6 and last 4 characters. Numbers of 10 characters or
// fewer (passports, permits) keep only their last 4; 4 or fewer are hidden entirely.
std::string mask_id_number(const std::string& id);

// A made-up but valid receipt (Shenzhen ID card, shared group X, synthetic drawn face) for the
// bench, demos and tests. Deterministic: the same bytes every call.
ReceiptData sample_receipt_data();

// Renders sample_receipt_data() `runs` times into a temporary file (after one warm-up that loads
// the fonts) and returns the mean wall time per receipt in milliseconds.
double bench_receipt_render_ms(ReceiptFormat format, int runs = 10);

}  // namespace rs::issuing
