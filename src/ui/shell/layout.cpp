#include "ui/shell/layout.hpp"

#include <algorithm>
#include <cstdio>
#include <system_error>

#include "core/review/view_transform.hpp"

namespace rs::ui {
namespace {
constexpr int kPanels = 4;
struct SeenRect {
  ImVec2 min, max;
  bool seen = false;
};
SeenRect g_seen[kPanels];  // UI thread only: where each panel was last frame
review::Vec2 v2(ImVec2 v) { return {v.x, v.y}; }
}  // namespace

PanelRect default_panel_rect(Panel p, ImVec2 pos, ImVec2 size, float scale) {
  float bar_h = 132 * scale;  // decision bar across the bottom
  float left_w = std::max(280.0f * scale, size.x * 0.21f);
  float right_w = std::max(360.0f * scale, size.x * 0.27f);
  float main_h = size.y - bar_h;
  switch (p) {
    case Panel::Queue: return {pos, {left_w, main_h}};
    case Panel::Photo: return {{pos.x + left_w, pos.y}, {size.x - left_w - right_w, main_h}};
    case Panel::Findings: return {{pos.x + size.x - right_w, pos.y}, {right_w, main_h}};
    case Panel::Decision: return {{pos.x, pos.y + main_h}, {size.x, bar_h}};
  }
  return {pos, size};
}

ImGuiWindowFlags place_panel(Panel p, bool force, float scale) {
  // Below the main menu bar; computed here because the viewport's work area only learns about the
  // menu bar at the end of the first frame, when the panels have already been placed.
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  float menu_h = ImGui::GetFrameHeight();
  PanelRect r = default_panel_rect(p, {vp->Pos.x, vp->Pos.y + menu_h}, {vp->Size.x, vp->Size.y - menu_h}, scale);
  ImGuiCond cond = force ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(r.pos, cond);
  ImGui::SetNextWindowSize(r.size, cond);
  const SeenRect& me = g_seen[int(p)];
  if (force || !me.seen) return ImGuiWindowFlags_None;  // not yet known: draw the background
  for (int i = 0; i < kPanels; ++i) {
    const SeenRect& o = g_seen[i];
    if (i != int(p) && o.seen && review::rects_overlap(v2(me.min), v2(me.max), v2(o.min), v2(o.max)))
      return ImGuiWindowFlags_None;
  }
  return ImGuiWindowFlags_NoBackground;
}

void note_panel_rect(Panel p) {
  ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  // Hidden or collapsed panels cover nothing.
  bool shown = !ImGui::IsWindowCollapsed() && size.x > 0 && size.y > 0;
  g_seen[int(p)] = {pos, {pos.x + size.x, pos.y + size.y}, shown};
}

float button_width(const char* label, float ems) {
  return std::max(ImGui::GetFontSize() * ems, ImGui::CalcTextSize(label).x + 4 * ImGui::GetStyle().FramePadding.x);
}

bool install_layout_file(const std::filesystem::path& config_dir, const std::filesystem::path& data_dir) {
  namespace fs = std::filesystem;
  static std::string ini_path;  // io.IniFilename keeps the pointer
  fs::path user_ini = config_dir / "imgui.ini";
  ini_path = user_ini.string();
  ImGui::GetIO().IniFilename = ini_path.c_str();
  std::error_code ec;
  if (fs::exists(user_ini, ec)) return false;
  fs::path shipped = data_dir / "imgui.ini";
  fs::copy_file(shipped, user_ini, ec);
  if (ec)
    std::fprintf(stderr, "reviewstation: default layout %s not copied (%s); using the built-in tiling\n",
                 shipped.string().c_str(), ec.message().c_str());
  return !ec;
}

}  // namespace rs::ui
