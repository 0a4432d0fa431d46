#pragma once
// Printable receipt (回执单) for an approved photo, rendered with cairo from a JSON layout per
// document group with per-city overrides (db/receipts/).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace rs::issuing {

struct ReceiptData {
  std::string image_number;     // 16 characters
  std::string doc_type_code;    // "id_card", ...
  char doc_group = 'I';         // 3rd character of the number
  std::string city_zh;          // 深圳
  std::string applicant_name;
  std::string id_number;        // full; the renderer masks it
  std::string issue_date;       // 2026-11-21
  std::string expiry_date;      // 2027-05-20
  std::string order_no;
  std::vector<std::uint8_t> photo;  // encoded JPEG/PNG of the approved photo
};

enum class ReceiptFormat { Png, Pdf };

// Writes the receipt; throws std::runtime_error naming the file and the problem.
void render_receipt(const ReceiptData& data, ReceiptFormat format, const std::filesystem::path& out,
                    const std::filesystem::path& layouts_dir = {});

// "440301********1234": keeps the first 6 and last 4 characters.
std::string mask_id_number(const std::string& id);

}  // namespace rs::issuing
