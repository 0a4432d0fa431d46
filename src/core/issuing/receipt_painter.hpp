#pragma once
// Draws one receipt onto a cairo context whose user unit is the millimetre. The PDF and the PNG
// go through this same code; only the surface differs.
#include <cairo.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/issuing/qr.hpp"
#include "core/issuing/receipt_layout.hpp"

namespace rs::issuing {

// What the painter draws, already validated: template values, the photo and the QR modules.
struct ReceiptContent {
  std::map<std::string, std::string> values;  // placeholder -> text (id_number already masked)
  cairo_surface_t* photo = nullptr;           // RGB24 image surface, owned by the caller
  QrMatrix qr;
  std::string font, number_font;  // installed families, from pick_family
};

// `raster` snaps the QR modules to whole device pixels (PNG) so scanners see sharp edges.
void paint_receipt(cairo_t* cr, const ReceiptLayout& layout, const ReceiptContent& content, bool raster);

}  // namespace rs::issuing
