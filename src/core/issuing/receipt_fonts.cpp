#include "core/issuing/receipt_fonts.hpp"

#include <cairo.h>

#include <algorithm>

#include "core/issuing/receipt_cairo.hpp"
#include "core/issuing/receipt_layout.hpp"
#include "core/issuing/receipt_text.hpp"
#include "core/util/utf8.hpp"

namespace rs::issuing {
namespace {

// Characters no font draws (they have no glyph, or only a placeholder box): left out of print.
bool invisible(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||                          // C0, DEL, C1
         c == 0xAD || c == 0x061C || (c >= 0x180B && c <= 0x180F) ||      // soft hyphen, ALM, Mongolian FVS
         (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||  // zero-width, bidi marks
         (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xE0000 && c <= 0xE01EF);  // variation selectors, tags
}

bool c0_space(char32_t c) { return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// One scaled font per installed family of the chain, made once per process. Scaled fonts may be
// shared between threads (cairo locks them); nothing here changes after construction.
class Coverage {
 public:
  Coverage() {
    std::vector<std::string> chain = ReceiptLayout{}.fonts;
    for (const auto& f : receipt_fallback_families())
      if (std::find(chain.begin(), chain.end(), f) == chain.end()) chain.push_back(f);
    cairo_matrix_t size, identity;
    cairo_matrix_init_scale(&size, 10, 10);
    cairo_matrix_init_identity(&identity);
    cairo_font_options_t* options = cairo_font_options_create();
    std::string missing;
    for (const auto& family : chain) {
      cairo_font_face_t* face =
          cairo_toy_font_face_create(family.c_str(), CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_scaled_font_t* font = cairo_scaled_font_create(face, &size, &identity, options);
      cairo_font_face_destroy(face);  // the scaled font keeps its own reference
      if (cairo_scaled_font_status(font) == CAIRO_STATUS_SUCCESS && cairo_util::is_family(font, family)) {
        fonts_.push_back(font);
        names_ += (names_.empty() ? "" : ", ") + family;
      } else {
        cairo_scaled_font_destroy(font);  // fontconfig substituted another font: not installed
        missing += (missing.empty() ? "" : ", ") + family;
      }
    }
    cairo_font_options_destroy(options);
    if (!missing.empty()) names_ += "; not installed: " + missing;
  }
  ~Coverage() {
    for (auto* f : fonts_) cairo_scaled_font_destroy(f);
  }
  Coverage(const Coverage&) = delete;
  Coverage& operator=(const Coverage&) = delete;

  bool covers(std::string_view code_point) const {
    for (auto* f : fonts_)
      if (cairo_util::has_glyph(f, code_point)) return true;
    return false;
  }
  const std::string& names() const { return names_; }

 private:
  std::vector<cairo_scaled_font_t*> fonts_;
  std::string names_;
};

const Coverage& coverage() {
  static const Coverage c;
  return c;
}
}  // namespace

const std::vector<std::string>& receipt_fallback_families() {
  static const std::vector<std::string> families = {"Noto Sans CJK SC", "HanaMinA", "HanaMinB", "DejaVu Sans"};
  return families;
}

std::string printable_text(std::string_view text) {
  std::string out;
  for (const auto& cp : utf8_code_points(text)) {
    const char32_t c = code_point_value(cp);
    if (c0_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (!invisible(c)) {
      out += cp;
    }
  }
  return out;
}

void load_receipt_fonts() { coverage(); }

std::optional<std::string> receipt_text_problem(std::string_view text, std::string_view field) {
  const std::string printed = printable_text(text);
  for (const auto& cp : utf8_code_points(printed)) {
    if (coverage().covers(cp)) continue;
    return std::string(field) + ": " + utf8::code_point_name(code_point_value(cp)) + " (in \"" + printed +
           "\") is in none of the receipt's fonts (" + coverage().names() + "); the receipt could not be printed";
  }
  return std::nullopt;
}

}  // namespace rs::issuing
