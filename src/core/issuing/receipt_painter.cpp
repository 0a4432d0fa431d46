#include "core/issuing/receipt_painter.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/issuing/receipt_cairo.hpp"
#include "core/issuing/receipt_text.hpp"

namespace rs::issuing {
namespace cu = cairo_util;

namespace {
constexpr int kQuietModules = 4;        // the QR standard's quiet zone
constexpr double kLineHeightEm = 1.25;  // same as the layout's
constexpr double kMinTextMm = 1.5;      // below this a printed character is unreadable

void set_gray(cairo_t* cr, double g) { cairo_set_source_rgb(cr, g, g, g); }

// Baseline of text of em size `size` centred in a line box starting at `top` of height `line_h`.
// Ideographs span 0.88 em above and 0.12 em below the baseline.
double baseline_in(double top, double line_h, double size) { return top + line_h / 2 + 0.38 * size; }

// Draws one line into [x, x+w], shrinking the font when the text is wider than w.
void draw_line(cairo_t* cr, const std::string& text, double x, double w, double top, double line_h, double size,
               TextAlign align, const std::string& family, bool bold) {
  cu::select_font(cr, family, bold, size);
  double tw = cu::text_width(cr, text);
  if (tw > w) {
    size *= w / tw;
    cu::select_font(cr, family, bold, size);
    tw = cu::text_width(cr, text);
  }
  double tx = align == TextAlign::Left ? x : align == TextAlign::Center ? x + (w - tw) / 2 : x + w - tw;
  cu::show_text(cr, text, tx, baseline_in(top, line_h, size), family);
}

void draw_text_line(cairo_t* cr, const TextLine& t, const ReceiptLayout& l, const ReceiptContent& c) {
  set_gray(cr, 0);
  draw_line(cr, expand_template(t.text, c.values), t.box.x, t.box.w, t.box.y, t.box.h, t.size_mm, t.align, c.font,
            t.bold);
}

void draw_caption(cairo_t* cr, const ImageBox& ib, const ReceiptLayout& l, const ReceiptContent& c) {
  if (ib.caption.empty()) return;
  set_gray(cr, 0.25);
  draw_line(cr, expand_template(ib.caption, c.values), ib.box.x, ib.box.w, ib.box.bottom() + 1.0,
            ib.caption_size_mm * kLineHeightEm, ib.caption_size_mm, TextAlign::Center, c.font, false);
}

void draw_frame_and_rules(cairo_t* cr, const ReceiptLayout& l) {
  set_gray(cr, 0.2);
  const double in = l.frame_inset_mm;
  if (in > 0) {
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, in, in, l.page_w_mm - 2 * in, l.page_h_mm - 2 * in);
    cairo_stroke(cr);
  }
  cairo_set_line_width(cr, 0.3);
  for (double y : l.rules_y_mm) {
    cairo_move_to(cr, in + 4, y);
    cairo_line_to(cr, l.page_w_mm - in - 4, y);
  }
  cairo_stroke(cr);
}

// The photo at its physical size: scaled uniformly into the box (GA 461's 358x441 px fills
// 26x32 mm), centred, with a hairline border so a cut-out edge is visible.
void draw_photo(cairo_t* cr, const ImageBox& ib, cairo_surface_t* photo) {
  const double pw = cairo_image_surface_get_width(photo), ph = cairo_image_surface_get_height(photo);
  const double s = std::min(ib.box.w / pw, ib.box.h / ph);
  cairo_save(cr);
  cairo_translate(cr, ib.box.x + (ib.box.w - pw * s) / 2, ib.box.y + (ib.box.h - ph * s) / 2);
  cairo_scale(cr, s, s);
  cairo_set_source_surface(cr, photo, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_rectangle(cr, 0, 0, pw, ph);
  cairo_fill(cr);
  cairo_restore(cr);
  set_gray(cr, 0.4);
  cairo_set_line_width(cr, 0.2);
  cairo_rectangle(cr, ib.box.x, ib.box.y, ib.box.w, ib.box.h);
  cairo_stroke(cr);
}

// Dark modules as rectangles, one path filled once: adjacent modules merge without hairline
// seams in PDF viewers. On a raster surface each module is a whole number of device pixels.
void draw_qr(cairo_t* cr, const ImageBox& ib, const QrMatrix& m, bool raster) {
  const int n = m.size + 2 * kQuietModules;
  double x0 = ib.box.x, y0 = ib.box.y, module = ib.box.w / n;
  cairo_save(cr);
  set_gray(cr, 1);
  cairo_rectangle(cr, ib.box.x, ib.box.y, ib.box.w, ib.box.h);
  cairo_fill(cr);
  if (raster) {
    double dx = ib.box.x, dy = ib.box.y, dw = ib.box.w, dh = 0;
    cairo_user_to_device(cr, &dx, &dy);
    cairo_user_to_device_distance(cr, &dw, &dh);
    const double px = std::floor(dw / n);
    if (px >= 1) {
      cairo_identity_matrix(cr);
      const double pad = std::floor((dw - px * n) / 2);
      x0 = std::round(dx) + pad;
      y0 = std::round(dy) + pad;
      module = px;
    }
  }
  for (int y = 0; y < m.size; ++y)
    for (int x = 0; x < m.size;) {
      if (!m.dark(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < m.size && m.dark(x + run, y)) ++run;
      cairo_rectangle(cr, x0 + (kQuietModules + x) * module, y0 + (kQuietModules + y) * module, run * module, module);
      x += run;
    }
  set_gray(cr, 0);
  cairo_fill(cr);
  cairo_restore(cr);
}

void draw_number(cairo_t* cr, const NumberBlock& nb, const ReceiptLayout& l, const ReceiptContent& c) {
  const double label_h = nb.label_size_mm * kLineHeightEm;
  set_gray(cr, 0.25);
  draw_line(cr, nb.label, nb.box.x, nb.box.w, nb.box.y, label_h, nb.label_size_mm, TextAlign::Center, c.font, false);
  set_gray(cr, 0);
  draw_line(cr, c.values.at("image_number"), nb.box.x, nb.box.w, nb.box.y + label_h, nb.size_mm * kLineHeightEm,
            nb.size_mm, TextAlign::Center, c.number_font, true);
}

void draw_fields(cairo_t* cr, const FieldTable& f, const ReceiptLayout& l, const ReceiptContent& c) {
  const double value_x = f.box.x + f.label_width_mm, value_w = f.box.w - f.label_width_mm;
  for (size_t i = 0; i < f.rows.size(); ++i) {
    const double top = f.box.y + f.row_mm * static_cast<double>(i);
    set_gray(cr, 0.3);
    draw_line(cr, f.rows[i].label, f.box.x, f.label_width_mm - 1, top, f.row_mm, f.size_mm, TextAlign::Left, c.font,
              false);
    set_gray(cr, 0);
    draw_line(cr, expand_template(f.rows[i].value, c.values), value_x, value_w, top, f.row_mm, f.size_mm,
              TextAlign::Left, c.font, false);
    set_gray(cr, 0.75);  // a form's writing line under the value
    cairo_set_line_width(cr, 0.15);
    cairo_move_to(cr, value_x, top + f.row_mm - 1.2);
    cairo_line_to(cr, f.box.right(), top + f.row_mm - 1.2);
    cairo_stroke(cr);
  }
}

// The note wraps inside its box; when the lines are too many it shrinks until they fit.
void draw_note(cairo_t* cr, const NoteBlock& nb, const ReceiptLayout& l, const ReceiptContent& c) {
  const std::string text = expand_template(nb.text, c.values);
  for (double size = nb.size_mm; size >= kMinTextMm; size *= 0.9) {
    cu::select_font(cr, c.font, false, size);
    auto lines = wrap_text(text, nb.box.w, [cr](std::string_view s) { return cu::text_width(cr, s); });
    const double line_h = size * 1.45;
    if (line_h * static_cast<double>(lines.size()) > nb.box.h) continue;
    set_gray(cr, 0.15);
    for (size_t i = 0; i < lines.size(); ++i)
      cu::show_text(cr, lines[i], nb.box.x, baseline_in(nb.box.y + line_h * static_cast<double>(i), line_h, size),
                    c.font);
    return;
  }
  throw std::runtime_error("receipt layout " + l.source.string() + ": note: the text does not fit its " +
                           std::to_string(nb.box.w) + "x" + std::to_string(nb.box.h) + " mm box");
}
}  // namespace

void paint_receipt(cairo_t* cr, const ReceiptLayout& l, const ReceiptContent& c, bool raster) {
  // Unhinted outlines: the same glyph positions on paper at 350 dpi and in the PDF.
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr, fo);
  cairo_font_options_destroy(fo);

  set_gray(cr, 1);
  cairo_paint(cr);
  draw_frame_and_rules(cr, l);
  draw_text_line(cr, l.title, l, c);
  if (l.subtitle) draw_text_line(cr, *l.subtitle, l, c);
  draw_photo(cr, l.photo, c.photo);
  draw_caption(cr, l.photo, l, c);
  draw_qr(cr, l.qr, c.qr, raster);
  draw_caption(cr, l.qr, l, c);
  draw_number(cr, l.number, l, c);
  draw_fields(cr, l.fields, l, c);
  draw_note(cr, l.note, l, c);
  cu::check(cr, "receipt drawing");
}

}  // namespace rs::issuing
