#include "core/issuing/receipt_cairo.hpp"

#include <cairo-ft.h>

#include <stdexcept>

#include "core/issuing/receipt_text.hpp"

namespace rs::issuing::cairo_util {

void check(cairo_surface_t* s, const std::string& what) {
  if (cairo_status_t st = cairo_surface_status(s); st != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(what + ": " + cairo_status_to_string(st));
}

void check(cairo_t* c, const std::string& what) {
  if (cairo_status_t st = cairo_status(c); st != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(what + ": " + cairo_status_to_string(st));
}

void select_font(cairo_t* cr, const std::string& family, bool bold, double size) {
  cairo_select_font_face(cr, family.c_str(), CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double text_width(cairo_t* cr, std::string_view text) {
  const std::string s(text);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, s.c_str(), &ext);
  return ext.x_advance;
}

namespace {
struct GlyphsFree {
  void operator()(cairo_glyph_t* g) const { cairo_glyph_free(g); }
};
struct ClustersFree {
  void operator()(cairo_text_cluster_t* c) const { cairo_text_cluster_free(c); }
};

// The family name of the font file fontconfig chose for the current face ("" if not FreeType).
std::string chosen_family(cairo_t* cr) {
  cairo_scaled_font_t* sf = cairo_get_scaled_font(cr);
  if (cairo_scaled_font_get_type(sf) != CAIRO_FONT_TYPE_FT) return {};
  FT_Face face = cairo_ft_scaled_font_lock_face(sf);
  std::string name = face && face->family_name ? face->family_name : "";
  cairo_ft_scaled_font_unlock_face(sf);
  return name;
}

bool installed(cairo_t* cr, const std::string& family, bool bold) {
  select_font(cr, family, bold, 10);
  const std::string got = chosen_family(cr);
  return got.empty() || got.rfind(family, 0) == 0 || family.rfind(got, 0) == 0;
}

// The character behind glyph i, for the error message (one glyph per code point with CJK fonts).
std::string char_at(std::string_view text, int i) {
  auto cps = utf8_code_points(text);
  return i >= 0 && static_cast<size_t>(i) < cps.size() ? cps[static_cast<size_t>(i)] : "?";
}
}  // namespace

std::string pick_family(cairo_t* cr, const std::vector<std::string>& families) {
  cairo_save(cr);
  std::string tried;
  for (const auto& f : families) {
    if (installed(cr, f, false) && installed(cr, f, true)) {
      cairo_restore(cr);
      return f;
    }
    tried += (tried.empty() ? "" : ", ") + f;
  }
  cairo_restore(cr);
  throw std::runtime_error("none of the fonts " + tried + " is installed (fonts-noto-cjk provides Noto Sans CJK SC)");
}

void show_text(cairo_t* cr, std::string_view text, double x, double y, const std::string& family) {
  if (text.empty()) return;
  cairo_glyph_t* raw = nullptr;
  cairo_text_cluster_t* raw_clusters = nullptr;
  int count = 0, cluster_count = 0;
  cairo_text_cluster_flags_t flags{};
  cairo_status_t st = cairo_scaled_font_text_to_glyphs(cairo_get_scaled_font(cr), x, y, text.data(),
                                                       static_cast<int>(text.size()), &raw, &count,
                                                       &raw_clusters, &cluster_count, &flags);
  std::unique_ptr<cairo_glyph_t, GlyphsFree> glyphs(raw);
  std::unique_ptr<cairo_text_cluster_t, ClustersFree> clusters(raw_clusters);
  if (st != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot lay out text '" + std::string(text) + "': " + cairo_status_to_string(st));
  for (int i = 0; i < count; ++i)
    if (glyphs.get()[i].index == 0)
      throw std::runtime_error("font '" + family + "' has no glyph for '" + char_at(text, i) + "' in '" +
                               std::string(text) + "' (is fonts-noto-cjk installed?)");
  cairo_show_text_glyphs(cr, text.data(), static_cast<int>(text.size()), glyphs.get(), count, clusters.get(),
                         cluster_count, flags);
}

}  // namespace rs::issuing::cairo_util
