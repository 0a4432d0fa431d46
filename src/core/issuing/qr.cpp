#include "core/issuing/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace rs::issuing {
namespace {
struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};
using QrPtr = std::unique_ptr<QRcode, QrFree>;

QRecLevel to_qrencode(QrEcLevel l) {
  switch (l) {
    case QrEcLevel::L: return QR_ECLEVEL_L;
    case QrEcLevel::M: return QR_ECLEVEL_M;
    case QrEcLevel::Q: return QR_ECLEVEL_Q;
    case QrEcLevel::H: return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}
}  // namespace

QrMatrix encode_qr(std::string_view text, QrEcLevel level) {
  if (text.empty()) throw std::invalid_argument("QR code: nothing to encode (empty text)");
  const std::string s(text);
  // version 0 = smallest that fits; case-sensitive 8-bit hint lets libqrencode pick alphanumeric
  // mode for an upper-case image number, which keeps the symbol at version 1-2.
  QrPtr q(QRcode_encodeString(s.c_str(), 0, to_qrencode(level), QR_MODE_8, 1));
  if (!q) throw std::runtime_error("QR code: libqrencode failed for '" + s + "': " + std::strerror(errno));
  QrMatrix m;
  m.size = q->width;
  m.modules.resize(static_cast<size_t>(m.size) * m.size);
  for (size_t i = 0; i < m.modules.size(); ++i) m.modules[i] = q->data[i] & 1u;  // bit 0 = dark
  return m;
}

QrEcLevel parse_qr_ec_level(std::string_view s) {
  if (s == "L") return QrEcLevel::L;
  if (s == "M") return QrEcLevel::M;
  if (s == "Q") return QrEcLevel::Q;
  if (s == "H") return QrEcLevel::H;
  throw std::invalid_argument("QR error-correction level '" + std::string(s) + "' is not one of L M Q H");
}

}  // namespace rs::issuing
