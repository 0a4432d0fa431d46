#include "core/issuing/receipt_cairo.hpp"

#include <cairo-ft.h>

#include <stdexcept>

#include "core/issuing/receipt_fonts.hpp"
#include "core/issuing/receipt_text.hpp"
#include "core/util/utf8.hpp"

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

namespace {
struct GlyphsFree {
  void operator()(cairo_glyph_t* g) const { cairo_glyph_free(g); }
};
struct ClustersFree {
  void operator()(cairo_text_cluster_t* c) const { cairo_text_cluster_free(c); }
};
using Glyphs = std::unique_ptr<cairo_glyph_t, GlyphsFree>;

// cairo_save now, cairo_restore at the end of the scope (also when a lookup throws).
class SavedState {
 public:
  explicit SavedState(cairo_t* cr) : cr_(cr) { cairo_save(cr_); }
  ~SavedState() { cairo_restore(cr_); }
  SavedState(const SavedState&) = delete;
  SavedState& operator=(const SavedState&) = delete;

 private:
  cairo_t* cr_;
};

// The family name of the font file fontconfig chose for a scaled font ("" if not FreeType).
std::string chosen_family(cairo_scaled_font_t* sf) {
  if (cairo_scaled_font_get_type(sf) != CAIRO_FONT_TYPE_FT) return {};
  FT_Face face = cairo_ft_scaled_font_lock_face(sf);
  std::string name = face && face->family_name ? face->family_name : "";
  cairo_ft_scaled_font_unlock_face(sf);
  return name;
}

bool installed(cairo_t* cr, const std::string& family, bool bold) {
  select_font(cr, family, bold, 10);
  return is_family(cairo_get_scaled_font(cr), family);
}

// Glyph indices of `text` in the scaled font, one per code point (cairo's FreeType backend maps
// characters one to one); index 0 is "no glyph".
Glyphs to_glyphs(cairo_scaled_font_t* sf, std::string_view text, double x, double y, int& count) {
  cairo_glyph_t* raw = nullptr;
  count = 0;
  cairo_status_t st = cairo_scaled_font_text_to_glyphs(sf, x, y, text.data(), static_cast<int>(text.size()), &raw,
                                                       &count, nullptr, nullptr, nullptr);
  Glyphs glyphs(raw);
  if (st != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot lay out text '" + std::string(text) + "': " + cairo_status_to_string(st));
  return glyphs;
}

bool all_glyphs(cairo_scaled_font_t* sf, std::string_view text) {
  int count = 0;
  Glyphs g = to_glyphs(sf, text, 0, 0, count);
  for (int i = 0; i < count; ++i)
    if (g.get()[i].index == 0) return false;
  return true;
}

// The current font face as the painter selected it (a toy face: family, slant, weight).
struct Face {
  std::string family;
  cairo_font_slant_t slant = CAIRO_FONT_SLANT_NORMAL;
  cairo_font_weight_t weight = CAIRO_FONT_WEIGHT_NORMAL;
};

Face current_face(cairo_t* cr) {
  cairo_font_face_t* f = cairo_get_font_face(cr);
  if (cairo_font_face_get_type(f) != CAIRO_FONT_TYPE_TOY) return {};
  return {cairo_toy_font_face_get_family(f), cairo_toy_font_face_get_slant(f), cairo_toy_font_face_get_weight(f)};
}

// Selects `family` in the current face's slant and weight; the size (font matrix) stays.
void select_family(cairo_t* cr, const Face& face, const std::string& family) {
  cairo_select_font_face(cr, family.c_str(), face.slant, face.weight);
}

// A piece of text drawn with one family.
struct Run {
  std::string family;
  std::string text;
};

// The current family, then the installed fallbacks; checked only when a character is missing.
std::vector<std::string> font_chain(cairo_t* cr, const Face& face) {
  std::vector<std::string> chain = {face.family};
  SavedState saved(cr);
  for (const auto& f : receipt_fallback_families())
    if (f != face.family && installed(cr, f, face.weight == CAIRO_FONT_WEIGHT_BOLD)) chain.push_back(f);
  return chain;
}

// Splits printable text into runs of one family each: the current one wherever it has the glyph.
std::vector<Run> font_runs(cairo_t* cr, const std::string& text) {
  const Face face = current_face(cr);
  if (face.family.empty() || all_glyphs(cairo_get_scaled_font(cr), text)) return {{face.family, text}};
  const std::vector<std::string> chain = font_chain(cr, face);
  std::vector<Run> runs;
  SavedState saved(cr);
  for (const auto& cp : utf8_code_points(text)) {
    const std::string* found = nullptr;
    for (const auto& family : chain) {
      select_family(cr, face, family);
      if (has_glyph(cairo_get_scaled_font(cr), cp)) {
        found = &family;
        break;
      }
    }
    if (!found) {
      std::string tried;
      for (const auto& f : chain) tried += (tried.empty() ? "" : ", ") + f;
      throw std::runtime_error("no installed font has " + utf8::code_point_name(code_point_value(cp)) + " in '" + text +
                               "' (tried " + tried + "; fonts-noto-cjk and fonts-hanazono provide them)");
    }
    if (runs.empty() || runs.back().family != *found) runs.push_back({*found, {}});
    runs.back().text += cp;
  }
  return runs;
}

double run_width(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text.c_str(), &ext);
  return ext.x_advance;
}

// Draws one run with the current font, its text kept in the PDF; returns its advance.
double show_run(cairo_t* cr, const std::string& text, double x, double y, const std::string& family) {
  cairo_glyph_t* raw = nullptr;
  cairo_text_cluster_t* raw_clusters = nullptr;
  int count = 0, cluster_count = 0;
  cairo_text_cluster_flags_t flags{};
  cairo_status_t st =
      cairo_scaled_font_text_to_glyphs(cairo_get_scaled_font(cr), x, y, text.data(), static_cast<int>(text.size()),
                                       &raw, &count, &raw_clusters, &cluster_count, &flags);
  Glyphs glyphs(raw);
  std::unique_ptr<cairo_text_cluster_t, ClustersFree> clusters(raw_clusters);
  if (st != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cannot lay out text '" + text + "': " + cairo_status_to_string(st));
  auto cps = utf8_code_points(text);
  for (int i = 0; i < count; ++i)
    if (glyphs.get()[i].index == 0)
      throw std::runtime_error("font '" + family + "' has no glyph for '" +
                               (static_cast<size_t>(i) < cps.size() ? cps[static_cast<size_t>(i)] : "?") + "' in '" +
                               text + "'");
  cairo_show_text_glyphs(cr, text.data(), static_cast<int>(text.size()), glyphs.get(), count, clusters.get(),
                         cluster_count, flags);
  return run_width(cr, text);
}
}  // namespace

bool is_family(cairo_scaled_font_t* font, const std::string& family) {
  const std::string got = chosen_family(font);
  return got.empty() || got.rfind(family, 0) == 0 || family.rfind(got, 0) == 0;
}

bool has_glyph(cairo_scaled_font_t* font, std::string_view code_point) {
  int count = 0;
  Glyphs g = to_glyphs(font, code_point, 0, 0, count);
  return count == 1 && g.get()[0].index != 0;
}

double text_width(cairo_t* cr, std::string_view raw) {
  const std::string text = printable_text(raw);
  if (text.empty()) return 0;
  const Face face = current_face(cr);
  const auto runs = font_runs(cr, text);
  if (runs.size() == 1 && runs[0].family == face.family) return run_width(cr, text);
  double w = 0;
  SavedState saved(cr);
  for (const auto& r : runs) {
    select_family(cr, face, r.family);
    w += run_width(cr, r.text);
  }
  return w;
}

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

void show_text(cairo_t* cr, std::string_view raw, double x, double y, const std::string& family) {
  const std::string text = printable_text(raw);
  if (text.empty()) return;
  const Face face = current_face(cr);
  const auto runs = font_runs(cr, text);
  if (runs.size() == 1 && runs[0].family == face.family) {
    show_run(cr, text, x, y, family);
    return;
  }
  SavedState saved(cr);
  for (const auto& r : runs) {
    select_family(cr, face, r.family);
    x += show_run(cr, r.text, x, y, r.family);
  }
}

}  // namespace rs::issuing::cairo_util
