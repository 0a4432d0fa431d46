#include "ui/shell/fonts.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <filesystem>

#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/i18n/text.hpp"

namespace rs::ui {
namespace {
constexpr const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr int kSimplifiedChineseFace = 2;   // faces in the .ttc: JP, KR, SC, TC, HK, ...
constexpr unsigned kMaxCodepoint = 0xFFFF;  // ImWchar is 16-bit in Debian's ImGui build

// Symbols that measured values and thresholds use (ΔE, µ, ℃, ≈, ①, arrows, shapes), so a new
// order's findings do not make the atlas grow (a rebuild takes ~200 ms of the UI thread): Greek,
// super/subscripts, letterlike symbols, arrows, mathematical operators, enclosed numbers and
// geometric shapes. Characters the font lacks are skipped when the atlas is built.
constexpr ImWchar kSymbolRanges[] = {0x0370, 0x03FF, 0x2070, 0x209F, 0x2100, 0x214F, 0x2190, 0x21FF,
                                     0x2200, 0x22FF, 0x2460, 0x24FF, 0x25A0, 0x25FF, 0};

// Everything the product itself can say: text tables, city and document names, symbols.
void add_product_text(ImFontGlyphRangesBuilder& b) {
  for (auto lang : {Language::Chinese, Language::English})
    for (const auto& [key, text] : text_table(lang)) b.AddText(text.data(), text.data() + text.size());
  for (const auto& c : guangdong_cities()) b.AddText(c.name_zh.data(), c.name_zh.data() + c.name_zh.size());
  for (auto t : all_doc_types()) {
    auto n = doc_type_name_zh(t);
    b.AddText(n.data(), n.data() + n.size());
  }
  b.AddText("°±×≥≤–—·…←→↑↓●○■□▶✓✗↻⇧");
}

// Decodes UTF-8 leniently: a malformed byte is skipped, never trusted.
template <class F>
void for_each_codepoint(std::string_view s, F f) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + std::size_t(n) > s.size()) {
      ++i;
      continue;
    }
    unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + std::size_t(k)]) & 0x3Fu);
    f(cp);
    i += std::size_t(n);
  }
}
}  // namespace

void Fonts::build(float scale) {
  scale_ = scale;
  load();
}

void Fonts::load() {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // The atlas keeps pointers to the ranges until it is built: they live as long as the program.
  static ImVector<ImWchar> body_ranges, heading_ranges;
  if (!std::filesystem::exists(kCjkFont)) {
    std::fprintf(stderr, "reviewstation: %s missing (install fonts-noto-cjk); Chinese will not render\n", kCjkFont);
    ImFontConfig cfg;
    cfg.SizePixels = 15 * scale_;
    body = heading = io.Fonts->AddFontDefault(&cfg);
    cjk = false;
    return;
  }
  {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    b.AddRanges(kSymbolRanges);
    add_product_text(b);
    for (unsigned cp : extra_) b.AddChar(ImWchar(cp));
    body_ranges.clear();
    b.BuildRanges(&body_ranges);
  }
  {
    ImFontGlyphRangesBuilder b;  // the heading font shows order numbers, figures and labels only
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    add_product_text(b);
    for (unsigned cp : extra_) b.AddChar(ImWchar(cp));
    heading_ranges.clear();
    b.BuildRanges(&heading_ranges);
  }
  ImFontConfig cfg;
  cfg.FontNo = kSimplifiedChineseFace;
  cfg.OversampleH = 1;  // thousands of CJK glyphs: keep the atlas small, snap to whole pixels
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  body = io.Fonts->AddFontFromFileTTF(kCjkFont, 17.0f * scale_, &cfg, body_ranges.Data);
  heading = io.Fonts->AddFontFromFileTTF(kCjkFont, 22.0f * scale_, &cfg, heading_ranges.Data);
  cjk = body && heading && io.Fonts->Build();
  if (!cjk) {
    std::fprintf(stderr, "reviewstation: cannot load %s; using ImGui's default font\n", kCjkFont);
    io.Fonts->Clear();
    body = heading = io.Fonts->AddFontDefault();
  }
  io.FontDefault = body;
}

void Fonts::want(std::string_view utf8) {
  if (!body || !cjk) return;
  for_each_codepoint(utf8, [&](unsigned cp) {
    if (cp < 0x80 || cp > kMaxCodepoint || extra_.count(cp)) return;
    if (body->FindGlyphNoFallback(ImWchar(cp))) return;
    extra_.insert(cp);
    dirty_ = true;
  });
}

bool Fonts::rebuild_if_needed() {
  if (!dirty_) return false;
  dirty_ = false;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  load();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  return true;
}

}  // namespace rs::ui
