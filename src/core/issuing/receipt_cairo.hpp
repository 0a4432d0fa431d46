#pragma once
// Thin RAII and text helpers over cairo for the receipt painter. Internal to issuing/.
#include <cairo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rs::issuing::cairo_util {

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceFree>;
using Context = std::unique_ptr<cairo_t, ContextFree>;

// Throws std::runtime_error("<what>: <cairo status text>") when the surface or context failed.
void check(cairo_surface_t* s, const std::string& what);
void check(cairo_t* c, const std::string& what);

// Selects a fontconfig family (e.g. "Noto Sans CJK SC") at `size` user units (millimetres here).
void select_font(cairo_t* cr, const std::string& family, bool bold, double size);

// The first of `families` that fontconfig really has (regular and bold), because fontconfig
// silently substitutes another font for a missing one. Throws std::runtime_error listing them.
std::string pick_family(cairo_t* cr, const std::vector<std::string>& families);

// Whether fontconfig gave `font` the family asked for (it substitutes another one silently).
bool is_family(cairo_scaled_font_t* font, const std::string& family);

// Whether `font` has a glyph for the one code point `code_point` (UTF-8).
bool has_glyph(cairo_scaled_font_t* font, std::string_view code_point);

// Advance width of printable_text(text) with the current font and its fallbacks.
double text_width(cairo_t* cr, std::string_view text);

// Draws printable_text(text) with its baseline start at (x, y); the PDF keeps the text itself,
// so copying or searching it gives the right characters. A character the current font lacks is
// drawn in the first of receipt_fallback_families() that is installed and has it (cairo itself
// draws a run with one font and never falls back). Throws std::runtime_error naming the
// character (U+XXXX) when no font has it: a receipt of empty boxes must never be printed.
void show_text(cairo_t* cr, std::string_view text, double x, double y, const std::string& family);

}  // namespace rs::issuing::cairo_util
