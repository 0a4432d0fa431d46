#pragma once
// QR code modules for an image number, from libqrencode. Drawing is the caller's business: the
// receipt draws the dark modules as cairo rectangles so the PDF stays vector and prints crisp.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rs::issuing {

enum class QrEcLevel { L, M, Q, H };

struct QrMatrix {
  int size = 0;                       // modules per side, quiet zone excluded
  std::vector<std::uint8_t> modules;  // size*size, row-major; 1 = dark

  bool dark(int x, int y) const { return modules[static_cast<size_t>(y) * size + x] != 0; }
};

// Throws std::invalid_argument for empty text and std::runtime_error when libqrencode fails.
QrMatrix encode_qr(std::string_view text, QrEcLevel level = QrEcLevel::M);

// "L" "M" "Q" "H"; anything else throws std::invalid_argument naming the text.
QrEcLevel parse_qr_ec_level(std::string_view s);

}  // namespace rs::issuing
