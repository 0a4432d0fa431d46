#include "ui/fonts.hpp"

#include <imgui.h>

#include <cstdio>
#include <filesystem>

#include "core/i18n/text.hpp"

namespace rs::ui {
namespace {
constexpr const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr int kSimplifiedChineseFace = 2;  // faces in the .ttc: JP, KR, SC, TC, HK, ...

// Common simplified Chinese + everything the text tables say (rare characters included) +
// the symbols the panels draw.
ImVector<ImWchar> body_ranges() {
  ImFontGlyphRangesBuilder b;
  b.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesChineseSimplifiedCommon());
  for (auto lang : {Language::Chinese, Language::English})
    for (const auto& [key, text] : text_table(lang)) b.AddText(text.data(), text.data() + text.size());
  b.AddText("°±×≥≤–—·…←→↑↓●○■□▶✓✗");
  ImVector<ImWchar> out;
  b.BuildRanges(&out);
  return out;
}

// The heading font only needs the interface words and digits.
ImVector<ImWchar> heading_ranges() {
  ImFontGlyphRangesBuilder b;
  b.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
  for (const auto& [key, text] : text_table(Language::Chinese)) b.AddText(text.data(), text.data() + text.size());
  ImVector<ImWchar> out;
  b.BuildRanges(&out);
  return out;
}
}  // namespace

Fonts load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts f;
  // The atlas keeps pointers to the ranges until it is built: keep them alive for the program.
  static ImVector<ImWchar> body, heading;
  if (!std::filesystem::exists(kCjkFont)) {
    std::fprintf(stderr, "reviewstation: %s missing (install fonts-noto-cjk); Chinese will not render\n", kCjkFont);
    ImFontConfig cfg;
    cfg.SizePixels = 15 * scale;
    f.body = f.heading = io.Fonts->AddFontDefault(&cfg);
    return f;
  }
  body = body_ranges();
  heading = heading_ranges();
  ImFontConfig cfg;
  cfg.FontNo = kSimplifiedChineseFace;
  cfg.OversampleH = 1;  // thousands of CJK glyphs: keep the atlas small, snap to whole pixels
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  f.body = io.Fonts->AddFontFromFileTTF(kCjkFont, 17.0f * scale, &cfg, body.Data);
  f.heading = io.Fonts->AddFontFromFileTTF(kCjkFont, 22.0f * scale, &cfg, heading.Data);
  f.cjk = f.body && f.heading;
  if (!f.cjk) {
    std::fprintf(stderr, "reviewstation: cannot load %s; using ImGui's default font\n", kCjkFont);
    io.Fonts->Clear();
    f.body = f.heading = io.Fonts->AddFontDefault();
  }
  io.FontDefault = f.body;
  return f;
}

}  // namespace rs::ui
