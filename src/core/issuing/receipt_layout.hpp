#pragma once
// A receipt layout: the data of db/receipts/<group>.json after the per-city override is merged in.
// Every length is in millimetres from the page's top-left corner, so one layout serves the PDF
// (points) and the PNG (pixels at png_dpi) alike.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/issuing/qr.hpp"

namespace rs::issuing {

struct MmBox {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
};

enum class TextAlign { Left, Center, Right };

// One line of text, shrunk to fit width_mm when too long. `text` may hold {placeholders}.
struct TextLine {
  std::string text;
  MmBox box;           // h is derived from size_mm
  double size_mm = 4;  // em size
  bool bold = false;
  TextAlign align = TextAlign::Left;
};

struct ImageBox {
  MmBox box;
  std::string caption;  // centred under the box; may be empty
  double caption_size_mm = 3;
};

struct NumberBlock {
  std::string label;  // 图像号 or 回执号
  MmBox box;          // label line then the number line
  double label_size_mm = 4;
  double size_mm = 8;
};

struct FieldRow {
  std::string label;
  std::string value;  // template, e.g. "{city}市"
};

struct FieldTable {
  MmBox box;  // h = rows * row_mm
  double label_width_mm = 30;
  double row_mm = 9;
  double size_mm = 4;
  std::vector<FieldRow> rows;
};

struct NoteBlock {
  std::string text;  // template; wrapped inside box, shrunk until it fits
  MmBox box;
  double size_mm = 3.5;
};

struct ReceiptLayout {
  std::filesystem::path source;  // the JSON file, for messages
  char group = 'I';
  std::string group_name;                // 居民身份证
  std::string city;                      // the override that was applied ("" = province default)
  std::vector<std::string> only_cities;  // a city's own receipt (X: 深圳); empty = every city
  double page_w_mm = 148, page_h_mm = 210;
  double png_dpi = 350;
  double frame_inset_mm = 0;  // 0 = no frame
  // Font families, first installed one wins. The number defaults to DejaVu Sans Mono for its
  // dotted zero: a desk clerk typing the number must not confuse 0 with O.
  std::vector<std::string> fonts = {"Noto Sans CJK SC"};
  std::vector<std::string> number_fonts = {"DejaVu Sans Mono", "Noto Sans Mono CJK SC"};
  TextLine title;
  std::optional<TextLine> subtitle;
  std::vector<double> rules_y_mm;  // horizontal rules across the frame
  ImageBox photo;
  ImageBox qr;
  QrEcLevel qr_ec_level = QrEcLevel::M;
  NumberBlock number;
  FieldTable fields;
  NoteBlock note;
};

// Reads <dir>/<group>.json and merges its "cities"[city] override (an RFC 7386 merge patch) over
// the base. Throws std::runtime_error naming the file and the problem: missing file, bad JSON,
// missing or mistyped key, unknown placeholder, a box off the page, two boxes overlapping, or a
// group reserved for other cities.
ReceiptLayout load_receipt_layout(const std::filesystem::path& dir, char group, std::string_view city);

}  // namespace rs::issuing
